"""docs/DEPLOY.md's plain-process path, run as it is written: its commands are read from the
document, and run as an unprivileged user (nobody) with `/srv/bcf` moved under a temporary
folder. The root block (the user, the database) is done by the test's own means, once the
document is checked to say it.

The code is installed as the document says (`python3 -m venv .venv && .venv/bin/pip install
-e .`, with the system's Python: the user cannot reach any other), the database made, static files
collected, the first administrator made; then web, worker and beat run as the three commands
and the systemd units say, and are checked: /healthz, a sign-in through the TLS proxy, the
worker answering, beat writing its schedule. Then section 7: the backup commands, and the
restore commands into a fresh database and media folder, every kept workbook's SHA-256
checked. systemd-analyze verifies the units where it is installed.
"""

import configparser
import os
import re
import shlex
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from bcfportal.tests.test_settings import env_example
from conftest import service_missing

from .test_deploy import HOST, PASSWORD, ThroughTheProxy, free_port, wait_for

PROJECT = Path(__file__).resolve().parents[1]
DEPLOY = PROJECT / "docs" / "DEPLOY.md"
UNITS = PROJECT / "docs" / "systemd"
NOBODY = 65534
SRV = "/srv/bcf"

pytestmark = [pytest.mark.worker, pytest.mark.slow]


def block(name: str) -> list[str]:
    """The commands of DEPLOY.md between <!-- name --> and <!-- /name -->, one a line."""
    text = DEPLOY.read_text()
    found = re.search(rf"<!-- {re.escape(name)} -->\n```sh\n(.*?)```\n<!-- /{re.escape(name)} -->",
                      text, re.DOTALL)  # fmt: skip
    assert found, f"DEPLOY.md has no {name} block"
    return [line for line in found[1].splitlines() if line.strip()]


def words(line: str) -> list[str]:
    return shlex.split(line, comments=True)


class Host:
    """A temporary folder standing for the server's root, and running commands on it as
    nobody: `/srv/bcf` in a command is that folder's `srv/bcf`."""

    def __init__(self, root: Path, env: dict[str, str]):
        self.root, self.srv = root, root / "srv" / "bcf"
        self.env = {"HOME": str(self.srv), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
                    "PGHOST": "127.0.0.1", "PGUSER": "postgres", **env}  # fmt: skip
        self.processes: list[subprocess.Popen] = []

    def here(self, line: str) -> str:
        return line.replace(SRV, str(self.srv))

    def command(self, script: str) -> list[str]:
        return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
                "bash", "-c", f"set -euo pipefail\n{script}"]  # fmt: skip

    def run(self, lines: list[str], cwd: Path, timeout: int = 600, **env: str) -> str:
        script = "\n".join(self.here(line) for line in lines)
        done = subprocess.run(
            self.command(script), cwd=cwd, env={**self.env, **env},
            capture_output=True, text=True, timeout=timeout, check=False,
        )  # fmt: skip
        assert done.returncode == 0, f"{script}\n{done.stdout}\n{done.stderr}"
        return done.stdout

    def start(self, line: str, cwd: Path, log: Path) -> None:
        self.processes.append(subprocess.Popen(
            self.command(f"exec {self.here(line)}"), cwd=cwd, env=self.env,
            stdout=log.open("w"), stderr=subprocess.STDOUT,
        ))  # fmt: skip

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def can_run_as_nobody() -> None:
    if connection.vendor != "postgresql":
        service_missing("The production path runs on PostgreSQL: set DATABASE_URL to one.")
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        service_missing("Running DEPLOY.md as another user needs root and setpriv.")
    check = subprocess.run(["/usr/bin/python3", "-m", "ensurepip", "--version"],
                           capture_output=True, check=False)  # fmt: skip
    if check.returncode != 0:
        service_missing("DEPLOY.md's `python3 -m venv` needs Debian's python3-venv.")


