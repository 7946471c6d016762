"""Deadline day: officers, signers and national analysts at once, against gunicorn and the
Celery worker run as docs/DEPLOY.md runs them, on PostgreSQL and Redis, on this machine.

    .venv/bin/python bench/deadline.py [--sessions 150] [--seconds 120] [--warm-up 15]
                                       [--workers 3] [--worker-class sync] [--threads 1]

Uses a database of its own (default: PostgreSQL `bcf_deadline` on 127.0.0.1, created and
loaded with the national demo if missing; BENCH_DATABASE_URL to change it) and a Celery queue
of its own on Redis (BENCH_BROKER_URL, default redis://127.0.0.1:6379/0). Starts gunicorn
(`--workers`, `--worker-class`, `--threads`; access log on, as DEPLOY.md has it) and
`celery worker --concurrency=2`, with DEBUG off and persistent database connections, then
runs `--sessions` people side by side, each in their own signed-in session, thinking for
half a second to a second and a half (a second on average) between requests:

- 80% commissioning officers, each on a draft return of their own (of any period the national
  demo has, so every template is in the mix): home, the return, a section, the section saved
  (a text answer changed, else posted as shown) and shown again, the checklist; one time
  round in four (at random, so that the officers do not all ask at once), the NHS England
  workbook: asked for, its page until the worker has made it, then the file;
- 12% sign-off members of a return that is ready for sign-off: home, the return, the
  checklist, a section, the sign-off page;
- 8% national analysts: home, a round's status, its national figures.

The first `--warm-up` seconds are not counted. Prints, per kind of request, the requests,
failures and the 50th and 95th percentiles and the slowest, in milliseconds, measured at the
client (the loopback round trip included); then the CPU each process used per request
(gunicorn, PostgreSQL, Redis, the Celery worker, this load generator, which shares the two
cores) and what the rest of the machine used. A run counts only if the rest of the machine
used under 0.2 of a core; the script says whether it did.
"""

import argparse
import html
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bcf_deadline"
)
BROKER_URL = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/0")
SERVER_ENV = {
    "DEBUG": "false", "SECRET_KEY": "bench-only-" + "x" * 40, "DATABASE_URL": DATABASE_URL,
    "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "false", "CSRF_COOKIE_SECURE": "false",
    "SESSION_COOKIE_SECURE": "false", "STATIC_MANIFEST": "false", "CONN_MAX_AGE": "60",
    "CELERY_BROKER_URL": BROKER_URL, "CELERY_QUEUE": f"bench-deadline-{os.getpid()}",
    "CELERY_TASK_ALWAYS_EAGER": "false", "DJANGO_SETTINGS_MODULE": "bcfportal.settings",
    "MEDIA_ROOT": tempfile.mkdtemp(prefix="bcf-deadline-media-"),
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    # Only pages are requested: an empty folder spares each worker WhiteNoise's warning that
    # the collected static files are missing.
    "STATIC_ROOT": tempfile.mkdtemp(prefix="bcf-deadline-static-"),
}  # fmt: skip
os.environ.update(SERVER_ENV)
PERIODS = ("fy1516_q3", "fy1516_q4", "fy1617_q1", "fy1617_q2")
MIX = {"officer": 0.80, "signer": 0.12, "analyst": 0.08}
EXPORT_EVERY = 4  # an officer asks for the workbook one time round in four, at random


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


@dataclass
class Person:
    kind: str  # officer, signer or analyst
    session_key: str
    home: str = "/"
    pages: list[tuple[str, str]] = field(default_factory=list)  # (name, path) in turn
    sections: list[str] = field(default_factory=list)  # an officer's or signer's sections
    return_path: str = ""


