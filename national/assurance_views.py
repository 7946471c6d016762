"""The pages of NHS England's assurance: an area's submissions, one submission (what was sent,
its key lines, its queries, its outcome), NHS England's queue, and the national summary.

An area's members read its submissions and answer queries on them; NHS England's reviewers
(of the area's region) and national team rate, query and record outcomes
(`rules.Action.ASSURE`). Anyone else gets the 404 of an area that is not theirs."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from governance import conversation_views, rules
from governance.conversations import Host, add_host, host_of
from governance.models import NhsRegion, Submission
from governance.reading import reads_only
from governance.selectors import hwb_areas_for_user
from governance.submissions import Rating

from .assurance import (
    STATUS_LABELS,
    AssuranceRefused,
    assurance_of,
    assurance_queue,
    assurance_summary,
    condition_met,
    line_rate,
    outcome_record,
    regions_for,
    rounds_submitted,
    status_of,
    submissions_for_user,
    summary_csv,
    summary_table,
    summary_xlsx,
)
from .models import ApprovalCondition, Outcome


def submission_for_request(request: HttpRequest, ons_code: str, pk: int) -> Submission:
    area = get_object_or_404(hwb_areas_for_user(user=request.user), ons_code=ons_code)
    rules.require(request.user, rules.Action.READ, area)
    return get_object_or_404(Submission.objects.select_related("hwb_area"), pk=pk, hwb_area=area)


def _args(submission: Submission) -> list:
    return [submission.hwb_area.ons_code, submission.pk]


def submission_url(submission: Submission) -> str:
    return reverse("submission", args=_args(submission))


def _parts(submission: Submission):
    """What a query may be about: the parts of what was sent, as its own host names them."""
    subject = submission.subject
    return host_of(subject).parts(subject) if subject is not None else []


HOST = Host(
    model=Submission,
    name=lambda s: s.name,
    url=lambda s: reverse("submission-queries", args=_args(s)),
    thread_url=lambda s, c: reverse("submission-query", args=[*_args(s), c.pk]),
    parts=_parts,
    part_url=lambda s, about: submission_url(s),
    crumb=lambda s: (f"{s.title}, submission {s.number}", submission_url(s)),
    queryset=lambda: Submission.objects.select_related("hwb_area"),
    may_start=(rules.Action.ASSURE,),
    may_comment=(rules.Action.COMMENT, rules.Action.ASSURE),
    may_resolve=(rules.Action.ASSURE,),
    noun="query",
    plural="queries",
    starters="NHS England's reviewers",
)


def register() -> None:
    add_host(HOST)


# Its queries, at …/queries/ and …/queries/<pk>/.
submission_queries, submission_query = conversation_views.pages_for(
    lambda request, ons_code, submission: submission_for_request(request, ons_code, submission)
)


def _frame(submission: Submission) -> dict:
    area = submission.hwb_area
    return {
        "area": area,
        "submission": submission,
        "breadcrumbs": [
            (area.name, reverse("hwb-area", args=[area.ons_code])),
            ("Submissions to NHS England", reverse("area-submissions", args=[area.ons_code])),
        ],
    }


@reads_only
def area_submissions(request: HttpRequest, ons_code: str) -> HttpResponse:
    """Everything an area has sent NHS England, the latest first, with where each stands."""
    area = get_object_or_404(hwb_areas_for_user(user=request.user), ons_code=ons_code)
    rules.require(request.user, rules.Action.READ, area)
    submissions = submissions_for_user(user=request.user).filter(hwb_area=area)
    rows = [(s, STATUS_LABELS[status_of(s)]) for s in submissions.order_by("-submitted_at")]
    crumbs = [(area.name, reverse("hwb-area", args=[area.ons_code]))]
    return render(request, "national/area_submissions.html",
                  {"area": area, "rows": rows, "breadcrumbs": crumbs})  # fmt: skip


def _page(request, submission: Submission, error: AssuranceRefused | None = None):
    area = submission.hwb_area
    state = assurance_of(submission)
    context = {
        **_frame(submission),
        "state": state,
        "may_assure": rules.allows(request.user, rules.Action.ASSURE, area),
        "may_query": HOST.allows(request.user, "start", area),
        "ratings": Rating.choices,
        "outcome_choices": [(o, Outcome(o).label) for o in state.outcomes],
        "needs_conditions": Outcome.APPROVED_WITH_CONDITIONS in state.outcomes,
        "error": error,
        "posted": request.POST if error else {},
        "posted_rating": request.POST.get(f"rating-{request.POST.get('line')}", ""),
        "posted_comment": request.POST.get(f"comment-{request.POST.get('line')}", ""),
        "replaced_by": Submission.objects.filter(replaces=submission).first(),
    }
    return render(request, "national/submission.html", context, status=400 if error else 200)


@reads_only
def submission_page(request: HttpRequest, ons_code: str, pk: int) -> HttpResponse:
    return _page(request, submission_for_request(request, ons_code, pk))


@reads_only
def submission_file(request: HttpRequest, ons_code: str, pk: int) -> HttpResponse:
    """The workbook as it was sent, byte for byte."""
    submission = submission_for_request(request, ons_code, pk)
    rules.require(request.user, rules.Action.EXPORT, submission.hwb_area)
    if submission.file_missing:
        raise Http404("The submitted file is missing from the file store.")
    return FileResponse(
        submission.file.open("rb"), as_attachment=True, filename=submission.filename
    )


def _acting(request: HttpRequest, ons_code: str, pk: int, act) -> HttpResponse:
    submission = submission_for_request(request, ons_code, pk)
    rules.require(request.user, rules.Action.ASSURE, submission.hwb_area)
    try:
        said = act(submission)
    except AssuranceRefused as refused:
        return _page(request, submission, refused)
    messages.success(request, said)
    return redirect(submission_url(submission))


@require_POST
def submission_rate(request: HttpRequest, ons_code: str, pk: int) -> HttpResponse:
    line = request.POST.get("line", "")

    def act(submission):
        line_rate(submission=submission, line=line, rating=request.POST.get(f"rating-{line}", ""),
                  comment=request.POST.get(f"comment-{line}", ""), user=request.user)  # fmt: skip
        return "Rating recorded."

    return _acting(request, ons_code, pk, act)


@require_POST
def submission_outcome(request: HttpRequest, ons_code: str, pk: int) -> HttpResponse:
    def act(submission):
        event = outcome_record(
            submission=submission, outcome=request.POST.get("outcome", ""),
            note=request.POST.get("note", ""), user=request.user,
            conditions=request.POST.get("conditions", "").splitlines(),
        )  # fmt: skip
        return f"Outcome recorded: {event.get_outcome_display()}."

    return _acting(request, ons_code, pk, act)


@require_POST
def submission_condition_met(request: HttpRequest, ons_code: str, pk: int, condition: int):
    def act(submission):
        found = get_object_or_404(ApprovalCondition, pk=condition, submission=submission)
        condition_met(condition=found, user=request.user)
        return "Condition recorded as met."

    return _acting(request, ons_code, pk, act)


# NHS England's own pages ---------------------------------------------------------------------


def _nhse(request: HttpRequest) -> None:
    """NHS England's pages are for those who assure: anyone else is refused."""
    if not rules.allows(request.user, rules.Action.ASSURE):
        raise PermissionDenied("NHS England's reviewers and national BCF team use this page.")


