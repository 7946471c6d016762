"""Time the plan and scheme pages, and the plan and register workbooks, on the demo data.

    DEBUG=true .venv/bin/python manage.py seed_demo
    DEBUG=true .venv/bin/python bench/plan_pages.py [repeats]

Prints, per page, the status, the number of SQL queries and the median time of
`repeats` (default 20) requests through Django's test client, signed in as the Norfolk
officer, the pages taken turn about with a reference page (the Q3 2015/16 return's
overview, `bench/return_pages.py`'s first); then each page's CPU over the reference's, which
holds where the machine's speed moves between runs; then the median time and size of
Norfolk's 2016/17 plan workbook and scheme register as made on the worker.
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

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402

from bench.pages import print_pages, time_turn_about  # noqa: E402
from plans.models import Plan  # noqa: E402
from plans.workbook import plan_workbook_bytes  # noqa: E402
from schemes.register import register_workbook_bytes  # noqa: E402

PLAN = "/areas/E10000020/plans/2016-17/"
REFERENCE = "reference: a return's overview (Q3 2015/16)"


def main(repeats: int) -> None:
    client = Client()
    client.force_login(get_user_model().objects.get(username="officer.norfolk"))
    plan = Plan.objects.get(hwb_area__ons_code="E10000020", financial_year__start_year=2016)
    nch2 = plan.schemes.get(reference="NCH2").pk
    pages = {"plan": PLAN, "printable plan (21 schemes in full)": f"{PLAN}print/",
             "scheme register": f"{PLAN}schemes/", "scheme NCH2": f"{PLAN}schemes/{nch2}/",
             "scheme NCH2 form": f"{PLAN}schemes/{nch2}/edit/"}  # fmt: skip
    for part in ("funding", "expenditure", "conditions", "metrics", "narrative"):
        pages[f"edit {part}"] = f"{PLAN}edit/{part}/"
    pages[REFERENCE] = "/areas/E10000020/returns/fy1516_q3/"
    results = time_turn_about({name: (client, url) for name, url in pages.items()}, repeats)
    print_pages(results, repeats)
    reference = results[REFERENCE][3]
    print("CPU over the reference's, taken in the same rounds:")
    for name, (_, _, _, cpu) in results.items():
        if name != REFERENCE:
            print(f"  {name:<46} {cpu / reference:5.2f}")
    for name, make in (("plan workbook", plan_workbook_bytes),
                       ("scheme register", register_workbook_bytes)):  # fmt: skip
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            content = make(plan=plan)
            times.append(time.perf_counter() - start)
        median = statistics.median(times) * 1000
        print(f"{name} .xlsx: {median:.1f} ms median of {repeats}, {len(content):,} bytes")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
