"""Every command the README shows works exactly as written, in a fresh database.

The two set-up commands (between their `<!-- run-command -->` and `<!-- test-command -->`
markers) build a virtual environment and serve or test the portal: `.ci/run` runs both on
a clean clone. Every other shell block is run here, line by line as one bash script, in an
empty folder holding only what the commands expect beside them (`manage.py` and `.venv`),
with a new SQLite database.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
README = PROJECT / "README.md"
SET_UP = re.compile(r"<!-- (run|test)-command -->\n```sh\n.*?```", re.S)


def shell_blocks() -> list[str]:
    text = SET_UP.sub("", README.read_text(encoding="utf-8"))
    return re.findall(r"```sh\n(.*?)```", text, re.S)


def test_the_readme_shows_its_set_up_commands_and_other_blocks():
    assert len(SET_UP.findall(README.read_text(encoding="utf-8"))) == 2
    assert shell_blocks(), "the README shows commands beyond its two set-up commands"


@pytest.mark.slow
@pytest.mark.parametrize("block", shell_blocks(), ids=lambda block: block.split("\n")[1][:60])
def test_each_readme_block_runs_as_written_in_a_fresh_database(block, tmp_path):
    (tmp_path / "manage.py").symlink_to(PROJECT / "manage.py")
    (tmp_path / ".venv").symlink_to(Path(sys.prefix))  # the environment running the tests
    keep = {"PATH", "HOME", "LANG", "SYSTEMROOT"}
    env = {name: value for name, value in os.environ.items() if name in keep}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        DEMO_PASSWORD_FILE=str(tmp_path / "demo-password"),
    )
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", block],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    if "import_return" in block:
        assert "Imported into Borsetshire's Q3 2015/16 return" in result.stdout
    for name in re.findall(r"--output (\S+)", block):
        assert (tmp_path / name).stat().st_size > 0
