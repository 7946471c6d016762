"""A bounded load test: sessions of officers working, against gunicorn and PostgreSQL.

    .venv/bin/python bench/load.py [--sessions 20] [--seconds 60] [--workers 3]

Uses a database of its own (default: PostgreSQL `bcf_load` on 127.0.0.1, created and loaded
with the national demo if missing; BENCH_DATABASE_URL to change it). Starts gunicorn with
`--workers` sync workers on a loopback port, as production runs it (DEBUG off, persistent
database connections), then runs `--sessions` sessions side by side for `--seconds`. Each
session is the officer of an area whose Q3 return is a draft (the national demo's), and
goes round: its return's overview, section 8 (69 inputs), the checklist, Norfolk's plan and
the NCH2 scheme form (as Norfolk's officer), and saving section 8 with its values as shown,
with half a second to a second and a half of thinking between pages. Prints, per page, the
requests, failures and the 50th and 95th percentiles and the slowest, in milliseconds,
measured at the client (so they include the loopback round trip).
"""

import argparse
import html.parser
import http.cookiejar
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bcf_load")
SERVER_ENV = {
    "DEBUG": "false", "SECRET_KEY": "bench-only-" + "x" * 40, "DATABASE_URL": DATABASE_URL,
    "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "false", "CSRF_COOKIE_SECURE": "false",
    "SESSION_COOKIE_SECURE": "false", "STATIC_MANIFEST": "false", "CONN_MAX_AGE": "60",
    "LOG_LEVEL": "WARNING", "CELERY_BROKER_URL": "", "DJANGO_SETTINGS_MODULE": "bcfportal.settings",
    # Only pages are requested: an empty folder spares each worker WhiteNoise's warning that
    # the collected static files are missing.
    "STATIC_ROOT": tempfile.mkdtemp(prefix="bcf-load-static-"),
}  # fmt: skip
os.environ.update(SERVER_ENV)
NORFOLK = "E10000020"
PERIOD = "fy1516_q3"


