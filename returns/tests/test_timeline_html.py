"""A return's timeline and versions, written in Python (issue 33), are the HTML its template
include wrote: the include is kept here as the oracle, for a return with nothing yet and for
one with every kind of entry (steps with reasons that need escaping and span lines, two
submissions, the second replacing the first, a reminder, a conversation started and
resolved, a step by a user since deleted)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.template import engines
from django.test import RequestFactory

from conftest import demo_user
from governance.conversations import conversation_resolve, conversation_start
from national.models import Reminder, ReminderAudience, ReminderMoment
from returns import workflow
from returns.models import AnswerSource
from returns.selectors import return_versions
from returns.services import answers_save
from returns.timeline import return_timeline
from returns.timeline_html import timeline

INCLUDE = (Path(__file__).parent / "timeline_loop.html").read_text()
BODY = 'BCF sub-group of the Norfolk & "Waveney" <Board>'
REASON = 'The Q3 figure is the plan\'s, not the actual.\r\nSee <b>I&E</b> "row 3".'


def both(norfolk) -> tuple[str, str]:
    events = return_timeline(quarterly_return=norfolk)
    versions = return_versions(norfolk)
    context = {"events": events, "versions": versions, "area": norfolk.hwb_area,
               "period": norfolk.period}  # fmt: skip
    included = engines["django"].from_string(INCLUDE).render(context, RequestFactory().get("/"))
    return str(timeline(events, versions, norfolk.hwb_area, norfolk.period)), included


def round_trip(norfolk, steps, reason: str) -> None:
    """Changed (NHS England is sent nothing twice), signed off, submitted and reopened."""
    officer, signer = demo_user("officer.norfolk"), demo_user("signoff.norfolk")
    answers_save(quarterly_return=norfolk, values={"narrative": f"Changed: {reason}"},
                 user=officer, source=AnswerSource.FORM)  # fmt: skip
    steps(workflow.return_mark_ready, quarterly_return=norfolk, user=officer)
    steps(workflow.return_sign_off, quarterly_return=norfolk, user=signer, on_behalf_of=BODY)
    steps(workflow.return_submit, quarterly_return=norfolk, user=signer)
    steps(workflow.return_reopen, quarterly_return=norfolk, user=signer, reason=reason)


def test_nothing_yet_is_what_the_include_wrote(norfolk):
    written, included = both(norfolk)
    assert written == included
    assert "Nothing yet" in written


def test_every_kind_of_entry_is_what_the_include_wrote(norfolk, steps):
    officer, signer = demo_user("officer.norfolk"), demo_user("signoff.norfolk")
    steps(workflow.return_mark_ready, quarterly_return=norfolk, user=officer)
    steps(workflow.return_send_back, quarterly_return=norfolk, user=signer, reason=REASON)
    round_trip(norfolk, steps, REASON)
    round_trip(norfolk, steps, "Again.")
    for sent_to in (1, 3):
        Reminder.objects.create(
            hwb_area=norfolk.hwb_area, period=norfolk.period, sent_to=sent_to,
            moment=ReminderMoment.values[sent_to // 3],
            audience=ReminderAudience.values[sent_to // 3 % len(ReminderAudience.values)],
        )  # fmt: skip
    conversation = conversation_start(
        subject=norfolk, hwb_area=norfolk.hwb_area, about="section:income-and-expenditure",
        title='Is the "I&E" <right>?', text="Is it?", user=officer,
    )  # fmt: skip
    conversation_resolve(conversation=conversation, user=signer)
    gone = get_user_model().objects.create_user("gone.officer")
    norfolk.events.filter(kind="ready").update(user=gone)
    gone.delete()
    written, included = both(norfolk)
    assert written == included
    for part in ("Sent back", "Submission 2</a>, replacing submission 1", "1 person",
                 "3 people", "Conversation resolved", "<br>", "&amp;", "Signed-off versions",
                 "by the portal · version"):  # fmt: skip
        assert part in written, part
    assert "<b>" not in written
