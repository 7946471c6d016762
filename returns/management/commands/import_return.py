"""Import a JSON file of answers keyed by question id, or a filled-in template workbook
(.xlsx), into a return (creating it if needed).

All or nothing: on any invalid value, or a file that cannot be read, nothing changes, each
problem is printed (by question id, or tab and cell) and the command exits with status 1.
Someone saving the return while the file is read makes it refuse too, rather than overwrite
their change: run it again.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from governance.uploads import LIMITS
from returns.interchange import return_from_json
from returns.services import AnswersRefused, SaveConflict, return_get_or_create
from returns.workbook import (
    CellProblem,
    WorkbookProblems,
    WorkbookRefused,
    workbook_import_apply,
    workbook_read,
)

from ._return_args import add_return_arguments, area_and_period


def printable(text: str) -> str:
    """Text from a file as a terminal can show it (a lone surrogate as its escape)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


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
        name = options["file"]
        try:
            with open(name, "rb") as f:
                content = f.read(LIMITS.file_bytes + 1)
        except OSError as error:
            raise CommandError(f"Cannot read {name}: {error.strerror}.") from None
        if len(content) > LIMITS.file_bytes:
            raise CommandError(
                f"Nothing was imported: {name} is larger than "
                f"{LIMITS.file_bytes // 1024 // 1024} MB, the most a return's file can be."
            )
        try:
            with transaction.atomic():
                quarterly_return = return_get_or_create(hwb_area=area, period=period)
                if content[:2] == b"PK" or name.lower().endswith(".xlsx"):
                    changed = self._workbook(quarterly_return, content, options)
                else:
                    changed = self._json(quarterly_return, content, options)
        except (AnswersRefused, WorkbookProblems) as refused:
            for problem in refused.problems:
                if isinstance(problem, CellProblem):
                    self.stderr.write(f"{problem} ({problem.question.id})")
                else:
                    self.stderr.write(printable(f"{problem.question_id}: {problem.message}"))
            raise CommandError(
                f"Nothing was imported: {len(refused.problems)} problem(s) in {name}."
            ) from None
        except WorkbookRefused as refused:
            raise CommandError(f"Nothing was imported: {refused}") from None
        except SaveConflict:
            raise CommandError(
                "Nothing was imported: someone saved the return while the file was being read. "
                "Run the command again."
            ) from None
        self.stdout.write(
            f"Imported into {area}'s {period.label} return: {len(changed)} answer(s) changed."
        )

    def _json(self, quarterly_return, content: bytes, options) -> list[str]:
        name = options["file"]
        try:
            document = json.loads(content.decode("utf-8"))
        except UnicodeDecodeError:
            raise CommandError(f"{name} is not valid JSON: it is not UTF-8 text.") from None
        except json.JSONDecodeError as error:
            raise CommandError(f"{name} is not valid JSON: {error}.") from None
        except ValueError:  # an integer of more digits than Python converts
            raise CommandError(
                f"{name} holds a number with thousands of digits, which no answer can be."
            ) from None
        except RecursionError:
            raise CommandError(
                f"{name} nests objects or lists too deeply to be a return."
            ) from None
        return return_from_json(
            quarterly_return=quarterly_return,
            document=document,
            user=None,
            prepopulated=options["prepopulated"],
            base_revision=quarterly_return.revision,
        )

    def _workbook(self, quarterly_return, content: bytes, options) -> list[str]:
        if options["prepopulated"]:
            raise CommandError("--prepopulated is for JSON playback files, not workbooks.")
        revision = quarterly_return.revision
        values = workbook_read(quarterly_return=quarterly_return, content=content)
        return workbook_import_apply(
            quarterly_return=quarterly_return, values=values, user=None, base_revision=revision
        )
