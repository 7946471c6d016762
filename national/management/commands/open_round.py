"""Open a reporting round: a return for every HWB area that has none for the period, each
pre-filled from its plan and earlier returns (as the admin's "Open the round" does)."""

from django.core.management.base import BaseCommand, CommandError

from national.rounds import round_open
from returns.selectors import period_by_code


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help="The period's code, like fy1516_q3.")

    def handle(self, *args, period: str, **options):
        found = period_by_code(period)
        if found is None:
            raise CommandError(
                f"There is no reporting period {period!r}: give one like fy1516_q3 that the "
                "reference data or the admin holds."
            )
        made = round_open(period=found)
        self.stdout.write(f"{found.label}: {made} return{'s' if made != 1 else ''} made.")