@reads_only
def assurance_queue_page(request: HttpRequest) -> HttpResponse:
    _nhse(request)
    regions = regions_for(request.user)
    region = request.GET.get("region", "")
    if region not in dict(regions):
        region = regions[0][0] if len(regions) == 1 else ""
    waiting, overdue = assurance_queue(user=request.user, region=region)
    context = {
        "regions": regions,
        "region": region,
        "region_label": dict(NhsRegion.choices).get(region, "every region"),
        "waiting": waiting,
        "overdue": overdue,
    }
    return render(request, "national/assurance_queue.html", context)


def _summary(request: HttpRequest, round_key: str | None):
    _nhse(request)
    rounds = rounds_submitted(user=request.user)
    if round_key is None:
        round_key = request.GET.get("round") or (rounds[0][0] if rounds else "")
    if rounds and round_key not in dict(rounds):
        raise Http404("No submissions in this round")
    return rounds, round_key


@reads_only
def assurance_summary_page(request: HttpRequest) -> HttpResponse:
    rounds, round_key = _summary(request, None)
    summary = assurance_summary(user=request.user, round_key=round_key) if rounds else None
    table = summary_table(summary) if summary else []
    context = {"rounds": rounds, "round_key": round_key, "summary": summary,
               "header": table[:1], "table": table[1:]}  # fmt: skip
    return render(request, "national/assurance_summary.html", context)


@reads_only
def assurance_summary_download(request: HttpRequest, round_key: str, fmt: str) -> HttpResponse:
    rounds, round_key = _summary(request, round_key)
    if fmt not in ("csv", "xlsx") or not rounds:
        raise Http404("No such file")
    summary = assurance_summary(user=request.user, round_key=round_key)
    content = summary_csv(summary) if fmt == "csv" else summary_xlsx(summary)
    kind = ("text/csv; charset=utf-8" if fmt == "csv" else
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")  # fmt: skip
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="BCF-assurance-{round_key}.{fmt}"'
    return response
