"""E-mails about a plan's sign-off steps, to the people who act next.

- ready for signing → the area's HWB sign-off members (each signs its own block);
- sent back or reopened → the area's commissioning officers, with the reason;
- signed off (the last block) → the area's officers, sign-off members and analysts;
- a draft sent to NHS England → the area's officers; the plan submitted → its officers and
  sign-off members.

A block signed, with others still to sign, tells no one. Sent after the step
commits, by a Celery task.
"""

from django.conf import settings
from django.urls import reverse

from governance.mail import area_recipients, send_each
from governance.models import Role

from .models import PlanEvent, PlanEventKind

RECIPIENTS = {
    PlanEventKind.READY: (Role.SIGN_OFF_MEMBER,),
    PlanEventKind.SENT_BACK: (Role.COMMISSIONING_OFFICER,),
    PlanEventKind.REOPENED: (Role.COMMISSIONING_OFFICER,),
    PlanEventKind.SIGNED_OFF: (Role.COMMISSIONING_OFFICER, Role.SIGN_OFF_MEMBER, Role.ANALYST),
    PlanEventKind.DRAFT_SUBMITTED: (Role.COMMISSIONING_OFFICER,),
    PlanEventKind.SUBMITTED: (Role.COMMISSIONING_OFFICER, Role.SIGN_OFF_MEMBER),
}


def message(event: PlanEvent) -> tuple[str, str]:
    plan = event.plan
    name = f"{plan.hwb_area.name}'s BCF plan {plan.financial_year}"
    link = settings.PORTAL_URL + reverse(
        "plan", args=[plan.hwb_area.ons_code, plan.financial_year.start_year]
    )
    who = event.user.get_username() if event.user else "the portal"
    subject, body = {
        PlanEventKind.READY: (
            f"Ready for signing: {name}",
            f"{who} has marked {name} ready for signing. Sign your organisation's block, or "
            "send it back with your reasons:",
        ),
        PlanEventKind.SENT_BACK: (
            f"Sent back: {name}",
            f"{who} has sent {name} back, saying:\n\n{event.reason}\n\nCorrect it and mark it "
            "ready again:",
        ),
        PlanEventKind.REOPENED: (
            f"Reopened: {name}",
            f"{who} has reopened {name} as version {event.version}, saying:\n\n{event.reason}"
            "\n\nEvery block is signed again once it is ready:",
        ),
        PlanEventKind.SIGNED_OFF: (
            f"Signed off: {name}",
            f"Every partner and the Board have signed {name}; the last was {event.on_behalf_of}. "
            "It is locked. The printable plan and the plan workbook are on its page:",
        ),
        PlanEventKind.DRAFT_SUBMITTED: (
            f"Draft sent to NHS England: {name}",
            f"{who} has sent NHS England a draft of {name}. The plan stays a draft; NHS "
            "England's feedback and any query will be in the portal:",
        ),
        PlanEventKind.SUBMITTED: (
            f"Submitted to NHS England: {name}",
            f"{who} has submitted {name}, signed off, to NHS England. Their assurance, any "
            "query and the outcome will be in the portal:",
        ),
    }[PlanEventKind(event.kind)]
    return subject, f"{body}\n\n{link}"


def notify(*, event_id: int) -> int:
    """Send the e-mails of one step; how many went."""
    event = PlanEvent.objects.select_related("plan__hwb_area", "plan__financial_year", "user").get(
        pk=event_id
    )
    roles = RECIPIENTS.get(PlanEventKind(event.kind), ())
    to = area_recipients(event.plan.hwb_area, roles)
    return send_each(*message(event), to) if to else 0
