"""Import a JSON file of answers keyed by question id into a return (creating it if needed).

All or nothing: on any invalid value nothing changes, each problem is printed
with its question id, and the command exits non-zero.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from returns.interchange import return_from_json
from returns.services import AnswersRefused, return_get_or_create

from ._return_args import add_return_arguments, area_and_period


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        add_return_arguments(parser)
        parser.add_argument("file", help="A JSON file, as export_return writes.")
        parser.add_argument(
            "--prepopulated",
            action="store_true",
            help="Also set the grey (pre-populated) cells: NHS England's playback for the area.",
        )

    def handle(self, *args, **options):
        area, period = area_and_period(options)
        try:
            with open(options["file"], encoding="utf-8") as f:
                document = json.load(f)
        except OSError as error:
            raise CommandError(f"Cannot read {options['file']}: {error.strerror}.") from None
        except json.JSONDecodeError as error:
            raise CommandError(f"{options['file']} is not valid JSON: {error}.") from None
        try:
            with transaction.atomic():
                quarterly_return = return_get_or_create(hwb_area=area, period=period)
                changed = return_from_json(
                    quarterly_return=quarterly_return,
                    document=document,
                    user=None,
                    prepopulated=options["prepopulated"],
                )
        except AnswersRefused as refused:
            for problem in refused.problems:
                self.stderr.write(f"{problem.question_id}: {problem.message}")
            raise CommandError(
                f"Nothing was imported: {len(refused.problems)} problem(s) in {options['file']}."
            ) from None
        self.stdout.write(
            f"Imported into {area}'s {period.label} return: {len(changed)} answer(s) changed."
        )
