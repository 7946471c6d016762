"""Time the home page as the periods and the areas grow: 1 period, then 12; 2 areas, then 152.

    .venv/bin/python bench/home.py [repeats]

Builds a throwaway SQLite database (or uses DATABASE_URL when set: give it an empty one),
loads the demo, keeps one reporting period (Q3 2015/16) and opens its round (a return for
each of the 152 areas), then times the home page, turn about, for the people who open it:
the area analyst (2 areas), the national analyst (152), Norfolk's officer and sign-off
member, and NHS England's national team. It then adds 11 more periods, opens their rounds
(1,824 returns in all, every one a draft) and times the same pages again. Prints the
status, the SQL queries and the medians of `repeats` (default 20) requests through Django's
test client, and the ratios issue 33 sets goals for: each home at 12 periods over the same
at 1 (at most 1.1), and the national analyst's over the area analyst's (2 to 152 areas, at
most 1.1). The two halves run a minute apart, so the first ratio is printed again with each
home over a reference page timed in the same rounds (a section of Norfolk's return, whose
cost does not depend on the periods): the machine's own drift cancels out.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import throwaway

throwaway.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db.models import ProtectedError  # noqa: E402
from django.test import Client  # noqa: E402

from bench.database import analyse  # noqa: E402
from bench.pages import print_pages, time_turn_about  # noqa: E402
from governance.models import FinancialYear  # noqa: E402
from national.rounds import round_open  # noqa: E402
from returns.models import QuarterlyReturn, ReportingPeriod  # noqa: E402

PEOPLE = {
    "area analyst (2 areas)": "analyst",
    "national analyst (152 areas)": "analyst.national",
    "Norfolk's officer": "officer.norfolk",
    "Norfolk's sign-off member": "signoff.norfolk",
    "NHS England, national": "nhse.national",
}


# A page whose cost does not depend on the periods or the areas, requested in the same
# rounds as the homes: the machine's speed moves between the two halves of a run (by a
# third, on a shared virtual machine), and each home over it cancels that out.
REFERENCE = "reference: a section of 69 cells"
REFERENCE_URL = "/areas/E10000020/returns/fy1516_q3/sections/new-integration-metrics/"


def homes(repeats: int) -> dict[str, tuple]:
    pages = {}
    for name, username in PEOPLE.items():
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        pages[name] = (client, "/")
    pages[REFERENCE] = (pages["Norfolk's officer"][0], REFERENCE_URL)
    periods, returns = ReportingPeriod.objects.count(), QuarterlyReturn.objects.count()
    print(f"\n{periods} period{'s' * (periods > 1)}, {returns} returns")
    results = time_turn_about(pages, repeats)
    print_pages(results, repeats)
    return results


def purge(queryset) -> None:
    """Delete, with what protects the rows from deletion (their history): a throwaway
    database's rows only."""
    while True:
        try:
            queryset.delete()
            return
        except ProtectedError as error:
            model = next(iter(error.protected_objects))._meta.model
            purge(model.objects.filter(pk__in=[o.pk for o in error.protected_objects]))


def main(repeats: int) -> None:
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    analyse()
    q3 = ReportingPeriod.objects.get(quarter=3, financial_year__start_year=2015)
    purge(ReportingPeriod.objects.exclude(pk=q3.pk))  # and the demo's returns of them
    round_open(period=q3)
    one = homes(repeats)
    for start_year in (2015, 2016, 2017):  # 12 periods, of the one template of the bench
        year, _ = FinancialYear.objects.get_or_create(start_year=start_year)
        for quarter in (1, 2, 3, 4):
            period, _ = ReportingPeriod.objects.get_or_create(
                financial_year=year, quarter=quarter,
                defaults={"template_version": q3.template_version,
                          "submission_deadline": q3.submission_deadline},
            )  # fmt: skip
            round_open(period=period)
    twelve = homes(repeats)
    print("\nCPU at 12 periods / at 1 (goal: at most 1.1); then the same, each home over the")
    print(f"reference page in its rounds (the reference itself: "
          f"{twelve[REFERENCE][3] / one[REFERENCE][3]:.2f})")  # fmt: skip
    for name in PEOPLE:
        relative = (twelve[name][3] / twelve[REFERENCE][3]) / (one[name][3] / one[REFERENCE][3])
        print(f"  {name:<40} {twelve[name][3] / one[name][3]:.2f}  {relative:.2f}")
    national, area = "national analyst (152 areas)", "area analyst (2 areas)"
    print("CPU for 152 areas / for 2, the national analyst over the area analyst (at most 1.1)")
    for periods, results in (("1 period", one), ("12 periods", twelve)):
        print(f"  {periods:<40} {results[national][3] / results[area][3]:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
