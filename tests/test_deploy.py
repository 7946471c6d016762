"""The production path of docs/DEPLOY.md, proved without Docker: docker-compose.yml's own
services run as plain processes, with the compose environment.

Its settings are `.env.example` with what DEPLOY.md tells you to change (a secret key, the
host name, the TLS proxy, the portal's address, e-mail), then each service's `environment`
with the compose host names (`db`, `redis`) pointed at this machine's PostgreSQL and Redis.
The one-off `migrate` service runs first, then `seed_demo` (DEPLOY.md's optional step), then
`web`, `worker` and `beat` with their compose commands. Through a request as the TLS proxy
sends it (`X-Forwarded-Proto: https`, the real host name), a user signs in, has the worker
make a workbook and downloads it, and a step of the workflow e-mails the officer a link on
the portal's address. The compose health checks of web and beat pass too.
"""

import http.client
import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.parse
import uuid
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.db import connection
from django.urls import reverse

from bcfportal.tests.test_settings import env_example
from conftest import service_missing

PROJECT = Path(__file__).resolve().parents[1]
HOST = "bcf.example.org"
PASSWORD = "deploy-path-password"

pytestmark = pytest.mark.worker


def compose() -> dict:
    return yaml.safe_load((PROJECT / "docker-compose.yml").read_text())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def stack(tmp_path):
    """The settings of the compose services on this machine, and a database of their own."""
    if connection.vendor != "postgresql":
        service_missing("The production path runs on PostgreSQL: set DATABASE_URL to one.")
    import redis

    broker = settings.CELERY_BROKER_URL or "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(broker, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        service_missing(f"No Redis at {broker} ({error}); start it to run this.")
    name = f"bcf_deploy_{uuid.uuid4().hex[:8]}"
    db = connection.settings_dict
    user = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    server = f"{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    import psycopg

    admin = psycopg.connect(f"postgresql://{server}/postgres", autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    queue = f"deploy-{uuid.uuid4().hex[:8]}"  # its own, beside any other run on this Redis
    env = {
        **env_example(),
        # What docs/DEPLOY.md tells you to set in .env.
        "SECRET_KEY": "deploy-path-" + "s3cret" * 10,
        "ALLOWED_HOSTS": HOST,
        "CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
        "PORTAL_URL": f"https://{HOST}",
        "BEHIND_TLS_PROXY": "true",
        "TRUSTED_PROXY_COUNT": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "DEMO_PASSWORD": PASSWORD,
        "DEMO_PASSWORD_FILE": str(tmp_path / "demo-password"),
    }
    local = {  # where compose's services are on this machine
        "DATABASE_URL": f"postgres://{server}/{name}",
        "CELERY_BROKER_URL": broker,
        "CELERY_QUEUE": queue,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    processes = []
    try:
        yield {"env": env, "local": local, "tmp": tmp_path, "processes": processes}
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
        redis.Redis.from_url(broker).delete(queue, f"_kombu.binding.{queue}")  # its own only


def service_env(stack, service: str) -> dict[str, str]:
    """The service's environment: .env, then compose's `environment`, then this machine's
    addresses for compose's own services."""
    environment = {
        name: str(value)
        for name, value in (compose()["services"][service].get("environment") or {}).items()
    }
    assert set(stack["local"]) >= {name for name in environment if name != "SECRET_KEY"}
    return {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(stack["tmp"]),
        "LANG": "C.UTF-8",
        **stack["env"],
        **{k: v for k, v in environment.items() if "${" not in v},
        **stack["local"],
    }


def command(service: str, **replace: str) -> list[str]:
    value = compose()["services"][service]["command"]
    words = shlex.split(value) if isinstance(value, str) else list(value)
    return [replace.get(word, word) for word in words]


def run(stack, service: str, args: list[str], timeout: int = 300) -> str:
    result = subprocess.run(
        args, cwd=PROJECT, env=service_env(stack, service), capture_output=True, text=True,
        timeout=timeout, check=False,
    )  # fmt: skip
    assert result.returncode == 0, f"{args}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def start(stack, service: str, args: list[str]) -> subprocess.Popen:
    log = (stack["tmp"] / f"{service}.log").open("w")
    process = subprocess.Popen(
        args, cwd=PROJECT, env=service_env(stack, service), stdout=log, stderr=subprocess.STDOUT
    )
    stack["processes"].append(process)
    return process


def wait_for(check, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if outcome := check():
            return outcome
        time.sleep(0.5)
    raise AssertionError(f"Timed out waiting for {what}")


class ThroughTheProxy:
    """A browser behind the TLS proxy: every request says it came over HTTPS to HOST."""

    def __init__(self, port: int):
        self.port, self.cookies = port, SimpleCookie()

    def request(self, method: str, path: str, form: dict | None = None):
        connection_ = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "203.0.113.7",
            "Cookie": "; ".join(f"{k}={m.value}" for k, m in self.cookies.items()),
        }
        body = None
        if form is not None:
            form = {**form, "csrfmiddlewaretoken": self.cookies["csrftoken"].value}
            body = urllib.parse.urlencode(form)
            headers.update({
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"https://{HOST}", "Referer": f"https://{HOST}{path}",
            })  # fmt: skip
        connection_.request(method, path, body=body, headers=headers)
        response = connection_.getresponse()
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(header)
        return response, content

    def sign_in(self, username: str) -> None:
        self.cookies = SimpleCookie()
        response, _ = self.request("GET", reverse("login"))
        assert response.status == 200
        assert "secure" in response.headers["Set-Cookie"].lower()  # HTTPS, as the proxy said
        response, _ = self.request(
            "POST", reverse("login"), {"username": username, "password": PASSWORD}
        )
        assert response.status == 302, "the sign-in was refused"


def test_the_compose_services_run_as_processes_behind_a_tls_proxy(stack):
    services = compose()["services"]
    assert {"migrate", "web", "worker", "beat", "db", "redis"} <= set(services)
    for name in ("web", "worker", "beat"):
        assert services[name]["env_file"] == ".env"
        assert services[name]["depends_on"]["migrate"]["condition"] == (
            "service_completed_successfully"
        )

    # The one-off migrate service, then the demo (optional in DEPLOY.md), then static files
    # (the image collects them when it is built).
    assert "Reference data is up to date" in run(stack, "migrate", command("migrate"))
    run(stack, "web", [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"])
    run(stack, "web", [sys.executable, "manage.py", "seed_demo"])

    port = free_port()
    start(stack, "web", command("web", **{"0.0.0.0:8000": f"127.0.0.1:{port}"}))
    start(stack, "worker", command("worker"))
    schedule = str(stack["tmp"] / "celerybeat-schedule")
    compose_schedule = "/tmp/celerybeat-schedule"  # noqa: S108 (the container's own path)
    start(stack, "beat", command("beat", **{compose_schedule: schedule}))

    # The compose health checks, as written (the web's on this port, beat's on this file).
    web_check = [
        word.replace("127.0.0.1:8000", f"127.0.0.1:{port}")
        for word in services["web"]["healthcheck"]["test"][1:]
    ]
    wait_for(lambda: subprocess.run(web_check, capture_output=True).returncode == 0, 60,
             "the web health check")  # fmt: skip
    beat_check = services["beat"]["healthcheck"]["test"][1].replace(compose_schedule, schedule)

    def beat_healthy():  # CMD-SHELL: compose runs it through a shell
        return subprocess.run(beat_check, shell=True, capture_output=True).returncode == 0  # noqa: S602

    wait_for(beat_healthy, 60, "the beat health check")

    browser = ThroughTheProxy(port)
    # Plain HTTP without the proxy's header is sent to HTTPS; another host name is refused.
    plain = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    plain.request("GET", reverse("login"), headers={"Host": HOST})
    assert plain.getresponse().status == 301
    plain.request("GET", reverse("login"), headers={"Host": "127.0.0.1"})
    assert plain.getresponse().status == 400

    # A workbook made by the worker.
    browser.sign_in("officer.norfolk")
    args = ["E10000020", "fy1516_q3"]
    response, _ = browser.request("POST", reverse("return-export-start", args=args), {})
    assert response.status == 302
    export_page = urllib.parse.urlsplit(response.headers["Location"]).path
    export_id = int(re.search(r"/exports/(\d+)/", export_page)[1])
    download = reverse("return-export-download", args=[*args, export_id])

    def downloaded():
        response, content = browser.request("GET", download)
        return content if response.status == 200 else None

    workbook = wait_for(downloaded, 90, "the worker to make the workbook")
    assert workbook[:2] == b"PK"

    # Steps of the workflow: reopened, and marked ready again, the worker e-mails the
    # sign-off members a link on the portal's address.
    browser.sign_in("signoff.norfolk")
    response, _ = browser.request(
        "POST", reverse("return-step", args=[*args, "reopen"]), {"reason": "Deploy check."}
    )
    assert response.status == 302
    browser.sign_in("officer.norfolk")
    response, _ = browser.request("POST", reverse("return-step", args=[*args, "ready"]), {})
    assert response.status == 302
    mail = stack["tmp"] / "mail"

    def sent():
        messages = [p.read_text() for p in mail.glob("*")] if mail.exists() else []
        return [m for m in messages if "To: signoff.norfolk@example.org" in m]

    message = wait_for(sent, 60, "the notification e-mail")[0]
    assert "Ready for sign-off: Norfolk's Q3 2015/16 return" in message
    assert f"https://{HOST}/areas/E10000020/returns/fy1516_q3/" in message


def test_the_web_runs_the_worker_model_deploy_md_chose_wherever_it_runs():
    """DEPLOY.md says why the web is 3 sync workers (bench/deadline.py held deadline day with
    them, and not with threads): compose, the plain install and the bench's default run the
    same, so a change of model changes all three together."""
    import re

    deploy = (PROJECT / "docs" / "DEPLOY.md").read_text()
    plain = re.search(r"\.venv/bin/gunicorn bcfportal\.wsgi[^\n]*", deploy).group(0)
    web = compose()["services"]["web"]["command"]
    bench = (PROJECT / "bench" / "deadline.py").read_text()
    for line in (plain, web):
        assert "--workers 3" in line, line
        assert "--worker-class" not in line, line  # sync, gunicorn's default
        assert "--threads" not in line, line
    assert 'parser.add_argument("--workers", type=int, default=3)' in bench
    assert 'parser.add_argument("--worker-class", default="sync")' in bench
    assert "Why three sync workers" in deploy
