"""Analysts' national batch: choose a period, watch the progress, download the zip."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from governance import rules
from governance.jobs import stale_checked
from governance.models import NhsRegion
from governance.reading import reads_only
from returns import selectors
from returns.models import ExportStatus, ReportingPeriod
from returns.views import period_for_request

from .exports import SIGNED_OFF, national_request, national_still_readable
from .models import NationalExport
from .round_html import round_rows
from .rounds import STATUSES, round_status, round_status_csv, round_status_xlsx

NO_LONGER_READABLE = (
    "You can no longer see every HWB area this export holds, so it cannot be downloaded. "
    "Build a new one: it holds the areas you can see now."
)


def _analyst(request: HttpRequest) -> None:
    rules.require(request.user, rules.Action.NATIONAL_EXPORT)


def _own(request: HttpRequest, pk: int) -> NationalExport:
    _analyst(request)
    # Each analyst sees their own exports: another's covers areas they may not read.
    return stale_checked(get_object_or_404(NationalExport, pk=pk, requested_by=request.user))


def _round_state(period: ReportingPeriod, now) -> str:
    """Several rounds can be open at once: each period's says which."""
    if period.is_closed(now):
        return "Closed"
    return "Open" if period.is_open(now) else "Not opened"


@reads_only
def national_home(request: HttpRequest) -> HttpResponse:
    _analyst(request)
    now = timezone.now()
    periods = ReportingPeriod.objects.select_related("financial_year").order_by(
        "-financial_year__start_year", "-quarter"
    )
    counts = {}  # (period id, signed off?) -> returns the user may read
    readable = selectors.returns_for_user(user=request.user)
    for row in readable.order_by().values("period", "status").annotate(n=Count("pk")):
        key = (row["period"], row["status"] in SIGNED_OFF)
        counts[key] = counts.get(key, 0) + row["n"]
    return render(
        request,
        "national/national.html",
        {
            "periods": [
                (
                    period,
                    counts.get((period.pk, True), 0),
                    sum(n for (pk, _), n in counts.items() if pk == period.pk),
                    _round_state(period, now),
                )
                for period in periods
            ],
            "exports": NationalExport.objects.filter(requested_by=request.user).select_related(
                "period__financial_year"
            )[:10],
        },
    )


@require_POST
def national_start(request: HttpRequest, period: str) -> HttpResponse:
    _analyst(request)
    period_ = period_for_request(period)
    export = national_request(
        period=period_, user=request.user, include_drafts=bool(request.POST.get("include_drafts"))
    )
    return redirect(reverse("national-export", args=[export.pk]))


@require_safe  # may mark a stale export failed: a write
def national_detail(request: HttpRequest, pk: int) -> HttpResponse:
    export = _own(request, pk)
    readable = export.status != ExportStatus.READY or national_still_readable(export=export)
    return render(
        request,
        "national/national_export.html",
        {"export": export, "no_longer_readable": None if readable else NO_LONGER_READABLE},
    )


@require_safe  # may mark a stale export failed: a write
def national_download(request: HttpRequest, pk: int) -> HttpResponse:
    export = _own(request, pk)
    if export.status != ExportStatus.READY or export.file_missing:  # its page says which
        return redirect(reverse("national-export", args=[export.pk]))
    if not national_still_readable(export=export):
        raise PermissionDenied(NO_LONGER_READABLE)
    return FileResponse(export.file.open("rb"), as_attachment=True, filename=export.filename)


def _round(request: HttpRequest, period: str):
    """A round's status: for analysts, and for NHS England (its reviewers see their region)."""
    if not rules.allows(request.user, rules.Action.ASSURE):
        _analyst(request)
    period_ = period_for_request(period)
    status = request.GET.get("status", "")
    region = request.GET.get("region", "")
    return round_status(
        period=period_, user=request.user,
        status=status if status in STATUSES else "",
        region=region if region in NhsRegion.values else "",
        sort=request.GET.get("sort", "area"),
    )  # fmt: skip


@reads_only
def round_status_page(request: HttpRequest, period: str) -> HttpResponse:
    """Every area's return for the period: status, overdue, checks, last change, sign-off."""
    state = _round(request, period)
    query = request.GET.copy()
    query.pop("sort", None)
    return render(request, "national/round_status.html", {
        "state": state,
        "rows": round_rows(state),  # written in Python: a row for each of 152 areas
        "statuses": [(key, label, state.counts[key]) for key, label in STATUSES.items()],
        "filter_status": request.GET.get("status", ""),
        "filter_region": request.GET.get("region", ""),
        "sort": request.GET.get("sort", "area"),
        "filters": query.urlencode(),
        "columns": ROUND_COLUMNS,
    })  # fmt: skip


ROUND_COLUMNS = [("area", "HWB area"), ("region", "Region"), ("status", "Status"),
                 ("checks", "Checks passed"), ("changed", "Last change"),
                 ("signed", "Signed off")]  # fmt: skip


@reads_only
def round_status_download(request: HttpRequest, period: str, fmt: str) -> HttpResponse:
    """The rows the page shows (same filters and order), as CSV or a spreadsheet."""
    if fmt not in ("csv", "xlsx"):
        raise Http404("No such format")
    state = _round(request, period)
    name = f"BCF-{state.period.label.replace(' ', '-').replace('/', '-')}-round-status.{fmt}"
    if fmt == "csv":
        response = HttpResponse(round_status_csv(state), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            round_status_xlsx(state),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
