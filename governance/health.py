"""What a worker (or the web process) can see: proof that it reaches the database; and the
web process's own health check for its container."""

from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils import timezone

from .models import HwbArea, Membership


def health_report() -> dict:
    return {
        "database": connection.vendor,
        "hwb_areas": HwbArea.objects.count(),
        "memberships": Membership.objects.count(),
        "checked_at": timezone.now().isoformat(),
    }


HEALTH_PATH = "/healthz"


class HealthCheckMiddleware:
    """`GET /healthz` answers `ok` while the database answers, before anything else runs.

    First in the middleware, so the container's own probe (plain HTTP, its own address as
    the host) gets an answer under production settings: no HTTPS redirect, no host check, no
    sign-in. It reveals nothing but that the web process and its database are up.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != HEALTH_PATH:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = HttpResponseNotAllowed(["GET", "HEAD"])
        else:
            try:
                connection.ensure_connection()
                response = HttpResponse("ok\n", content_type="text/plain")
            except DatabaseError:
                response = HttpResponse(
                    "database unavailable\n", content_type="text/plain", status=503
                )
        response["Cache-Control"] = "no-store"
        return response
