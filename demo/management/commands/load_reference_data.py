"""`manage.py load_reference_data`: financial years, periods, conditions, metric definitions."""

from django.core.management.base import BaseCommand
from django.db import transaction

from demo.reference import reference_data_load


class Command(BaseCommand):
    help = (
        "Load the reference data every installation needs (financial years, reporting "
        "periods, national-condition catalogues, metric definitions). Idempotent."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            reference_data_load()
        self.stdout.write(self.style.SUCCESS("Reference data is up to date."))