def copy_of_the_code(target: Path) -> None:
    """What `git clone` gives: the files git knows, and those it does not ignore."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT, capture_output=True, check=True,
    ).stdout.decode().split("\0")  # fmt: skip
    for name in filter(None, listed):
        source = PROJECT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def chown_nobody(path: Path) -> None:
    for folder, _, files in os.walk(path):
        os.chown(folder, NOBODY, NOBODY)
        for name in files:
            os.chown(Path(folder) / name, NOBODY, NOBODY)


@pytest.fixture
def server_root():
    """A folder standing for the server's root, that nobody can reach (pytest's own
    temporary folders are root's alone), removed after."""
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="bcf-deploy-"))
    root.chmod(0o755)
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def databases():
    """Empty databases of their own, dropped after: the one section 4 makes, and the one a
    restore goes into."""
    import psycopg

    db = connection.settings_dict
    user = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    server = f"{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    names = [f"bcf_plain_{uuid.uuid4().hex[:8]}", f"bcf_restored_{uuid.uuid4().hex[:8]}"]
    admin = psycopg.connect(f"postgresql://{server}/postgres", autocommit=True)
    for name in names:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield [(name, f"postgres://{server}/{name}") for name in names]
    finally:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def edited_env(host: Host, database_url: str, broker: str, queue: str) -> str:
    """`.env` as section 2 says to edit `.env.example`: these values, the rest as they are."""
    values = {
        **env_example(),
        "SECRET_KEY": "plain-path-" + "s3cret" * 10, "ALLOWED_HOSTS": HOST,
        "CSRF_TRUSTED_ORIGINS": f"https://{HOST}", "PORTAL_URL": f"https://{HOST}",
        "BEHIND_TLS_PROXY": "true", "TRUSTED_PROXY_COUNT": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(host.srv / "mail"),
        "DATABASE_URL": database_url, "CELERY_BROKER_URL": broker, "CELERY_QUEUE": queue,
    }  # fmt: skip
    return "".join(f"{name}={host.here(value)}\n" for name, value in values.items())


ROOT_BLOCK = [
    "useradd --system --create-home --home-dir /srv/bcf --shell /usr/sbin/nologin bcf",
    "sudo -u postgres createuser --pwprompt bcf",
    "sudo -u postgres createdb --owner bcf bcf",
]


def test_section_4_runs_as_written_as_an_unprivileged_user(tmp_path, server_root, databases):
    can_run_as_nobody()
    import redis

    broker = settings.CELERY_BROKER_URL or "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(broker, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        service_missing(f"No Redis at {broker} ({error}); start it to run this.")
    (name, database_url), (restored_name, restored_url) = databases
    queue = f"plain-{uuid.uuid4().hex[:8]}"
    host = Host(server_root / "server", {"DJANGO_SUPERUSER_USERNAME": "first.admin",
                                    "DJANGO_SUPERUSER_EMAIL": "admin@example.org",
                                    "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
                                    "DEMO_PASSWORD": PASSWORD})  # fmt: skip
    try:
        _install(host, database_url, broker, queue)
        portal = host.srv / "portal"
        port = free_port()
        services = block("plain:services")
        _units_start_exactly(services, host)
        bind = "--bind 127.0.0.1:8000"
        assert bind in services[0]
        host.start(services[0].replace(bind, f"--bind 127.0.0.1:{port}"), portal,
                   tmp_path / "web.log")  # fmt: skip
        for line, log in zip(services[1:], ("worker.log", "beat.log"), strict=True):
            host.start(line, portal, tmp_path / log)
        _the_services_answer(host, port, tmp_path)
        _backup_and_restore(host, name, restored_name, restored_url, port)
    finally:
        host.stop()
        redis.Redis.from_url(broker).delete(queue, f"_kombu.binding.{queue}")


def _install(host: Host, database_url: str, broker: str, queue: str) -> None:
    """Section 4's root block by the test's own means, then its user block as written."""
    assert block("plain:root") == ROOT_BLOCK
    host.srv.mkdir(parents=True)  # useradd --create-home
    lines = block("plain:user")
    assert lines[:4] == ["cd /srv/bcf", "git clone <this repository> portal && cd portal",
                         "cp .env.example .env",
                         "python3 -m venv .venv && .venv/bin/pip install -e ."]  # fmt: skip
    copy_of_the_code(host.srv / "portal")  # what the clone gives
    prepared = host.root / "edited.env"
    prepared.write_text(edited_env(host, database_url, broker, queue))
    chown_nobody(host.root)
    superuser = "createsuperuser"
    assert lines[-2].endswith(superuser)
    script = [lines[0], "cd portal", lines[2], f"cp {prepared} .env",  # section 2: edited
              *lines[3:-2], f"{lines[-2]} --noinput", lines[-1]]  # fmt: skip
    output = host.run(script, cwd=host.root)
    assert "System check identified no issues" in output


