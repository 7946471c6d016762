"""Write a return as JSON keyed by question id (docs/return-json.md), or as the workbook."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from returns.interchange import return_to_json
from returns.models import QuarterlyReturn
from returns.workbook import return_workbook_bytes

from ._return_args import add_return_arguments, area_and_period


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        add_return_arguments(parser)
        parser.add_argument("--format", choices=["json", "xlsx"], default="json")
        parser.add_argument("--output", default="-", help="A file to write; - for standard output.")

    def handle(self, *args, **options):
        area, period = area_and_period(options)
        quarterly_return = QuarterlyReturn.objects.filter(hwb_area=area, period=period).first()
        if quarterly_return is None:
            raise CommandError(f"{area} has no return for {period.label}.")
        if options["format"] == "xlsx":
            content = return_workbook_bytes(quarterly_return=quarterly_return)
            if options["output"] == "-":
                raise CommandError(
                    "Give --output FILE.xlsx: a workbook is not written to a terminal."
                )
        else:
            text = json.dumps(return_to_json(quarterly_return=quarterly_return), indent=1)
            content = (text + "\n").encode()
        if options["output"] == "-":
            sys.stdout.write(content.decode())
            return
        with open(options["output"], "wb") as f:
            f.write(content)
        self.stderr.write(f"Wrote {area}'s {period.label} return to {options['output']}.")
