"""The send-back loop: why a return came back is in front of its officers, reopening tells
them too, and the signer sees what changed since they sent it back."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from conftest import demo_user
from returns import workflow
from returns.models import EventKind
from returns.services import answers_save

NORFOLK, PERIOD = "E10000020", "fy1516_q3"
BODY = "BCF sub-group of the Norfolk Health and Wellbeing Board"
REASON = "The pooled fund's Q3 figure is the plan's, not the actual."


def sent_back(norfolk, steps):
    steps(workflow.return_mark_ready, quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    steps(workflow.return_send_back, quarterly_return=norfolk, user=demo_user("signoff.norfolk"),
          reason=REASON)  # fmt: skip


def reopened(norfolk, steps):
    steps(workflow.return_mark_ready, quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    steps(workflow.return_sign_off, quarterly_return=norfolk, user=demo_user("signoff.norfolk"),
          on_behalf_of=BODY)  # fmt: skip
    steps(workflow.return_reopen, quarterly_return=norfolk, user=demo_user("signoff.norfolk"),
          reason=REASON)  # fmt: skip


def banner(page) -> str:
    """The text of the page's "sent back" or "reopened" banner."""
    html = page.content.decode()
    start = html.index('id="returned-banner"')
    return html[start : html.index("</div>\n</div>", start)]


@pytest.mark.parametrize(("how", "heading"), [(sent_back, "Sent back"), (reopened, "Reopened")])
def test_the_overview_says_why_it_came_back(signed_in, norfolk, steps, how, heading):
    how(norfolk, steps)
    for reader in ("officer.norfolk", "signoff.norfolk", "analyst"):
        page = signed_in(reader).get(reverse("return", args=[NORFOLK, PERIOD]))
        shown = banner(page)
        assert heading in shown
        assert REASON.replace("'", "&#x27;") in shown
        assert "signoff.norfolk" in shown


def test_the_overview_reads_no_snapshot_of_the_answers(signed_in, norfolk, steps):
    """Its timeline and versions show who did what and when: the answers a mark-ready or a
    signed-off version kept (and a submission's, with its checks) are a return's worth of
    JSON each, and were read and decoded for every overview (issue 33). Each is read once,
    with none of them, and nothing is read again when the page is written."""
    reopened(norfolk, steps)
    with CaptureQueriesContext(connection) as queries:
        page = signed_in("officer.norfolk").get(reverse("return", args=[NORFOLK, PERIOD]))
    assertContains(page, "Version 1")
    for table in ("returns_returnevent", "returns_returnversion"):
        read = [q["sql"] for q in queries.captured_queries if f'FROM "{table}"' in q["sql"]]
        assert len(read) == 1, table
        for column in ("answers", "checklist", "warnings", "enquiries"):
            assert f'."{column}"' not in read[0], (table, column)


def test_the_officer_cannot_miss_it_on_the_home_page(signed_in, norfolk, steps):
    sent_back(norfolk, steps)
    home = signed_in("officer.norfolk").get(reverse("home"))
    shown = banner(home)
    assert "Norfolk’s Q3 2015/16 return was sent back" in shown
    assert REASON.replace("'", "&#x27;") in shown
    assertNotContains(home, "Every section completed: send it for sign-off")
    assertContains(home, "Sent back: read why, correct it and mark it ready again.")


def test_no_banner_once_it_is_ready_again_or_never_came_back(signed_in, norfolk, steps):
    officer = signed_in("officer.norfolk")
    assertNotContains(officer.get(reverse("return", args=[NORFOLK, PERIOD])), "returned-banner")
    sent_back(norfolk, steps)
    steps(workflow.return_mark_ready, quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    assertNotContains(officer.get(reverse("return", args=[NORFOLK, PERIOD])), "returned-banner")
    assertNotContains(officer.get(reverse("home")), "returned-banner")


def test_reopening_tells_the_officers_why(norfolk, steps, mailoutbox):
    reopened(norfolk, steps)
    mail = mailoutbox[-1]
    assert mail.subject == "Reopened: Norfolk's Q3 2015/16 return"
    assert mail.to == ["officer.norfolk@example.org"]
    assert REASON in mail.body
    assert "version 2" in mail.body


def test_each_mark_ready_keeps_the_answers_it_sent(norfolk, steps):
    sent_back(norfolk, steps)
    answers_save(quarterly_return=norfolk, values={"nea_actual_fy1516_q3": 23300},
                 user=demo_user("officer.norfolk"), source="form")  # fmt: skip
    steps(workflow.return_mark_ready, quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    first, second = norfolk.events.filter(kind=EventKind.READY).order_by("at", "pk")
    assert first.answers["nea_actual_fy1516_q3"] != "23300"
    assert second.answers == dict(norfolk.answers.values_list("question_id", "value"))
    assert second.answers["nea_actual_fy1516_q3"] == "23300"
    norfolk.refresh_from_db()
    assert norfolk.version == 1  # a send-back starts no version: only a reopen does


def test_the_signer_sees_what_changed_since_they_sent_it_back(signed_in, norfolk, steps):
    sent_back(norfolk, steps)
    answers_save(quarterly_return=norfolk, values={"nea_actual_fy1516_q3": 23300},
                 user=demo_user("officer.norfolk"), source="form")  # fmt: skip
    steps(workflow.return_mark_ready, quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    signer = signed_in("signoff.norfolk")
    review = signer.get(reverse("return-review", args=[NORFOLK, PERIOD]))
    assertContains(review, "What changed since it was sent back")
    assertContains(review, "1 answer changed since signoff.norfolk sent it back")
    assertContains(review, "23,300")
    sent = norfolk.events.filter(kind=EventKind.READY).order_by("at", "pk").first()
    compare = (
        f"{reverse('return-diff', args=[NORFOLK, PERIOD])}?from=ready-{sent.pk}&amp;to=current"
    )
    assertContains(review, compare)
    diff = signer.get(reverse("return-diff", args=[NORFOLK, PERIOD]),
                      {"from": f"ready-{sent.pk}", "to": "current"})  # fmt: skip
    assertContains(diff, "1 answer differs")
    assertContains(diff, "Sent for sign-off on")


def test_a_first_review_says_nothing_was_sent_back(signed_in, norfolk, steps):
    steps(workflow.return_mark_ready, quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    review = signed_in("signoff.norfolk").get(reverse("return-review", args=[NORFOLK, PERIOD]))
    assertNotContains(review, "What changed since it was sent back")
