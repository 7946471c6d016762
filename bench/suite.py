"""The whole test suite's time on this machine (issue 15: at most 3 minutes on 2 cores).

    .venv/bin/python bench/suite.py [--runs 3] [--against DIR] [--processes] [-- PYTEST-ARGS]

Runs `.venv/bin/pytest` (SQLite, one xdist worker per core, as the README's test command
runs it on a laptop) `--runs` times and prints each run's wall time and what the machine's
cores did meanwhile (busy and idle CPU-seconds, from /proc/stat), then the median. Before
the runs it times a fixed pure-Python loop (20 million additions): a virtual machine's
speed moves with its neighbours, and the loop says how fast this one was, so that runs
on different days can be compared.

`--against DIR` runs another checkout's suite (a `git worktree` with a `.venv` of its own)
turn about with this one's, the way to compare two versions on a machine whose speed moves.
`--processes` also samples every process's CPU time from /proc (every 0.2 s) and prints
it by kind: the pytest workers, Chromium's processes, the Django commands the tests start.
"""

import argparse
import collections
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
TICKS = os.sysconf("SC_CLK_TCK")
KINDS = [  # the first pattern a process's command line matches names its kind
    ("chromium: " + kind, re.compile(rf"chrom.*--type={kind}\b")) for kind in
    ("renderer", "gpu-process", "utility", "zygote")
] + [
    ("chromium: browser", re.compile(r"chrom")),
    ("pytest: xdist workers", re.compile(r"-c import sys;exec\(eval\(sys.stdin")),
    ("pytest: the controller", re.compile(r"bin/pytest")),
    ("manage.py commands", re.compile(r"manage\.py")),
    ("Celery workers", re.compile(r"celery")),
    ("gunicorn", re.compile(r"gunicorn")),
    ("LibreOffice", re.compile(r"soffice")),
    ("Playwright's driver (Node.js)", re.compile(r"node|playwright")),
    ("other Python processes", re.compile(r"python")),
]  # fmt: skip


def loop_seconds() -> float:
    """This machine's speed: 20 million additions in pure Python, best of three."""
    code = "s = 0\nfor i in range(20_000_000): s += i"
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603 - our own code
        best = min(best, time.perf_counter() - started)
    return best


def cores() -> tuple[float, float]:
    """The machine's busy and idle CPU-seconds since it started."""
    with open("/proc/stat") as stat:
        ticks = [int(n) for n in stat.readline().split()[1:]]
    idle = ticks[3] + ticks[4]  # idle, waiting for I/O
    return (sum(ticks[:8]) - idle) / TICKS, idle / TICKS


def processes() -> dict[tuple[str, str], tuple[float, str]]:
    """Every process's CPU-seconds so far and command line, by (pid, start time)."""
    found = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, UnicodeDecodeError):
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        found[(pid, fields[19])] = ((int(fields[11]) + int(fields[12])) / TICKS, command)
    return found


def run(checkout: Path, pytest_args: list[str], by_process: bool) -> dict:
    before = processes() if by_process else {}
    busy, idle = cores()
    started = time.perf_counter()
    suite = subprocess.Popen(  # noqa: S603 - a checkout's own pytest
        [str(checkout / ".venv" / "bin" / "pytest"), "-q", "-p", "no:cacheprovider",
         *pytest_args],
        cwd=checkout, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}},
    )  # fmt: skip
    seen = {}
    while by_process and suite.poll() is None:
        for key, (cpu, command) in processes().items():
            # A process that has ended (a zombie, not yet waited for) has no command line.
            seen[key] = (cpu, command or seen.get(key, (0.0, ""))[1])
        time.sleep(0.2)
    output = suite.communicate()[0]
    wall = time.perf_counter() - started
    busy_after, idle_after = cores()
    kinds = collections.Counter()
    for key, (cpu, command) in seen.items():
        cpu -= before.get(key, (0.0,))[0]
        if cpu > 0:
            kind = next((kind for kind, pattern in KINDS if pattern.search(command)), "other")
            kinds[kind] += cpu
    summary = output.strip().splitlines()[-1] if output.strip() else "(no output)"
    if suite.returncode != 0:
        print(output[-3000:])
    return {"wall": wall, "busy": busy_after - busy, "idle": idle_after - idle,
            "summary": summary, "kinds": kinds, "failed": suite.returncode != 0}  # fmt: skip


def minutes(seconds: float) -> str:
    return f"{int(seconds // 60)} min {seconds % 60:4.1f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--against", type=Path, help="another checkout, run turn about")
    parser.add_argument("--processes", action="store_true", help="CPU-seconds by process")
    parser.add_argument("pytest_args", nargs="*", help="after --: passed to pytest")
    options = parser.parse_args()
    checkouts = {"this checkout": PROJECT}
    if options.against:
        checkouts[str(options.against)] = options.against.resolve()
    print(f"{os.cpu_count()} cores; 20 million additions in pure Python: "
          f"{loop_seconds():.2f} s (best of 3)")  # fmt: skip
    results = {name: [] for name in checkouts}
    for number in range(1, options.runs + 1):
        for name, checkout in checkouts.items():
            found = run(checkout, options.pytest_args, options.processes)
            results[name].append(found)
            print(f"run {number}, {name}: {minutes(found['wall'])}, cores busy "
                  f"{found['busy']:.0f} CPU-s, idle {found['idle']:.0f}; "
                  f"{found['summary']}")  # fmt: skip
            for kind, cpu in found["kinds"].most_common():
                print(f"    {cpu:7.1f} CPU-s  {kind}")
    for name, runs in results.items():
        walls = [found["wall"] for found in runs]
        print(f"{name}: median {minutes(statistics.median(walls))} of {len(walls)} runs "
              f"({minutes(min(walls))} to {minutes(max(walls))}); target 3 min 0 s")  # fmt: skip
    print(f"20 million additions after the runs: {loop_seconds():.2f} s")
    return 1 if any(found["failed"] for runs in results.values() for found in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
