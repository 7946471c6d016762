"""Upload benchmark: what reading a workbook costs, for Norfolk's own and for the hostile files
of the test suite's corpus (tests/hostile.py), each read in a fresh process as a web worker
would read it.

    .venv/bin/python bench/uploads.py [--repeats 20]

Uses the benchmark database of bench/workbooks.py (Norfolk's demo data). Prints, for each
file, its size, the outcome (read, or the first words of the refusal), the time to read and
check it, and the peak resident memory of the process (Python, Django and the reader: the
first line is the baseline of a process that reads a valid workbook); then the slowest file
refused and the slowest read (the target: under a second each), and this machine's speed
(bench/suite.py's loop: its speed moves with its neighbours).
"""

import argparse
import io
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from bench.suite import loop_seconds  # noqa: E402
from bench.workbooks import median_ms, prepare  # noqa: E402  (sets up the bench database)

SETTINGS = {"DJANGO_SETTINGS_MODULE": "bcfportal.settings", "DEBUG": "true"}


def register_at_the_limits() -> float:
    """Seconds to import a register of the most rows one import takes, each scheme with a
    500-character overview, into Norfolk's plan."""
    import time

    import openpyxl
    from django.db import transaction

    from plans.models import Plan
    from schemes.register import MOST_ROWS, register_import

    plan = Plan.objects.get(hwb_area__ons_code="E10000020", financial_year__start_year=2016)
    book = openpyxl.Workbook()
    schemes = book.active
    schemes.title = "Schemes"
    schemes.append(["Reference", "Name", "Lead partner", "Overview"])
    count = MOST_ROWS["Schemes"]
    for n in range(count):
        schemes.append([f"X{n}", f"Scheme {n}", "NCC", "x" * 500])
    lines = book.create_sheet("Investment lines")
    lines.append(["Scheme reference", "Description", "Amount"])
    for n in range(MOST_ROWS["Investment lines"]):
        lines.append([f"X{n % count}", f"Line {n}", 1000 + n])
    buffer = io.BytesIO()
    book.save(buffer)
    start = time.perf_counter()
    with transaction.atomic():
        register_import(plan=plan, content=buffer.getvalue(), user=None, revision=None)
        seconds = time.perf_counter() - start
        transaction.set_rollback(True)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=20)
    repeats = parser.parse_args().repeats
    prepare()

    from returns.models import QuarterlyReturn
    from returns.workbook import return_workbook_bytes, workbook_read
    from tests.hostile import CORPUS, read_in_a_process_of_its_own

    norfolk = QuarterlyReturn.objects.get(
        hwb_area__ons_code="E10000020", period__financial_year__start_year=2015, period__quarter=3
    )  # Q3 2015/16: `templates` makes Norfolk a return of every template, Q3 2016/17's too
    content = return_workbook_bytes(quarterly_return=norfolk)
    read = median_ms(lambda: workbook_read(quarterly_return=norfolk, content=content), repeats)
    print(f"Norfolk's workbook ({len(content) / 1024:.0f} KB) read and checked: "
          f"{read:.1f} ms (median of {repeats}, in this process)")  # fmt: skip
    print(f"A scheme register at the limits (200 schemes, 2,000 lines) imported: "
          f"{register_at_the_limits():.1f} s (then rolled back)")  # fmt: skip
    print()
    print(f"{'file':<66} {'size':>9} {'seconds':>8} {'peak MB':>8}  outcome")
    rows = [("Norfolk's own workbook (the baseline)", content)]
    rows += [(h.id, h.make(content)) for h in CORPUS]
    slowest: dict[bool, tuple[float, str]] = {}
    for name, data in rows:
        result = read_in_a_process_of_its_own(data, SETTINGS)
        outcome = result["outcome"][:48]
        print(f"{name[:66]:<66} {len(data) / 1024:>7.0f}KB {result['seconds']:>8.3f} "
              f"{result['peak_mb']:>8.1f}  {outcome}")  # fmt: skip
        refused = result["outcome"] != "read"
        slowest[refused] = max(slowest.get(refused, (0.0, "")), (result["seconds"], name))
    print()
    for refused, label in ((True, "refused"), (False, "read")):
        seconds, name = slowest[refused]
        print(f"Slowest file {label}: {seconds:.3f} s ({name})")
    print(f"This machine: 20 million additions in {loop_seconds():.2f} s (best of 3)")


if __name__ == "__main__":
    main()
