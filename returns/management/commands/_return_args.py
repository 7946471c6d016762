"""The `--hwb` and `--period` arguments the return commands share."""

from django.core.management.base import CommandError

from governance.models import HwbArea
from returns.selectors import period_by_code


def add_return_arguments(parser) -> None:
    parser.add_argument("--hwb", required=True, help="The HWB area's ONS code, e.g. E10000020.")
    parser.add_argument("--period", required=True, help="The reporting period, e.g. fy1516_q3.")


def area_and_period(options):
    area = HwbArea.objects.filter(ons_code=options["hwb"]).first()
    if area is None:
        raise CommandError(f"There is no HWB area with ONS code ‘{options['hwb']}’.")
    period = period_by_code(options["period"])
    if period is None:
        raise CommandError(f"There is no reporting period ‘{options['period']}’.")
    return area, period
