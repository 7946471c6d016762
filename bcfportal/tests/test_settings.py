"""Settings come from the environment; production settings pass Django's deployment checks."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

PROJECT = Path(__file__).resolve().parents[2]


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run manage.py in a fresh process with exactly the given settings variables."""
    return python("manage.py", *args, env=env)


def python(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run Python in a fresh process with exactly the given settings variables."""
    clean = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "SYSTEMROOT"}}
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "bcfportal.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-real-production-secret-" + "k3y" * 20,
    "ALLOWED_HOSTS": "bcf.example.org",
    "DATABASE_URL": "postgres://bcf@db.example.org:5432/bcf",
    "CELERY_BROKER_URL": "redis://redis.example.org:6379/0",
}


def test_production_settings_pass_check_deploy_with_nothing_to_report():
    result = manage("check", "--deploy", "--fail-level", "DEBUG", env=PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_without_a_secret_key_production_refuses_to_start():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "Set SECRET_KEY (or DEBUG=true for local development)" in result.stderr


def test_development_needs_no_settings_at_all(tmp_path):
    result = manage("check", env={"DEBUG": "true", "STATIC_ROOT": str(tmp_path)})
    assert result.returncode == 0, result.stderr


def test_env_example_documents_every_variable_the_settings_read():
    settings_source = (PROJECT / "bcfportal" / "settings.py").read_text()
    documented = (PROJECT / ".env.example").read_text()
    import re

    read = set(re.findall(r'env\.\w+\(\s*"([A-Z_]+)"', settings_source))
    assert read, "the settings read no variables?"
    missing = sorted(name for name in read if f"{name}=" not in documented)
    assert not missing, f".env.example does not document {missing}"
    deploy = (PROJECT / "docs" / "DEPLOY.md").read_text()
    unexplained = sorted(name for name in read if f"`{name}`" not in deploy)
    assert not unexplained, f"docs/DEPLOY.md does not explain {unexplained}"


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_production_static_files_are_hashed_and_reference_each_other_by_hash(tmp_path):
    result = manage("collectstatic", "--noinput", env={**PRODUCTION, "STATIC_ROOT": str(tmp_path)})
    assert result.returncode == 0, result.stderr

    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    css = (tmp_path / manifest["govuk/govuk-frontend.min.css"]).read_text()
    init = (tmp_path / manifest["js/init.js"]).read_text()

    font = manifest["govuk/assets/fonts/bold-b542beb274-v2.woff2"].removeprefix("govuk/")
    assert f'url("{font}")' in css
    module = manifest["govuk/govuk-frontend.min.js"].removeprefix("govuk/")
    assert f'from "../govuk/{module}"' in init


def env_example() -> dict[str, str]:
    """The variables .env.example sets, with its values (some empty)."""
    lines = (PROJECT / ".env.example").read_text().splitlines()
    return dict(
        line.split("=", 1) for line in lines if line and not line.startswith("#") and "=" in line
    )


def test_a_variable_left_empty_as_in_env_example_means_its_default():
    """`.env.example` copied to `.env` leaves DEMO_PASSWORD_FILE empty: that is the default
    file beside manage.py, not the current directory."""
    empty = {name: value for name, value in env_example().items() if value == ""}
    assert {"DEMO_PASSWORD_FILE", "EMAIL_FILE_PATH"} <= set(empty)
    show = (
        "from django.conf import settings; "
        "print(settings.DEMO_PASSWORD_FILE); print(settings.EMAIL_FILE_PATH)"
    )
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        show,
        env={**empty, "DEBUG": "true", "SECRET_KEY": ""},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(PROJECT / ".demo-password"), str(PROJECT / "sent-mail")]


STARTED = """
import sys
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns  # every view module
from bcfportal.celery import app
app.loader.import_default_modules()  # every tasks module, as a worker loads them
print(" ".join(sorted(name for name in ("openpyxl", "numpy", "pandas") if name in sys.modules)))
"""


def test_a_process_starts_without_the_spreadsheet_readers():
    """openpyxl (and numpy, which it imports) took a third of the start of every process
    (manage.py commands, web and Celery workers: 0.7-0.85 CPU-seconds for `manage.py check`
    with them, 0.47-0.51 without): they are imported when a workbook is read, not when
    Django starts."""
    result = python("-c", STARTED, env=PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == []


def test_task_results_follow_the_broker_unless_set_apart():
    """`.env.example` copied to `.env` and the broker moved: the results move with it."""
    show = "from django.conf import settings; print(settings.CELERY_RESULT_BACKEND)"
    moved = {
        **env_example(),
        **PRODUCTION,
        "CELERY_BROKER_URL": "redis://broker.example.org:6380/3",
    }
    result = python("-c", f"import django; django.setup(); {show}", env=moved)
    assert result.stdout.strip() == "redis://broker.example.org:6380/3", result.stderr
    apart = {**moved, "CELERY_RESULT_BACKEND": "redis://results.example.org:6379/5"}
    result = python("-c", f"import django; django.setup(); {show}", env=apart)
    assert result.stdout.strip() == "redis://results.example.org:6379/5", result.stderr


def test_postgresql_prepares_its_queries_unless_told_not_to():
    """Planning was three quarters of PostgreSQL's CPU on deadline day (issue 33): on
    PostgreSQL a query's values go apart from its SQL and a connection prepares what it runs
    five times. Behind a pooler in transaction mode it is turned off; SQLite has neither."""
    show = (
        "import django; django.setup(); from django.conf import settings; "
        "options = settings.DATABASES['default'].get('OPTIONS', {}); "
        "print(options.get('server_side_binding'), options.get('prepare_threshold'))"
    )
    for env, shown in (
        ({**env_example(), **PRODUCTION}, "True 5"),
        ({**PRODUCTION, "DATABASE_PREPARED_STATEMENTS": "false"}, "None None"),
        ({**PRODUCTION, "DATABASE_URL": "sqlite:////tmp/prepared.sqlite3"}, "None None"),
    ):
        result = python("-c", show, env=env)
        assert result.stdout.strip() == shown, (env, result.stderr)
