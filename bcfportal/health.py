"""What a worker (or the web process) can see: proof that it reaches the database."""

from django.db import connection
from django.utils import timezone

from plans.models import HwbArea, Plan


def health_report() -> dict:
    return {
        "database": connection.vendor,
        "hwb_areas": HwbArea.objects.count(),
        "plans": Plan.objects.count(),
        "checked_at": timezone.now().isoformat(),
    }