def _create_database() -> bool:
    """Create the database if it is missing; whether it was."""
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    with psycopg.connect(DATABASE_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as c:
        if c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        c.execute(f'CREATE DATABASE "{name}"')
        return True


def prepare() -> None:
    created = _create_database()
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=PROJECT, check=True)  # noqa: S603
    if created:
        print("loading the national demo (once) ...", flush=True)
        subprocess.run(  # noqa: S603 - our own interpreter and arguments
            [*manage, "seed_demo", "--national"], cwd=PROJECT, check=True,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip


def sessions(count: int) -> tuple[list[tuple[str, str, str]], int]:
    """(area ONS code, the area officer's session key, Norfolk's officer's session key) for
    each session, and the primary key of Norfolk's scheme NCH2."""
    import django

    django.setup()
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore

    from governance.models import Membership, Role
    from returns.models import QuarterlyReturn, ReturnStatus
    from returns.selectors import period_by_code
    from schemes.models import Scheme

    def session_of(user) -> str:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return store.session_key

    norfolk_officer = get_user_model().objects.get(username="officer.norfolk")
    editable = QuarterlyReturn.objects.filter(
        period=period_by_code(PERIOD), status=ReturnStatus.DRAFT, synthetic=True
    ).values_list("hwb_area_id", flat=True)
    officers = (
        Membership.objects.filter(role=Role.COMMISSIONING_OFFICER, hwb_area_id__in=editable)
        .select_related("user", "hwb_area")
        .order_by("hwb_area__name")
    )
    chosen, seen = [], set()
    for membership in officers:
        if membership.hwb_area_id not in seen:
            seen.add(membership.hwb_area_id)
            chosen.append(membership)
    if len(chosen) < count:
        raise SystemExit(f"only {len(chosen)} areas have a return in progress")
    scheme = Scheme.objects.get(plan__hwb_area__ons_code=NORFOLK, reference="NCH2")
    return [
        (m.hwb_area.ons_code, session_of(m.user), session_of(norfolk_officer))
        for m in chosen[:count]
    ], scheme.pk


class _Form(html.parser.HTMLParser):
    """The fields of the page's return form, as a browser would post them unchanged."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._select = self._textarea = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button"):
            if a.get("type") not in ("radio", "checkbox") or "checked" in a:
                self.fields.append((a["name"], a.get("value") or ""))
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value") or ""))
        elif tag == "textarea":
            self._textarea, self._text = a.get("name"), []

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _opener(base: str, session_key: str):
    jar = http.cookiejar.CookieJar()
    host = urllib.parse.urlparse(base).hostname
    jar.set_cookie(http.cookiejar.Cookie(
        0, "sessionid", session_key, None, False, host, False, False, "/", True, False, None,
        False, None, None, {},
    ))  # fmt: skip
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirects())


def session_run(base, scheme, area, own_key, norfolk_key, until, results, lock, seed) -> None:
    own, norfolk = _opener(base, own_key), _opener(base, norfolk_key)
    rng = random.Random(seed)  # noqa: S311 - think times, not secrets
    ret = f"{base}/areas/{area}/returns/{PERIOD}/"
    section8 = f"{ret}sections/new-integration-metrics/"
    pages = [
        ("return overview", own, ret),
        ("section 8 (69 inputs)", own, section8),
        ("checklist", own, f"{ret}checklist/"),
        ("plan (Norfolk)", norfolk, f"{base}/areas/{NORFOLK}/plans/2016-17/"),
        (
            "scheme form (NCH2)",
            norfolk,
            f"{base}/areas/{NORFOLK}/plans/2016-17/schemes/{scheme}/edit/",
        ),
        ("save section 8", own, None),
    ]
    step = rng.randrange(len(pages))
    while time.monotonic() < until:
        name, opener, url = pages[step % len(pages)]
        step += 1
        data = None
        if url is None:  # a save: the form as shown, posted back
            with opener.open(section8, timeout=30) as response:
                form = _Form()
                form.feed(response.read().decode())
            data = urllib.parse.urlencode([*form.fields, ("after", "stay")]).encode()
            url = section8
        start = time.perf_counter()
        try:
            with opener.open(url, data=data, timeout=30) as response:
                response.read()
                ok = response.status == 200
        except urllib.error.HTTPError as error:
            ok = error.code == 302 and data is not None  # a save answers with a redirect
        except OSError:
            ok = False
        elapsed = (time.perf_counter() - start) * 1000
        with lock:
            results.setdefault(name, []).append((elapsed, ok))
        time.sleep(rng.uniform(0.5, 1.5))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=3)
    options = parser.parse_args()
    prepare()
    chosen, scheme = sessions(options.sessions)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "gunicorn", "bcfportal.wsgi", "--workers", str(options.workers),
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=PROJECT, env={**os.environ, **SERVER_ENV},
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/sign-in/", timeout=2).read()  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        results, lock = {}, threading.Lock()
        until = time.monotonic() + options.seconds
        threads = [
            threading.Thread(
                target=session_run,
                args=(base, scheme, area, own, norfolk, until, results, lock, n),
            )
            for n, (area, own, norfolk) in enumerate(chosen)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(
        f"{options.sessions} sessions for {options.seconds:.0f} s, gunicorn {options.workers} "
        "sync workers, PostgreSQL, loopback; ms at the client"
    )
    print(f"{'page':<24} {'requests':>8} {'failed':>6} {'p50':>7} {'p95':>7} {'max':>7}")
    for name, taken in results.items():
        times = sorted(t for t, _ in taken)
        p95 = statistics.quantiles(times, n=20, method="inclusive")[-1] if times[1:] else times[0]
        failed = sum(not ok for _, ok in taken)
        print(f"{name:<24} {len(times):>8} {failed:>6} {statistics.median(times):>7.1f} "
              f"{p95:>7.1f} {times[-1]:>7.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
