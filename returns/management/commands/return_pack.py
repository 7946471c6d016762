"""manage.py return_pack --hwb E10000020 --period fy1516_q3 [--period …] --output pack.pdf:
the return pack for the Board's papers (returns/pack.py), of one return or several."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from governance.models import HwbArea
from returns.models import QuarterlyReturn
from returns.pack import PackUnavailable, in_period_order, pack_pdf
from returns.selectors import period_by_code


class Command(BaseCommand):
    help = "Write the return pack (a PDF for the Board's papers) of one or more returns of an area."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--hwb", required=True, help="The HWB area's ONS code, e.g. E10000020.")
        parser.add_argument(
            "--period", required=True, action="append",
            help="A reporting period, e.g. fy1516_q3; give it again for more.",
        )  # fmt: skip
        parser.add_argument("--output", required=True, help="The PDF to write, e.g. pack.pdf.")

    def handle(self, *args, **options):
        area = HwbArea.objects.filter(ons_code=options["hwb"]).first()
        if area is None:
            raise CommandError(f"There is no HWB area with ONS code ‘{options['hwb']}’.")
        returns = []
        for code in dict.fromkeys(options["period"]):
            period = period_by_code(code)
            if period is None:
                raise CommandError(f"There is no reporting period ‘{code}’.")
            found = QuarterlyReturn.objects.filter(hwb_area=area, period=period).first()
            if found is None:
                raise CommandError(f"{area.name} has no {period.label} return.")
            returns.append(found)
        try:
            content = pack_pdf(in_period_order(returns))
        except PackUnavailable as error:
            raise CommandError(f"No PDF was made: WeasyPrint cannot run here ({error}).") from None
        output = Path(options["output"])
        try:
            output.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}.") from None
        labels = ", ".join(r.period.label for r in in_period_order(returns))
        self.stdout.write(f"Wrote {output} ({len(content):,} bytes): {area.name}, {labels}.")
