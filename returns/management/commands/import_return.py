"""Import a JSON file of answers keyed by question id, or a filled-in template workbook
(.xlsx), into a return (creating it if needed).

All or nothing: on any invalid value nothing changes, each problem is printed
with its question id, and the command exits non-zero.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from returns.interchange import return_from_json
from returns.services import AnswersRefused, return_get_or_create
from returns.workbook import (
    CellProblem,
    WorkbookProblems,
    WorkbookRefused,
    workbook_import_apply,
    workbook_import_preview,
)

from ._return_args import add_return_arguments, area_and_period


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        add_return_arguments(parser)
        parser.add_argument("file", help="A .json or .xlsx file, as export_return writes.")
        parser.add_argument(
            "--prepopulated",
            action="store_true",
            help="Also set the grey (pre-populated) cells: NHS England's playback for the area.",
        )

    def handle(self, *args, **options):
        area, period = area_and_period(options)
        try:
            with open(options["file"], "rb") as f:
                content = f.read()
        except OSError as error:
            raise CommandError(f"Cannot read {options['file']}: {error.strerror}.") from None
        try:
            with transaction.atomic():
                quarterly_return = return_get_or_create(hwb_area=area, period=period)
                if content[:2] == b"PK" or options["file"].lower().endswith(".xlsx"):
                    changed = self._workbook(quarterly_return, content, options)
                else:
                    changed = self._json(quarterly_return, content, options)
        except (AnswersRefused, WorkbookProblems) as refused:
            for problem in refused.problems:
                if isinstance(problem, CellProblem):
                    self.stderr.write(f"{problem} ({problem.question.id})")
                else:
                    self.stderr.write(f"{problem.question_id}: {problem.message}")
            raise CommandError(
                f"Nothing was imported: {len(refused.problems)} problem(s) in {options['file']}."
            ) from None
        except WorkbookRefused as refused:
            raise CommandError(f"Nothing was imported: {refused}") from None
        self.stdout.write(
            f"Imported into {area}'s {period.label} return: {len(changed)} answer(s) changed."
        )

    def _json(self, quarterly_return, content: bytes, options) -> list[str]:
        try:
            document = json.loads(content.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"{options['file']} is not valid JSON: {error}.") from None
        return return_from_json(
            quarterly_return=quarterly_return,
            document=document,
            user=None,
            prepopulated=options["prepopulated"],
        )

    def _workbook(self, quarterly_return, content: bytes, options) -> list[str]:
        if options["prepopulated"]:
            raise CommandError("--prepopulated is for JSON playback files, not workbooks.")
        preview = workbook_import_preview(quarterly_return=quarterly_return, content=content)
        return workbook_import_apply(quarterly_return=quarterly_return, preview=preview, user=None)