def people(count: int) -> list[Person]:
    """`count` people in MIX's shares, each with a session of their own: officers of distinct
    draft returns, sign-off members of returns ready for sign-off (an area twice if there are
    too few), national analysts."""
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
    from returns.definitions import template
    from returns.models import QuarterlyReturn, ReturnStatus
    from returns.selectors import period_by_code

    def session_of(user) -> str:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return store.session_key

    def holders(role: str, status: str, wanted: int, repeat: bool) -> list[tuple]:
        """(member, return) for `wanted` returns of `status`, one member of the area each."""
        returns = list(
            QuarterlyReturn.objects.filter(status=status, synthetic=True)
            .select_related("hwb_area", "period__financial_year")
            .order_by("period__financial_year__start_year", "period__quarter", "hwb_area__name")
        )
        returns = [r for r in returns if r.period.code in PERIODS]
        members = {}
        for membership in Membership.objects.filter(role=role).select_related("user"):
            members.setdefault(membership.hwb_area_id, membership.user)
        chosen = [(members[r.hwb_area_id], r) for r in returns if r.hwb_area_id in members]
        if len(chosen) < wanted and not (repeat and chosen):
            raise SystemExit(f"only {len(chosen)} returns are {status} with a {role}")
        return [chosen[n % len(chosen)] for n in range(wanted)]

    def reopened(wanted: int) -> None:
        """Signed-off returns reopened by their sign-off member until `wanted` are drafts (the
        national demo has about 110): in this bench's own database, once."""
        from governance.workflow import without_notifications
        from returns.workflow import return_reopen

        drafts = QuarterlyReturn.objects.filter(status=ReturnStatus.DRAFT, synthetic=True)
        missing = wanted - drafts.filter(period__in=[period_by_code(p) for p in PERIODS]).count()
        if missing <= 0:
            return
        members = Membership.objects.filter(role=Role.SIGN_OFF_MEMBER).select_related("user")
        signer = {m.hwb_area_id: m.user for m in members}
        for quarterly_return in (
            QuarterlyReturn.objects.filter(status=ReturnStatus.SIGNED_OFF, synthetic=True)
            .filter(period__in=[period_by_code(p) for p in PERIODS])
            .select_related("hwb_area", "period__financial_year")
            .order_by("hwb_area__name")[:missing]
        ):
            with without_notifications():
                return_reopen(
                    quarterly_return=quarterly_return,
                    user=signer[quarterly_return.hwb_area_id],
                    reason="Reopened for the deadline-day bench.",
                )

    officers = round(count * MIX["officer"])
    reopened(officers)
    signers = round(count * MIX["signer"])
    analysts = count - officers - signers
    made = []
    for kind, role, status, wanted in (
        ("officer", Role.COMMISSIONING_OFFICER, ReturnStatus.DRAFT, officers),
        ("signer", Role.SIGN_OFF_MEMBER, ReturnStatus.READY, signers),
    ):
        for user, quarterly_return in holders(role, status, wanted, repeat=kind == "signer"):
            area, period = quarterly_return.hwb_area.ons_code, quarterly_return.period.code
            path = f"/areas/{area}/returns/{period}/"
            definition = template(quarterly_return.template_version)
            made.append(Person(
                kind, session_of(user), return_path=path,
                sections=[f"{path}sections/{s.slug}/" for s in definition.sections],
            ))  # fmt: skip
    analyst = get_user_model().objects.get(username="analyst.national")
    for n in range(analysts):
        period = PERIODS[n % len(PERIODS)]
        made.append(Person("analyst", session_of(analyst), pages=[
            ("round status", f"/national/rounds/{period}/"),
            ("national figures", f"/national/figures/{period}/"),
        ]))  # fmt: skip
    return made


TAG = re.compile(r"<(/?)(input|select|option|textarea)\b([^>]*)>")
ATTRIBUTE = re.compile(r'([^\s=/]+)(?:="([^"]*)")?')
TEXTAREA_END = re.compile("</textarea>")