def _units_start_exactly(services: list[str], host: Host) -> None:
    """Each unit runs its DEPLOY.md command as bcf from /srv/bcf/portal; systemd accepts it."""
    for unit, line in zip(("web", "worker", "beat"), services, strict=True):
        path = UNITS / f"bcf-{unit}.service"
        config = configparser.ConfigParser(interpolation=None)
        config.read(path)
        service = config["Service"]
        assert (service["User"], service["WorkingDirectory"]) == ("bcf", f"{SRV}/portal")
        assert words(service["ExecStart"]) == [f"{SRV}/portal/{words(line)[0]}", *words(line)[1:]]
        verify = shutil.which("systemd-analyze")
        if verify:
            here = host.root / path.name
            here.write_text(host.here(path.read_text()))
            checked = subprocess.run([verify, "verify", str(here)], capture_output=True,
                                     text=True, check=False)  # fmt: skip
            assert checked.returncode == 0, checked.stderr


def _the_services_answer(host: Host, port: int, tmp_path: Path) -> None:
    import http.client

    def healthy():
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            probe.request("GET", "/healthz")
            return probe.getresponse().read() == b"ok\n"
        except OSError:
            return False

    wait_for(healthy, 90, f"web's /healthz ({(tmp_path / 'web.log').read_text()[-2000:]})")
    portal = host.srv / "portal"
    assert "answered" in host.run([".venv/bin/python manage.py check_worker"], cwd=portal)
    wait_for(lambda: list(portal.glob("celerybeat-schedule*")), 60,
             "beat to write its schedule beside manage.py")  # fmt: skip
    browser = ThroughTheProxy(port)
    browser.sign_in("first.admin")
    response, content = browser.request("GET", reverse("admin:governance_periodicrun_changelist"))
    assert response.status == 200
    assert b"Scheduled tasks" in content


def _backup_and_restore(host, name, restored_name, restored_url, port) -> None:
    """Kept workbooks made through the worker; section 7's backup; its restore into a fresh
    database and media folder, every kept file's SHA-256 checked."""
    import re as regex

    portal = host.srv / "portal"
    host.run([".venv/bin/python manage.py seed_demo"], cwd=portal)
    browser = ThroughTheProxy(port)
    browser.sign_in("analyst")
    args = ["E10000020", "fy1516_q3"]
    response, _ = browser.request("POST", reverse("return-export-start", args=args), {})
    export_id = int(regex.search(r"/exports/(\d+)/", response.headers["Location"])[1])
    download = reverse("return-export-download", args=[*args, export_id])
    wait_for(lambda: browser.request("GET", download)[0].status == 200, 90, "the workbook")

    backup = block("backup")
    assert backup[0] == "pg_dump --format=custom --file=bcf.dump bcf"
    host.run([backup[0].replace("bcf.dump bcf", f"bcf.dump {name}"), *backup[1:]], cwd=host.srv)

    restored = Host(host.root.parent / "restored", host.env)  # a new server: an empty media
    restored.srv.mkdir(parents=True)
    shutil.copytree(portal, restored.srv / "portal", symlinks=True,
                    ignore=shutil.ignore_patterns(".env", "celerybeat-schedule*"))  # fmt: skip
    for made in ("bcf.dump", "media.tar.gz", "env.backup"):
        shutil.copy2(host.srv / made, restored.srv / made)
    chown_nobody(restored.root)
    lines = block("restore")
    assert lines[0] == "pg_restore --no-owner --dbname=bcf bcf.dump"
    lines[0] = lines[0].replace("--dbname=bcf", f"--dbname={restored_name}")
    # The backed-up .env names the old server's database and folders; this one's are new.
    output = restored.run(lines, cwd=restored.srv, DATABASE_URL=restored_url,
                          MEDIA_ROOT=str(restored.srv / "media"),
                          STATIC_ROOT=str(restored.srv / "staticfiles"))  # fmt: skip
    found = regex.search(r"(\d+) kept files checked: each is whole, as recorded", output)
    assert found, output
    assert int(found[1]) >= 1
    assert (restored.srv / "media").is_dir()
