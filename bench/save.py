"""Time the save of one answer against its floor, turn about, on the demo data.

    DEBUG=true .venv/bin/python manage.py seed_demo
    DEBUG=true .venv/bin/python bench/save.py [repeats]

(on PostgreSQL with production settings: `DATABASE_URL=postgres://… DEBUG=false …`).

A draft return of the demo (Norfolk's Q4 2015/16, started from its Q3) has one figure saved,
alternating between two values, through `returns.services.answers_save` as a section page
saves it; and, turn about with it, the floor: what no save can do without (lock the return,
update the answer, insert its change, move the revision on), written directly. Prints, for
each, the queries and the medians of the process's CPU time and of the wall clock, and the
ratio of the save to the floor (issue 33's goal: at most 3).
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bcfportal.settings")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import F  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from bcfportal.processes import settle  # noqa: E402

# A return of each kind the demo keeps a draft of, and a figure others are worked out from:
# Borsetshire's Q3 2015/16 (its non-elective admissions feed the P4P calculation) and
# Norfolk's Q4 2015/16 (its I&E actual feeds the year's totals).
RETURNS = {"q3": ("E99999001", "fy1516_q3", "nea_actual_fy1516_q3"),
           "q4": ("E10000020", "fy1516_q4", "ie_expenditure_actual_q4")}  # fmt: skip
QUESTION = ""


def _return(ons_code: str, period: str):
    """The area's return of the period (made, as a round would, if there is none)."""
    from governance.models import HwbArea
    from returns.models import QuarterlyReturn
    from returns.selectors import period_by_code
    from returns.services import return_get_or_create

    area = HwbArea.objects.get(ons_code=ons_code)
    made = return_get_or_create(hwb_area=area, period=period_by_code(period))
    return QuarterlyReturn.objects.get(pk=made.pk)


def save(quarterly_return, value: int) -> None:
    from returns.services import answers_save

    with transaction.atomic():
        answers_save(quarterly_return=quarterly_return, values={QUESTION: value}, user=None,
                     source="form")  # fmt: skip


def floor(quarterly_return, value: int) -> None:
    """The least a save writes: the return locked, the answer updated, its change recorded,
    the revision moved on."""
    from governance.bulk import insert
    from returns.models import Answer, AnswerChange, QuarterlyReturn

    with transaction.atomic():
        current = QuarterlyReturn.objects.select_for_update().get(pk=quarterly_return.pk)
        answers = Answer.objects.filter(quarterly_return=current, question_id=QUESTION)
        old = answers.values_list("value", flat=True).first() or ""
        answers.update(value=str(value), source="form", updated_at=timezone.now())
        insert([AnswerChange(
            quarterly_return_id=current.pk, question_id=QUESTION, old_value=old,
            new_value=str(value), revision=current.revision + 1, version=current.version,
            source="form",
        )])  # fmt: skip
        QuarterlyReturn.objects.filter(pk=current.pk).update(
            revision=F("revision") + 1, updated_at=timezone.now()
        )


def timed(operation, quarterly_return, value: int) -> tuple[float, float]:
    """(CPU, wall) seconds of one operation, its queries not captured: capturing costs CPU that
    production does not spend (with the values sent apart from the SQL, Django writes each
    query out again to show it)."""
    start, start_cpu = time.perf_counter(), time.process_time()
    operation(quarterly_return, value)
    return time.process_time() - start_cpu, time.perf_counter() - start


def counted(operation, quarterly_return, value: int) -> int:
    """The queries of one operation, untimed."""
    with CaptureQueriesContext(connection) as queries:
        operation(quarterly_return, value)
    return len(queries)


def main(repeats: int) -> None:
    settle()  # as gunicorn settles a worker (bench/pages.py)
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    for name, (ons_code, period, question) in RETURNS.items():
        global QUESTION
        QUESTION = question
        print(f"\n{name}: {question} of {ons_code}'s {period} return")
        one(_return(ons_code, period), repeats)
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


def one(quarterly_return, repeats: int) -> None:
    if quarterly_return.status != "draft":
        sys.exit(f"{quarterly_return} is {quarterly_return.status}: the bench saves a draft.")
    results = {"save": [], "floor": []}
    value = 1_000_000
    for operation in (save, floor):  # a warm-up; then each writes a value the last did not
        value += 1
        timed(operation, quarterly_return, value)
    for _ in range(repeats):
        for name, operation in (("save", save), ("floor", floor)):  # turn about
            value += 1
            results[name].append(timed(operation, quarterly_return, value))
    queries = {}
    for name, operation in (("save", save), ("floor", floor)):
        value += 1
        queries[name] = counted(operation, quarterly_return, value)
    print(f"one answer saved, {repeats} times each, turn about ({connection.vendor})")
    print(f"{'':<8}{'queries':>8}{'CPU ms':>10}{'wall ms':>10}")
    medians = {}
    for name, rows in results.items():
        cpu = statistics.median(r[0] for r in rows) * 1000
        wall = statistics.median(r[1] for r in rows) * 1000
        medians[name] = cpu
        print(f"{name:<8}{queries[name]:>8}{cpu:>10.2f}{wall:>10.2f}")
    print(f"save / floor (CPU): {medians['save'] / medians['floor']:.2f} (goal: at most 3)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
