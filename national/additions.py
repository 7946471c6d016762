"""What the national side adds to what lies below it: the reminders sent to an area, on its
return's timeline, and its national exports, to the daily purge of files no longer needed."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from governance import rules
from governance.models import Conversation, HwbArea, Submission
from governance.models.submissions import KEPT_AS_SENT
from governance.prepared import Prepared, PreparedIn, PreparedModels, together
from plans import additions as plans_additions
from returns import housekeeping, timeline
from returns.conversation_views import conversation_events

from . import assurance_views
from .assurance import assurance_queue
from .models import AssuranceEvent, AssuranceKind, NationalExport, Reminder
from .rounds import open_rounds_state


def administration(user) -> dict | None:
    """An administrator's home page: the open rounds and their overdue areas, the people with
    no role, and the way to each area's people."""
    if not rules.allows(user, rules.Action.MANAGE):
        return None
    without_role = (
        get_user_model()
        .objects.filter(is_active=True, is_superuser=False, memberships__isnull=True)
        .order_by("username")
    )
    return {
        "rounds": open_rounds_state(),
        "without_role": list(without_role[:20]),
        "without_role_count": without_role.count(),
        "areas": HwbArea.objects.order_by("name"),
    }


class OutcomeOnTimeline:
    """NHS England's outcome for a submission of the return, as its timeline shows a step."""

    def __init__(self, event: AssuranceEvent):
        self.at, self.pk, self.user = event.at, event.pk, event.user
        self.version = event.submission.version
        self.reason = event.text
        self.label = f"NHS England: {event.get_outcome_display().lower()}"

    def get_kind_display(self) -> str:
        return self.label


# The reminders of a return's deadline sent to its area, on every overview: compiled once.
_REMINDERS = PreparedModels(
    lambda area, period: Reminder.objects.filter(hwb_area_id=area, period_id=period),
    area=int,
    period=int,
)
# Whether a return or a plan was submitted, on every overview: compiled once.
_SUBMITTED = Prepared(
    lambda kind, subject: (
        Submission.objects.filter(subject_type_id=kind, subject_id=subject)
        .order_by()
        .values_list("pk")
    ),
    kind=int,
    subject=int,
)

# What was raised on those submissions, and the outcomes (only a version of each submission
# is shown): compiled once for each number of submissions (`PreparedIn`).
_QUERIES = PreparedIn(
    lambda sent, kind: Conversation.objects.filter(
        subject_type_id=kind, subject_id__in=sent
    ).select_related("started_by", "resolved_by", "hwb_area"),
    models=True,
    kind=int,
)
_OUTCOMES = PreparedIn(
    lambda sent: (
        AssuranceEvent.objects.filter(submission_id__in=sent, kind=AssuranceKind.OUTCOME)
        .select_related("user", "submission")
        .defer(*(f"submission__{name}" for name in KEPT_AS_SENT))
    ),
    models=True,
)


def assurance_timeline(subject) -> list:
    """The queries raised on a return's (or a plan's) submissions, and the outcomes: nothing
    more is read for one never submitted (most, on deadline day)."""
    kind = ContentType.objects.get_for_model(subject).pk
    sent = [pk for (pk,) in _SUBMITTED(kind=kind, subject=subject.pk)]
    if not sent:
        return []
    queries, outcomes = together(
        _QUERIES.run((sent,), kind=ContentType.objects.get_for_model(Submission).pk),
        _OUTCOMES.run((sent,)),
    )
    events = conversation_events(
        queries,
        lambda c: reverse("submission-query", args=[c.hwb_area.ons_code, c.subject_id, c.pk]),
        noun="NHS England query",
    )
    return events + [OutcomeOnTimeline(event) for event in outcomes]


def assurance_home(user) -> dict | None:
    """NHS England's home page: what waits in their queue, and the way to it."""
    if not rules.allows(user, rules.Action.ASSURE):
        return None
    waiting, overdue = assurance_queue(user=user)
    rounds = open_rounds_state()
    return {"waiting": len(waiting), "overdue": len(overdue),
            "round": rounds[0]["period"] if rounds else None}  # fmt: skip


def register() -> None:
    assurance_views.register()
    timeline.add_timeline_source("assurance", assurance_timeline)
    plans_additions.add_timeline_source("assurance", assurance_timeline)
    plans_additions.add_home_section(
        "assurance", assurance_home, "national/includes/home_assurance.html"
    )
    plans_additions.add_home_section(
        "administration", administration, "national/includes/home_administration.html"
    )
    timeline.add_timeline_source("reminders", lambda quarterly_return: _REMINDERS(
        area=quarterly_return.hwb_area_id, period=quarterly_return.period_id
    ))  # fmt: skip
    housekeeping.add_purge("national exports", lambda cutoff: housekeeping.records_delete(
        housekeeping.superseded(NationalExport.objects.all(), cutoff, "requested_by", "period")
    ))  # fmt: skip
