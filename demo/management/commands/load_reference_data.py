"""`manage.py load_reference_data`: HWB areas, years, periods, conditions, metric definitions."""

from django.core.management.base import BaseCommand
from django.db import transaction

from demo.reference import reference_data_load
from governance.models import HwbArea
from returns.models import ReportingPeriod


class Command(BaseCommand):
    help = (
        "Load the reference data every installation needs (the 151 HWB areas of 2015/16, "
        "financial years, reporting periods and their deadlines, national-condition "
        "catalogues, metric definitions). Idempotent: run it again after an upgrade."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            reference_data_load()
        self.stdout.write(
            self.style.SUCCESS(
                f"Reference data is up to date: {HwbArea.objects.count()} HWB areas, "
                f"{ReportingPeriod.objects.count()} reporting periods."
            )
        )
