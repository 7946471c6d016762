"""Write a period's national figures as JSON: every area's status and checks passed, the
areas summed, and for every numeric question of the template its total and the number of
areas giving it. Signed-off returns only, unless --include-drafts."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from national.figures import national_figures
from returns.selectors import period_by_code


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help="The period's code, like fy1516_q3.")
        parser.add_argument(
            "--include-drafts", action="store_true",
            help="Sum every started return, not only those signed off (the file says so).",
        )  # fmt: skip
        parser.add_argument("--output", default="-", help="A file to write; - for standard output.")

    def handle(self, *args, period: str, include_drafts: bool, output: str, **options):
        found = period_by_code(period)
        if found is None:
            raise CommandError(
                f"There is no reporting period {period!r}: give one like fy1516_q3 that the "
                "reference data or the admin holds."
            )
        figures = national_figures(period=found, include_drafts=include_drafts)
        text = json.dumps(figures.to_json(), indent=1) + "\n"
        if output == "-":
            sys.stdout.write(text)
            return
        with open(output, "w", encoding="utf-8") as f:
            f.write(text)
        self.stderr.write(
            f"Wrote {found.label}'s national figures ({len(figures.included)} areas summed"
            f"{', drafts included' if include_drafts else ''}) to {output}."
        )
