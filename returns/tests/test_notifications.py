"""E-mails to the people who act next, when a return moves on."""

from conftest import demo_user
from returns import workflow

BODY = "BCF sub-group of the Norfolk Health and Wellbeing Board"


def test_sign_off_members_hear_a_return_is_ready(norfolk, steps, mailoutbox):
    steps(workflow.return_mark_ready, quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    # Every sign-off member of Norfolk, one message each: the Board's and the six partners'.
    assert sorted(m.to[0] for m in mailoutbox) == [
        f"signoff.{who}@example.org" for who in ("gyw", "ncc", "nch", "nn", "norfolk", "sn", "wn")
    ]
    mail = mailoutbox[0]
    assert mail.subject == "Ready for sign-off: Norfolk's Q3 2015/16 return"
    assert "http://127.0.0.1:8000/areas/E10000020/returns/fy1516_q3/" in mail.body


def test_officers_hear_it_was_sent_back_and_why(norfolk, steps, mailoutbox):
    steps(workflow.return_mark_ready, quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    steps(workflow.return_send_back, quarterly_return=norfolk, user=demo_user("signoff.norfolk"),
          reason="The NC3 date is before the plan's")  # fmt: skip
    sent_back = mailoutbox[-1]
    assert sent_back.to == ["officer.norfolk@example.org"]
    assert "The NC3 date is before the plan's" in sent_back.body


def test_officers_and_analysts_hear_it_was_signed_off(norfolk, steps, mailoutbox):
    steps(workflow.return_mark_ready, quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    steps(workflow.return_sign_off, quarterly_return=norfolk, user=demo_user("signoff.norfolk"),
          on_behalf_of=BODY)  # fmt: skip
    signed = [m for m in mailoutbox if m.subject.startswith("Signed off")]
    assert sorted(address for m in signed for address in m.to) == [
        "analyst@example.org", "officer.norfolk@example.org"
    ]  # fmt: skip
    assert BODY in signed[0].body


def test_no_one_in_another_area_hears_anything(norfolk, steps, mailoutbox):
    steps(workflow.return_mark_ready, quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    assert not any("other" in address for m in mailoutbox for address in m.to)