def form_fields(page: str) -> tuple[list[tuple[str, str]], str | None]:
    """The fields of a page's forms as a browser would post them unchanged, and the last
    text box's name (what a save changes). Read with regular expressions from the portal's
    own markup, which quotes every attribute: Python's HTML parser cost the load generator,
    which shares the two cores, a third of its CPU."""
    fields, select, textarea, position = [], None, None, 0
    while match := TAG.search(page, position):
        closing, tag, attributes = match.groups()
        position = match.end()
        a = {name: html.unescape(value or "") for name, value in ATTRIBUTE.findall(attributes)}
        if closing:
            select = None if tag == "select" else select
        elif tag == "input" and a.get("name") and a.get("type") not in ("submit", "button"):
            if a.get("type") not in ("radio", "checkbox") or "checked" in a:
                fields.append((a["name"], a.get("value", "")))
        elif tag == "select":
            select = a.get("name")
        elif tag == "option" and select and "selected" in a:
            fields.append((select, a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            end = TEXTAREA_END.search(page, position)
            text = page[position : end.start()] if end else page[position:]
            fields.append((a["name"], html.unescape(text).removeprefix("\n")))
            textarea, position = a["name"], end.end() if end else len(page)
    return fields, textarea


class Browser:
    """One person's session: their cookies, requests timed into `results`. Each request is
    written to a socket of its own and read to its end (HTTP/1.0, as gunicorn's sync workers
    close the connection after each response): urllib's openers and cookie jar cost the load
    generator, which shares the two cores, about half its CPU (issue 33)."""

    def __init__(self, address: tuple[str, int], session_key: str, results: dict,
                 lock: threading.Lock):  # fmt: skip
        self.address, self.results, self.lock = address, results, lock
        self.cookies = {"sessionid": session_key}
        self.counting = False

    def csrf(self) -> str:
        return self.cookies.get("csrftoken", "")

    def _exchange(self, path: str, body: bytes | None) -> bytes:
        cookies = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        head = f"{'GET' if body is None else 'POST'} {path} HTTP/1.0\r\nHost: {self.address[0]}" \
               f"\r\nCookie: {cookies}\r\n"  # fmt: skip
        if body is not None:
            head += "Content-Type: application/x-www-form-urlencoded\r\n" \
                    f"Content-Length: {len(body)}\r\n"  # fmt: skip
        chunks = []
        with socket.create_connection(self.address, timeout=60) as connection:
            connection.sendall(head.encode() + b"\r\n" + (body or b""))
            while chunk := connection.recv(262144):
                chunks.append(chunk)
        return b"".join(chunks)

    def request(self, name: str, path: str, data: list | None = None) -> tuple[int, bytes, str]:
        """(status, body, where a redirect points) of one request, timed under `name`; a
        failure is any status but 200, or 302 after a POST."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        start = time.perf_counter()
        status, content, location = 0, b"", ""
        try:
            reply = self._exchange(path, body)
        except OSError:
            reply = b""
        elapsed = (time.perf_counter() - start) * 1000
        head, _, content = reply.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        if lines[0].startswith("HTTP/"):
            status = int(lines[0].split(" ", 2)[1])
        for line in lines[1:]:
            header, _, value = line.partition(":")
            header = header.lower()
            if header == "set-cookie":
                cookie, _, _ = value.strip().partition(";")
                cookie_name, _, cookie_value = cookie.partition("=")
                self.cookies[cookie_name] = cookie_value
            elif header == "location":
                location = value.strip()
        ok = status == 200 or (status == 302 and data is not None)
        if self.counting:
            with self.lock:
                self.results.setdefault(name, []).append((elapsed, ok))
        return status, content, location


def think(rng: random.Random) -> None:
    time.sleep(rng.uniform(0.5, 1.5))


def officer_round(browser: Browser, person: Person, turn: int, rng: random.Random) -> None:
    section = person.sections[turn % len(person.sections)]
    for name, path in (("home", person.home), ("return", person.return_path)):
        browser.request(name, path)
        think(rng)
    status, content, _ = browser.request("section", section)
    think(rng)
    if status == 200:
        found, textarea = form_fields(content.decode())
        fields = dict(found)
        if textarea:  # a real change: a full stop put on the end or taken off
            text = fields[textarea]
            fields[textarea] = text[:-1] if text.endswith(".") else text + "."
        _, _, location = browser.request("save", section, [*fields.items(), ("after", "stay")])
        if location:
            browser.request("section", urllib.parse.urlparse(location).path)
        think(rng)
    browser.request("checklist", f"{person.return_path}checklist/")
    think(rng)
    if rng.random() < 1 / EXPORT_EVERY:
        data = [("csrfmiddlewaretoken", browser.csrf())]
        _, _, location = browser.request("export asked", f"{person.return_path}exports/", data)
        page = urllib.parse.urlparse(location).path
        for _ in range(60):
            think(rng)
            status, content, _ = browser.request("export page", page)
            if status != 200 or b"/download/" in content:
                break
        if status == 200:
            browser.request("export file", f"{page}download/")
            think(rng)


def signer_round(browser: Browser, person: Person, turn: int, rng: random.Random) -> None:
    path = person.return_path
    section = person.sections[turn % len(person.sections)]
    for name, page in (("home", person.home), ("return", path), ("checklist", f"{path}checklist/"),
                       ("section", section), ("sign-off page", f"{path}sign-off/")):  # fmt: skip
        browser.request(name, page)
        think(rng)


def analyst_round(browser: Browser, person: Person, turn: int, rng: random.Random) -> None:
    for name, page in (("home", person.home), *person.pages):
        browser.request(name, page)
        think(rng)


ROUNDS = {"officer": officer_round, "signer": signer_round, "analyst": analyst_round}


def session_run(browser: Browser, person: Person, until: float, seed: int, arriving: float) -> None:
    rng = random.Random(seed)  # noqa: S311 - think times, not secrets
    time.sleep(rng.uniform(0, arriving))  # people arrive over the warm-up, not all at once
    turn = rng.randrange(1000)  # each starts at a section of their own
    while time.monotonic() < until:
        ROUNDS[person.kind](browser, person, turn, rng)
        turn += 1


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> tuple[int, list[int]]:
    """(parent pid, [utime, stime, cutime, cstime] in ticks) of a live process."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[1]), [int(n) for n in fields[11:15]]


def _processes() -> dict[int, tuple[str, int, list[int]]]:
    found = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/comm") as f:
                    name = f.read().strip()
                found[int(entry)] = (name, *_stat(int(entry)))
            except (OSError, ValueError):
                continue  # it ended while we looked
    return found


BACKEND = re.compile(r"^postgres: (?:[^:]+: )?\S+ (\S+) (?:\S+\(\d+\)|\[local\])")


def _other_backends(processes: dict) -> list[int]:
    """PostgreSQL's connections to a database other than this bench's."""
    ours, found = DATABASE_URL.rsplit("/", 1)[1], []
    for pid, (comm, _, _) in processes.items():
        if comm == "postgres":
            try:
                with open(f"/proc/{pid}/cmdline") as f:
                    match = BACKEND.match(f.read().rstrip("\0 "))
            except OSError:
                continue
            if match and match.group(1) != ours:
                found.append(pid)
    return found


def cpu_by_group(roots: dict[str, int]) -> dict[str, float]:
    """CPU seconds used so far by each group: a root process (by pid), its descendants, and
    the children it has reaped; PostgreSQL and Redis found by name. And the whole machine's
    busy seconds, from /proc/stat."""
    processes = _processes()
    children: dict[int, list[int]] = {}
    for pid, (_, parent, _) in processes.items():
        children.setdefault(parent, []).append(pid)

    def tree(pid: int) -> float:
        _, _, (utime, stime, cutime, cstime) = processes[pid]
        own = utime + stime + cutime + cstime
        return own + sum(tree_own(child) for child in children.get(pid, ()))

    def tree_own(pid: int) -> float:  # a live descendant: its own CPU (reaped ones are above)
        _, _, (utime, stime, _, _) = processes[pid]
        return utime + stime + sum(tree_own(child) for child in children.get(pid, ()))

    used = {name: tree(pid) / TICK for name, pid in roots.items() if pid in processes}
    for name, comm in (("PostgreSQL", "postgres"), ("Redis", "redis-server")):
        tops = [pid for pid, (c, parent, _) in processes.items()
                if c == comm and processes.get(parent, ("",))[0] != comm]  # fmt: skip
        used[name] = sum(tree(pid) for pid in tops) / TICK
    # Connections to other databases (a test run beside this one) are the rest of the machine.
    used["PostgreSQL"] -= sum(tree_own(pid) for pid in _other_backends(processes)) / TICK
    with open("/proc/stat") as f:
        ticks = [int(n) for n in f.readline().split()[1:]]
    # user nice system idle iowait irq softirq steal: busy is all but idle and iowait
    used["machine"] = (sum(ticks[:8]) - ticks[3] - ticks[4]) / TICK
    times = os.times()
    used["load generator"] = times.user + times.system
    return used


def _start(command: list[str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        command, cwd=PROJECT, env={**os.environ, **SERVER_ENV},
        stdout=log.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip


def _wait_until_up(base: str, worker_log: Path) -> None:
    for _ in range(150):
        try:
            urllib.request.urlopen(f"{base}/sign-in/", timeout=2).read()  # noqa: S310
            if "ready." in worker_log.read_text():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(
        "gunicorn or the worker did not start: see their logs in " + str(worker_log.parent)
    )


def percentile_95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[-1] if times[1:] else times[0]


def report(options, results: dict, used: dict[str, float], seconds: float) -> None:
    kinds = ", ".join(f"{share:.0%} {kind}s" for kind, share in MIX.items())
    model = f"{options.workers} {options.worker_class} workers" + (
        f" of {options.threads} threads" if options.threads > 1 else ""
    )
    print(f"{options.sessions} people ({kinds}) for {seconds:.0f} s after "
          f"{options.warm_up:.0f} s of warm-up; gunicorn {model}, the worker at concurrency 2; "
          "ms at the client")  # fmt: skip
    print(f"{'request':<16} {'count':>6} {'failed':>6} {'p50':>7} {'p95':>7} {'max':>7}")
    requests = failed = 0
    worst = 0.0
    for name, taken in sorted(results.items()):
        times = sorted(t for t, _ in taken)
        bad = sum(not ok for _, ok in taken)
        requests, failed = requests + len(times), failed + bad
        worst = max(worst, percentile_95(times))
        print(f"{name:<16} {len(times):>6} {bad:>6} {statistics.median(times):>7.1f} "
              f"{percentile_95(times):>7.1f} {times[-1]:>7.1f}")  # fmt: skip
    print(f"{requests} requests, {requests / seconds:.1f} a second; {failed} failed; "
          f"worst p95 {worst:.1f} ms")  # fmt: skip
    print(f"{'CPU of':<16} {'cores':>6} {'ms a request':>13}")
    accounted = 0.0
    for name in ("gunicorn", "PostgreSQL", "Redis", "worker", "load generator"):
        accounted += used[name]
        print(f"{name:<16} {used[name] / seconds:>6.2f} {used[name] * 1000 / requests:>13.2f}")
    rest = (used["machine"] - accounted) / seconds
    print(f"{'rest of machine':<16} {rest:>6.2f}")
    print(f"{'whole machine':<16} {used['machine'] / seconds:>6.2f} (of {os.cpu_count()})")
    print("This run counts." if rest < 0.2 else "This run does not count: the rest of the machine "
          "used 0.2 core or more.")  # fmt: skip
    held = failed == 0 and worst < 100
    print(f"0 errors and every p95 under 100 ms: {'held' if held else 'not held'}.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=150)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--warm-up", type=float, default=15)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument("--threads", type=int, default=1)
    options = parser.parse_args()
    prepare()
    everyone = people(options.sessions)
    # Before every run: each run's saves and exports change more rows (the first reopens
    # returns too).
    from bench.database import analyse

    analyse()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    logs = Path(tempfile.mkdtemp(prefix="bcf-deadline-logs-"))
    web = _start(
        [sys.executable, "-m", "gunicorn", "bcfportal.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(options.workers), "--worker-class", options.worker_class,
         "--threads", str(options.threads), "--access-logfile", "-"],
        logs / "web.log",
    )  # fmt: skip
    worker = _start(
        [sys.executable, "-m", "celery", "-A", "bcfportal", "worker", "--loglevel=INFO",
         "--concurrency=2"],
        logs / "worker.log",
    )  # fmt: skip
    try:
        _wait_until_up(base, logs / "worker.log")
        results, lock = {}, threading.Lock()
        until = time.monotonic() + options.warm_up + options.seconds
        address = ("127.0.0.1", port)
        browsers = [Browser(address, person.session_key, results, lock) for person in everyone]
        threads = [
            threading.Thread(
                target=session_run,
                args=(browser, person, until, n, options.warm_up * 2 / 3),
                daemon=True,
            )
            for n, (browser, person) in enumerate(zip(browsers, everyone, strict=True))
        ]
        for thread in threads:
            thread.start()
        time.sleep(options.warm_up)
        roots = {"gunicorn": web.pid, "worker": worker.pid}
        before, started = cpu_by_group(roots), time.monotonic()
        for browser in browsers:
            browser.counting = True
        time.sleep(max(0.0, until - time.monotonic()))
        after, seconds = cpu_by_group(roots), time.monotonic() - started
        for browser in browsers:
            browser.counting = False
        for thread in threads:
            thread.join(timeout=60)
    finally:
        web.terminate()
        worker.terminate()
        web.wait(timeout=30)
        worker.wait(timeout=30)
    report(options, results, {name: after[name] - before[name] for name in after}, seconds)


if __name__ == "__main__":
    main()
