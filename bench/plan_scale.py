"""How the plan pages and the register grow with a plan's schemes: Norfolk's 21, then 210.

    .venv/bin/python bench/plan_scale.py [--repeats 10] [--copies 9]

Loads the demo into a throwaway SQLite database (or DATABASE_URL when set: give it an empty
one), copies each of Norfolk's 21 schemes `--copies` times (every field and part, through the
portal's own scheme service), then times (median of `--repeats`, through Django's test
client, signed in as Norfolk's officer) the plan, the printable plan, the scheme register and
the register's .xlsx with the 21 schemes and with all of them, turn about: each round moves
the copies out of Norfolk's 2016-17 plan (into the demo's other area's) and times every page,
then moves them back and times every page again, so both sizes see the same moments of a
machine whose speed moves. Prints each page's queries and CPU milliseconds at both sizes, how
many times longer it took (less than 10, the schemes' ratio, is less than linear) and what
each scheme added: issue 33's goal for the printable plan is at most 0.05 ms a scheme.
"""

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import throwaway

throwaway.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from bcfportal.processes import settle  # noqa: E402
from bench.database import analyse  # noqa: E402
from bench.pages import counted, get  # noqa: E402

PLAN = "/areas/E10000020/plans/2016-17/"
PAGES = {
    "plan": PLAN,
    "printable plan": f"{PLAN}print/",
    "scheme register": f"{PLAN}schemes/",
    "register .xlsx": f"{PLAN}schemes/register.xlsx",
}


def measure(client: Client, repeats: int, copies: list[int]) -> dict[str, dict]:
    """By size (21 schemes, or all), each page's (queries, median CPU ms), turn about."""
    from plans.models import Plan
    from schemes.models import Scheme

    here = Plan.objects.get(hwb_area__ons_code="E10000020", financial_year__start_year=2016)
    # Another area's plan holds the copies meanwhile: nothing of it is on Norfolk's pages (its
    # own 2015-16 plan is, as last year's, on the register).
    away = Plan.objects.exclude(hwb_area=here.hwb_area).get(financial_year__start_year=2016)
    sizes = {"21": away, "all": here}
    cpu = {size: {name: [] for name in PAGES} for size in sizes}
    queries = {}
    for round_ in range(repeats + 1):  # the first round warms each page up, untimed
        for size, plan in sizes.items():
            Scheme.objects.filter(pk__in=copies).update(plan=plan)
            for name, url in PAGES.items():
                if round_ == 0:
                    status, queries[size, name] = counted(client, url)
                    assert status == 200, (url, status)
                    continue
                get(client, url)  # the first reading of the rows just moved, untimed
                start = time.process_time()
                get(client, url)
                cpu[size][name].append((time.process_time() - start) * 1000)
    return {size: {name: (queries[size, name], statistics.median(cpu[size][name]))
                   for name in PAGES} for size in sizes}  # fmt: skip


def copy_schemes(copies: int) -> list[int]:
    """The ids of the copies, made in Norfolk's 2016-17 plan."""
    from plans.models import Plan
    from plans.services import plan_editing
    from schemes.models import Scheme
    from schemes.services import PARTS, SCHEME_FIELDS, scheme_write

    plan = Plan.objects.get(hwb_area__ons_code="E10000020", financial_year__start_year=2016)
    officer = get_user_model().objects.get(username="officer.norfolk")
    originals = list(plan.schemes.all())
    made = []
    for number in range(1, copies + 1):
        for source in originals:
            plan.refresh_from_db()
            with plan_editing(plan=plan, user=officer, revision=plan.revision) as editing:
                fields = {name: getattr(source, name) for name in SCHEME_FIELDS}
                fields["reference"] = f"{source.reference}-{number}"
                parts = {
                    name: [
                        {f.name: getattr(row, f.name) for f in model._meta.concrete_fields
                         if f.name not in ("id", "scheme", "position")}
                        for row in getattr(source, name).all()
                    ]
                    for name, model in PARTS.items()
                }  # fmt: skip
                made.append(scheme_write(editing, Scheme(plan=editing.plan), fields, parts))
    return [scheme.pk for scheme in made]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--copies", type=int, default=9)
    options = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0, stdout=io.StringIO())
    analyse()
    copies = copy_schemes(options.copies)
    settle()  # as gunicorn settles a worker (bench/pages.py)
    analyse()
    client = Client()
    client.force_login(get_user_model().objects.get(username="officer.norfolk"))
    measured = measure(client, options.repeats, copies)
    before, after = measured["21"], measured["all"]
    schemes = 21 + len(copies)
    ratio = schemes / 21
    from django.db import connection

    print(f"Norfolk's plan, 21 then {schemes} schemes (x{ratio:.0f}); CPU, median of "
          f"{options.repeats}, turn about, {connection.vendor}, test client")  # fmt: skip
    print(f"{'page':<18} {'queries':>7} {'ms':>8} {'queries':>8} {'ms':>8} {'times longer':>13}"
          f" {'ms a scheme':>12}")  # fmt: skip
    for name in PAGES:
        (q1, t1), (q2, t2) = before[name], after[name]
        print(f"{name:<18} {q1:>7} {t1:>8.1f} {q2:>8} {t2:>8.1f} {t2 / t1:>13.2f}"
              f" {(t2 - t1) / (schemes - 21):>12.3f}")  # fmt: skip


if __name__ == "__main__":
    main()
