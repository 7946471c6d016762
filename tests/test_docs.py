"""The project's own documents stand alone: every link and every path they name is in the
repository (nothing points outside it, e.g. to `../shared`)."""

import re
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
DOCUMENTS = sorted(
    [PROJECT / "README.md", *PROJECT.glob("docs/*.md"), *PROJECT.glob("fixtures/*.md")]
)
TOP = {path.name for path in PROJECT.iterdir() if not path.name.startswith(".")} | {
    ".ci",
    ".env.example",
}
LINK = re.compile(r"\]\(([^)\s]+)\)")
CODE = re.compile(r"`([^`\s]+)`")


def repository_path(text: str) -> bool:
    """`returns/pages.py`, `docs/DEPLOY.md`, `.env.example`: a path under a top-level folder."""
    first = text.split("/")[0]
    return first in TOP and ("/" in text or "." in text) and "*" not in text and "<" not in text


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(PROJECT)))
def test_every_link_and_path_is_in_the_repository(document):
    text = document.read_text(encoding="utf-8")
    assert "../" not in text, f"{document.name} points outside the repository"
    for target in LINK.findall(text):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue  # a web address or a heading of the same page
        assert (document.parent / target.split("#")[0]).exists(), f"{document.name}: {target}"
    for name in CODE.findall(text):
        name = name.rstrip(".,:;").split("::")[0]
        if repository_path(name):
            assert (PROJECT / name.split(":")[0]).exists(), f"{document.name} names {name}"
