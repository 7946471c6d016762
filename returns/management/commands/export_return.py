"""Write a return's answers, keyed by question id, as JSON (docs/return-json.md)."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from returns.interchange import return_to_json
from returns.models import QuarterlyReturn

from ._return_args import add_return_arguments, area_and_period


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        add_return_arguments(parser)
        parser.add_argument("--format", choices=["json"], default="json")
        parser.add_argument("--output", default="-", help="A file to write; - for standard output.")

    def handle(self, *args, **options):
        area, period = area_and_period(options)
        quarterly_return = QuarterlyReturn.objects.filter(hwb_area=area, period=period).first()
        if quarterly_return is None:
            raise CommandError(f"{area} has no return for {period.label}.")
        text = json.dumps(return_to_json(quarterly_return=quarterly_return), indent=1)
        if options["output"] == "-":
            sys.stdout.write(text + "\n")
        else:
            with open(options["output"], "w", encoding="utf-8") as f:
                f.write(text + "\n")
            self.stderr.write(f"Wrote {area}'s {period.label} return to {options['output']}.")
