"""Time a reporting round's status page at national size: 152 areas and 4 periods.

    .venv/bin/python bench/round_status.py [repeats]

Builds a throwaway SQLite database (or uses DATABASE_URL when set: give it an empty one),
loads the national demo (`seed_demo --national`: every area's Q3 2015/16 return, in a mix of
states from not started to accepted by NHS England), adds three more periods and opens all
four rounds (a return for each of the 152 areas, 608 returns), then prints, for the round's
page, its CSV and its spreadsheet, the status, the SQL queries and the medians of `repeats`
(default 20) requests through Django's test client, signed in as the national analyst: the
server-side cost only. Turn about with them, it times the largest section page of Norfolk's
return, as its officer opens it, and prints the round's CPU time over the section's (issue
33's goal: at most 1), in a number of queries that does not grow with the areas. Then it
times the round's national figures for the area analyst (2 areas) and the national one
(152), turn about, and prints the second's CPU over the first's (the goal: at most 1.1).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import throwaway

throwaway.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.database import analyse  # noqa: E402
from bench.pages import print_pages, time_turn_about  # noqa: E402
from national.rounds import round_open  # noqa: E402
from returns.definitions import template  # noqa: E402
from returns.models import QuarterlyReturn, ReportingPeriod  # noqa: E402


def main(repeats: int) -> None:
    call_command("migrate", verbosity=0)
    call_command("seed_demo", national=True, verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    analyse()
    q3 = ReportingPeriod.objects.get(quarter=3, financial_year__start_year=2015)
    for quarter in (1, 2, 4):  # three more rounds, of the one template the portal defines
        ReportingPeriod.objects.get_or_create(
            financial_year=q3.financial_year, quarter=quarter,
            defaults={"template_version": q3.template_version,
                      "submission_deadline": q3.submission_deadline},
        )  # fmt: skip
    for period in ReportingPeriod.objects.all():
        round_open(period=period)
    print(f"{QuarterlyReturn.objects.count()} returns in {ReportingPeriod.objects.count()} periods")
    analyst, officer = Client(), Client()
    analyst.force_login(get_user_model().objects.get(username="analyst.national"))
    officer.force_login(get_user_model().objects.get(username="officer.norfolk"))
    largest = max(template(q3.template_version).sections, key=lambda s: len(s.questions))
    section = f"section {largest.slug} ({len(largest.questions)} cells), Norfolk's officer"
    round_url = reverse("round-status", args=["fy1516_q3"])
    results = time_turn_about({
        "round status, Q3 2015/16 (152 areas)": (analyst, round_url),
        "  sorted by checks, London only": (analyst, f"{round_url}?region=London&sort=-checks"),
        "  as CSV": (analyst, reverse("round-status-download", args=["fy1516_q3", "csv"])),
        "  as XLSX": (analyst, reverse("round-status-download", args=["fy1516_q3", "xlsx"])),
        section: (officer, f"/areas/E10000020/returns/fy1516_q3/sections/{largest.slug}/"),
    }, repeats)  # fmt: skip
    print_pages(results, repeats)
    ratio = results["round status, Q3 2015/16 (152 areas)"][3] / results[section][3]
    print(f"round status / section page (CPU): {ratio:.2f} (goal: at most 1)")
    area_analyst = Client()
    area_analyst.force_login(get_user_model().objects.get(username="analyst"))
    figures_url = reverse("national-figures", args=["fy1516_q3"])
    figures = time_turn_about({
        "national figures, area analyst (2 areas)": (area_analyst, figures_url),
        "national figures, national analyst (152 areas)": (analyst, figures_url),
    }, repeats)  # fmt: skip
    print_pages(figures, repeats)
    two, all_ = (result[3] for result in figures.values())
    print(f"national figures, 152 areas / 2 (CPU): {all_ / two:.2f} (goal: at most 1.1)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
