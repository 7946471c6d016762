"""Time the quarterly-return pages on the demo data and count their queries.

    DEBUG=true .venv/bin/python manage.py seed_demo
    DEBUG=true .venv/bin/python bench/return_pages.py [repeats]

Prints, per page, the status, the number of SQL queries and the median time of
`repeats` (default 20) requests through Django's test client, signed in as the
Norfolk officer (no network, no browser: the server-side cost only): the overview,
the checklist and every section of a return of each template (Norfolk's, made
complete where the demo has none).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bcfportal.settings")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402

from bench.pages import time_pages  # noqa: E402


def main(repeats: int) -> None:
    from governance.models import HwbArea
    from returns.definitions import all_templates
    from returns.selectors import period_by_code
    from returns.services import answers_save, return_get_or_create
    from returns.tests.complete import complete_values

    client = Client()
    client.force_login(get_user_model().objects.get(username="officer.norfolk"))
    norfolk = HwbArea.objects.get(ons_code="E10000020")
    for definition in all_templates():
        made = return_get_or_create(hwb_area=norfolk, period=period_by_code(definition.period))
        if made.checks_passed < len(definition.checks) and made.status == "draft":
            answers_save(quarterly_return=made, values=complete_values(definition), user=None,
                         source="import", prepopulated=True)  # fmt: skip
        url = f"/areas/E10000020/returns/{definition.period}/"
        pages = {f"{definition.version} overview": url, "  checklist": f"{url}checklist/"}
        for section in definition.sections:
            pages[f"  {section.title} ({len(section.questions)} cells)"] = (
                f"{url}sections/{section.slug}/"
            )
        time_pages(client, pages, repeats)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
