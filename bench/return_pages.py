"""Time the quarterly-return pages on the demo data and count their queries.

    DEBUG=true .venv/bin/python manage.py seed_demo
    DEBUG=true .venv/bin/python bench/return_pages.py [repeats]

Prints, per page, the status, the number of SQL queries and the median time of
`repeats` (default 20) requests through Django's test client, signed in as the
Norfolk officer (no network, no browser: the server-side cost only).
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
from returns.definitions import template  # noqa: E402

RETURN = "/areas/E10000020/returns/fy1516_q3/"


def main(repeats: int) -> None:
    client = Client()
    client.force_login(get_user_model().objects.get(username="officer.norfolk"))
    pages = {"overview": RETURN, "checklist": f"{RETURN}checklist/"}
    for section in template("bcf-q3-2015-16").sections:
        pages[f"{section.title} ({len(section.questions)} cells)"] = (
            f"{RETURN}sections/{section.slug}/"
        )
    time_pages(client, pages, repeats)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
