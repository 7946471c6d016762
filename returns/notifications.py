"""E-mails about a return's sign-off steps, to the people who act next.

- ready for sign-off → the area's HWB sign-off members;
- sent back → the area's commissioning officers, with the reason;
- signed off → the area's commissioning officers and analysts;
- submitted → the area's commissioning officers;
- reopened → the area's commissioning officers, with the reason.

Sent after the step commits, by a Celery task (console backend by default; SMTP
through the settings). A user without an e-mail address is skipped.
"""

from django.conf import settings
from django.urls import reverse

from governance.mail import area_people, area_recipients, send_each
from governance.models import Role

from .models import EventKind, ReturnEvent

# Whose job sending the signed-off workbook is: said in the sign-off e-mail and on its
# confirmation page.
SENDING = (
    "Next, a sign-off member who signs for the Board submits it to NHS England in the portal "
    "by the deadline:"
)

RECIPIENTS = {
    EventKind.READY: (Role.SIGN_OFF_MEMBER,),
    EventKind.SENT_BACK: (Role.COMMISSIONING_OFFICER,),
    EventKind.SIGNED_OFF: (Role.COMMISSIONING_OFFICER, Role.ANALYST),
    EventKind.SUBMITTED: (Role.COMMISSIONING_OFFICER,),
    EventKind.REOPENED: (Role.COMMISSIONING_OFFICER,),
}

# Who is told, in words, for the step's confirmation page.
TOLD = {
    EventKind.READY: "its HWB sign-off members",
    EventKind.SENT_BACK: "its commissioning officers",
    EventKind.SIGNED_OFF: "its commissioning officers and analysts",
    EventKind.SUBMITTED: "its commissioning officers",
    EventKind.REOPENED: "its commissioning officers",
}


def recipients(event: ReturnEvent) -> list[str]:
    return area_recipients(event.quarterly_return.hwb_area, RECIPIENTS.get(event.kind, ()))


def people_told(event: ReturnEvent) -> list:
    """The people the step's e-mails go to (those with an address), by name."""
    return area_people(event.quarterly_return.hwb_area, RECIPIENTS.get(event.kind, ()))


def message(event: ReturnEvent) -> tuple[str, str]:
    quarterly_return = event.quarterly_return
    name = f"{quarterly_return.hwb_area.name}'s {quarterly_return.period.label} return"
    link = settings.PORTAL_URL + reverse(
        "return", args=[quarterly_return.hwb_area.ons_code, quarterly_return.period.code]
    )
    who = event.user.get_username() if event.user else "the portal"
    if event.kind == EventKind.READY:
        subject = f"Ready for sign-off: {name}"
        body = (
            f"{who} has marked {name} ready for sign-off. Review it and sign it off, or send "
            "it back with your reasons:"
        )
    elif event.kind == EventKind.SENT_BACK:
        subject = f"Sent back: {name}"
        body = (
            f"{who} has sent {name} back, saying:\n\n{event.reason}\n\n"
            "Correct it and mark it ready again:"
        )
    elif event.kind == EventKind.REOPENED:
        subject = f"Reopened: {name}"
        body = (
            f"{who} has reopened {name} as version {event.version}, a draft, saying:\n\n"
            f"{event.reason}\n\nVersion {event.version - 1} stays as it was signed off. "
            "Make the changes and mark it ready for sign-off again:"
        )
    elif event.kind == EventKind.SUBMITTED:
        subject = f"Submitted: {name}"
        body = (
            f"{who} has submitted {name} to NHS England in the portal (submission "
            f"{event.submission.number}). The portal keeps what was sent, its workbook byte for "
            "byte. NHS England's reviewers raise any query on it in the portal:"
        )
    else:
        subject = f"Signed off: {name}"
        body = (
            f"{who} has signed off {name} on behalf of {event.on_behalf_of}. It is locked.\n\n"
            f"{SENDING}"
        )
    return subject, f"{body}\n\n{link}"


def notify(*, event_id: int) -> int:
    """Send the e-mails of one step; how many went."""
    event = ReturnEvent.objects.select_related(
        "quarterly_return__hwb_area",
        "quarterly_return__period__financial_year",
        "user",
        "submission",
    ).get(pk=event_id)
    to = recipients(event)
    return send_each(*message(event), to) if to else 0
