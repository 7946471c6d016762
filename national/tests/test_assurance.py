"""NHS England's side of a return: it arrives in the region's queue when the Board's signer
submits it; the reviewer rates the key lines the portal could not, raises a query the area
answers, closes it and accepts; a resubmission supersedes what it replaces."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from openpyxl import load_workbook
from pytest_django.asserts import assertContains, assertNotContains

from conftest import demo_user
from governance.conversations import comment_add, conversation_resolve, conversation_start
from governance.models import Conversation, Membership, Role, Submission
from national.assurance import (
    AssuranceRefused,
    assurance_of,
    assurance_queue,
    assurance_summary,
    line_rate,
    outcome_record,
    summary_table,
)
from national.rounds import round_status
from plans.tests.test_plan_workflow import SIGNERS, complete  # noqa: F401
from plans.tests.test_plan_workflow import _sign as sign
from returns import workflow
from returns.models import QuarterlyReturn
from returns.services import answers_save

pytestmark = pytest.mark.django_db
NORFOLK, PERIOD = "E10000020", "fy1516_q3"
REVIEWER, NATIONAL, SIGNER, OFFICER = (
    "nhse.midlandseast", "nhse.national", "signoff.norfolk", "officer.norfolk")  # fmt: skip


@pytest.fixture
def norfolk(demo):
    return QuarterlyReturn.objects.get(hwb_area__ons_code=NORFOLK, period__quarter=3)


def submit(norfolk) -> Submission:
    norfolk.refresh_from_db()
    if norfolk.status == "draft":
        workflow.return_mark_ready(quarterly_return=norfolk, user=demo_user(OFFICER))
    workflow.return_sign_off(quarterly_return=norfolk, user=demo_user(SIGNER),
                             on_behalf_of="The Board")  # fmt: skip
    workflow.return_submit(quarterly_return=norfolk, user=demo_user(SIGNER))
    norfolk.refresh_from_db()
    return norfolk.versions.get(number=norfolk.version).submission


def query(submission, text="Why is the Q3 actual so far below plan?", about=None) -> Conversation:
    about = "section:non-elective-and-p4p" if about is None else about
    return conversation_start(subject=submission, hwb_area=submission.hwb_area, about=about,
                              title="The Q3 actual", text=text,
                              user=demo_user(REVIEWER))  # fmt: skip


def norfolk_in_round(norfolk) -> str:
    """Norfolk's status on the round's status page."""
    state = round_status(period=norfolk.period, user=demo_user(NATIONAL))
    return next(row for row in state.rows if row.area.ons_code == NORFOLK).status_label


def test_a_submitted_return_waits_in_its_regions_queue_at_once(norfolk):
    submission = submit(norfolk)
    assert norfolk_in_round(norfolk) == "Submitted"
    waiting, _ = assurance_queue(user=demo_user(REVIEWER))
    assert [(w.submission, w.status, w.days) for w in waiting] == [(submission, "awaiting", 0)]
    assert [w.submission for w in assurance_queue(user=demo_user(NATIONAL))[0]] == [submission]
    london = get_user_model().objects.create_user("nhse.london")
    Membership.objects.create(user=london, role=Role.NHSE_REVIEWER, region="London")
    assert assurance_queue(user=london)[0] == []  # Norfolk is not in London


def test_accepting_needs_every_line_rated_and_no_open_query(norfolk):
    submission = submit(norfolk)
    reviewer = demo_user(REVIEWER)
    with pytest.raises(AssuranceRefused, match="Rate every key line first: 1 still to rate"):
        outcome_record(submission=submission, outcome="accepted", note="", user=reviewer)
    with pytest.raises(AssuranceRefused, match="Give the reason for the rating"):
        line_rate(submission=submission, line="narrative", rating="amber", comment="",
                  user=reviewer)  # fmt: skip
    with pytest.raises(AssuranceRefused, match="The portal rated this line"):
        line_rate(submission=submission, line="metrics", rating="green", comment="",
                  user=reviewer)  # fmt: skip
    line_rate(submission=submission, line="narrative", rating="green", comment="", user=reviewer)
    conversation = query(submission)
    assert assurance_of(submission).status == "queried"
    assert norfolk_in_round(norfolk) == "Queried by NHS England"
    with pytest.raises(AssuranceRefused, match="Close the open queries first"):
        outcome_record(submission=submission, outcome="accepted", note="", user=reviewer)
    comment_add(conversation=conversation, text="A data error in Q2 was corrected in Q3.",
                user=demo_user(OFFICER))  # fmt: skip
    conversation_resolve(conversation=conversation, user=reviewer)
    outcome_record(submission=submission, outcome="accepted", note="", user=reviewer)
    state = assurance_of(submission)
    assert (state.status, state.status_label) == ("accepted", "Accepted")
    assert norfolk_in_round(norfolk) == "Accepted by NHS England"
    assert assurance_queue(user=reviewer)[0] == []


def test_the_area_answers_a_query_but_only_nhs_england_raises_and_closes_it(norfolk):
    submission = submit(norfolk)
    with pytest.raises(PermissionDenied, match="NHS England"):
        conversation_start(subject=submission, hwb_area=submission.hwb_area, about="",
                           title="A", text="B", user=demo_user(OFFICER))  # fmt: skip
    conversation = query(submission)
    comment_add(conversation=conversation, text="Answered.", user=demo_user(SIGNER))
    with pytest.raises(PermissionDenied, match="NHS England"):
        conversation_resolve(conversation=conversation, user=demo_user(OFFICER))
    with pytest.raises(PermissionDenied, match="commissioning officer"):  # an analyst reads
        comment_add(conversation=conversation, text="Me too", user=demo_user("analyst"))
    norfolk.refresh_from_db()
    assert norfolk.status == "submitted"  # a query never unlocks a return


def test_a_query_and_the_outcome_are_on_the_returns_timeline(signed_in, norfolk):
    submission = submit(norfolk)
    conversation = query(submission)
    conversation_resolve(conversation=conversation, user=demo_user(REVIEWER))
    outcome_record(submission=submission, outcome="queried", note="Resubmit with Q3 corrected.",
                   user=demo_user(REVIEWER))  # fmt: skip
    page = signed_in(OFFICER).get(reverse("return", args=[NORFOLK, PERIOD]))
    assertContains(page, "NHS England query started")
    assertContains(page, "NHS England query resolved")
    assertContains(page, "NHS England: queried")
    assertContains(page, "Resubmit with Q3 corrected.")
    assertContains(
        page, reverse("submission-query", args=[NORFOLK, submission.pk, conversation.pk])
    )


def test_a_resubmission_supersedes_and_the_old_one_is_not_assured_again(norfolk):
    first = submit(norfolk)
    outcome_record(submission=first, outcome="queried", note="The Q3 actual looks wrong.",
                   user=demo_user(REVIEWER))  # fmt: skip
    workflow.return_reopen(quarterly_return=norfolk, user=demo_user(SIGNER),
                           reason="NHS England's query: the Q3 actual")  # fmt: skip
    answers_save(quarterly_return=norfolk, values={"cover_completed_by": "A. Officer"},
                 user=demo_user(OFFICER), source="form")  # fmt: skip
    second = submit(norfolk)
    assert assurance_of(first).status == "superseded"
    with pytest.raises(AssuranceRefused, match="replaced by submission 2"):
        line_rate(submission=first, line="narrative", rating="green", comment="",
                  user=demo_user(REVIEWER))  # fmt: skip
    waiting, _ = assurance_queue(user=demo_user(REVIEWER))
    assert [w.submission for w in waiting] == [second]


def test_the_pages_for_the_reviewer_the_area_and_no_one_else(signed_in, norfolk, client):
    submission = submit(norfolk)
    page_url = reverse("submission", args=[NORFOLK, submission.pk])
    reviewer = signed_in(REVIEWER)
    assertContains(reviewer.get(reverse("assurance")), "Q3 2015/16 return, submission 1")
    page = reviewer.get(page_url)
    assertContains(page, "Record the outcome")
    assertContains(page, "Raise a query")
    refused = reviewer.post(reverse("submission-rate", args=[NORFOLK, submission.pk]),
                            {"line": "narrative", "rating-narrative": "red"})  # fmt: skip
    assertContains(refused, "Give the reason for the rating", status_code=400)
    green = {"line": "narrative", "rating-narrative": "green"}
    rated = reviewer.post(reverse("submission-rate", args=[NORFOLK, submission.pk]), green,
                          follow=True)  # fmt: skip
    assertContains(rated, "Rating recorded.")
    accepted = reviewer.post(reverse("submission-outcome", args=[NORFOLK, submission.pk]),
                             {"outcome": "accepted"}, follow=True)  # fmt: skip
    assertContains(accepted, "Outcome recorded: Accepted.")
    file = reviewer.get(reverse("submission-file", args=[NORFOLK, submission.pk]))
    assert b"".join(file.streaming_content) == submission.file.read()
    officer = signed_in(OFFICER)
    page = officer.get(page_url)
    assertContains(page, "Accepted")
    assertNotContains(page, "Record the outcome")
    assert officer.post(reverse("submission-outcome", args=[NORFOLK, submission.pk]),
                        {"outcome": "accepted"}).status_code == 403  # fmt: skip
    assertContains(officer.get(reverse("area-submissions", args=[NORFOLK])), "submission 1")
    assert officer.get(reverse("assurance")).status_code == 403
    london = get_user_model().objects.create_user("nhse.london")
    Membership.objects.create(user=london, role=Role.NHSE_REVIEWER, region="London")
    client.force_login(london)
    assert client.get(page_url).status_code == 404


def test_the_national_summary_counts_areas_by_region_and_outcome(signed_in, norfolk):
    submission = submit(norfolk)
    line_rate(submission=submission, line="narrative", rating="green", comment="",
              user=demo_user(NATIONAL))  # fmt: skip
    outcome_record(submission=submission, outcome="accepted", note="", user=demo_user(NATIONAL))
    table = summary_table(assurance_summary(user=demo_user(NATIONAL), round_key=PERIOD))
    header, *regions, total = table
    assert (header[0], header[-1]) == ("NHS England region", "Areas")
    midlands = next(row for row in regions if row[0] == "Midlands and East")
    assert midlands[header.index("Accepted")] == 1
    assert total[-1] >= 1
    client = signed_in(NATIONAL)
    assertContains(client.get(reverse("assurance-summary")), "Midlands and East")
    got = client.get(reverse("assurance-summary-download", args=[PERIOD, "csv"]))
    rows = list(csv.reader(io.StringIO(got.content.decode("utf-8-sig"))))
    assert rows == [[str(cell) for cell in row] for row in table]
    book = load_workbook(io.BytesIO(client.get(
        reverse("assurance-summary-download", args=[PERIOD, "xlsx"])).content))  # fmt: skip
    assert [c.value for c in book.active[1]] == header


def test_a_draft_plan_gets_feedback_and_the_final_one_conditions_tracked_until_met(demo):
    from plans.models import Plan
    from plans.services import plan_narrative_save
    from plans.workflow import plan_submit_draft

    plan = Plan.objects.get(hwb_area__ons_code=NORFOLK, financial_year__start_year=2016)
    draft = plan_submit_draft(plan=plan, user=demo_user(OFFICER)).submission
    reviewer = demo_user(REVIEWER)
    assert assurance_of(draft).outcomes == ("feedback", "queried")
    with pytest.raises(AssuranceRefused, match="Choose an outcome from the list"):
        outcome_record(submission=draft, outcome="accepted", note="", user=reviewer)
    with pytest.raises(AssuranceRefused, match="Give a note"):
        outcome_record(submission=draft, outcome="feedback", note="", user=reviewer)
    outcome_record(submission=draft, outcome="feedback", user=reviewer,
                   note="Add the financial allocations and the risk-share agreement.")  # fmt: skip
    assert assurance_of(draft).status_label == "Feedback given"
    plan_narrative_save(plan=plan, user=demo_user(OFFICER), revision=None,
                        values={"risk_sharing": "Agreed with the CCGs."})  # fmt: skip
    second = plan_submit_draft(plan=plan, user=demo_user(OFFICER)).submission
    assert assurance_of(draft).status == "superseded"
    assert assurance_of(second).status == "awaiting"


def test_an_approval_subject_to_conditions_tracks_each_until_met(complete):  # noqa: F811
    from national.assurance import condition_met
    from plans.workflow import plan_mark_ready, plan_submit

    plan_mark_ready(plan=complete, user=demo_user(OFFICER))
    for username, block in zip(SIGNERS, complete.sign_off_blocks.order_by("order"), strict=True):
        sign(complete, username, block)
    final = plan_submit(plan=complete, user=demo_user(SIGNER)).submission
    reviewer = demo_user(REVIEWER)
    for found in final.enquiries:
        if not found["rating"]:
            line_rate(submission=final, line=found["key"], rating="amber",
                      comment="Risk share agreed in principle only.", user=reviewer)  # fmt: skip
    with pytest.raises(AssuranceRefused, match="Give the conditions of approval"):
        outcome_record(submission=final, outcome="approved_conditions", note="", user=reviewer)
    outcome_record(submission=final, outcome="approved_conditions", note="", user=reviewer,
                   conditions=["Sign the s.75 agreement by 30 June 2016.", "", "Agree the "
                               "risk share with the acute trusts."])  # fmt: skip
    state = assurance_of(final)
    assert state.status_label == "Approved subject to conditions"
    assert [c.text for c in state.conditions] == [
        "Sign the s.75 agreement by 30 June 2016.",
        "Agree the risk share with the acute trusts.",
    ]
    condition_met(condition=state.conditions[0], user=reviewer)
    with pytest.raises(AssuranceRefused, match="already recorded as met"):
        condition_met(condition=state.conditions[0], user=reviewer)
    met = assurance_of(final).conditions
    assert [c.met_at is not None for c in met] == [True, False]


def test_nhs_englands_home_and_the_plans_timeline_show_what_is_sent_and_assured(signed_in):
    from plans.models import Plan
    from plans.workflow import plan_submit_draft

    plan = Plan.objects.get(hwb_area__ons_code=NORFOLK, financial_year__start_year=2016)
    draft = plan_submit_draft(plan=plan, user=demo_user(OFFICER)).submission
    home = signed_in(REVIEWER).get(reverse("home"))
    assertContains(home, "Your assurance queue")
    assertContains(home, "1 submission waiting for NHS England")
    conversation = query(draft, text="Where is the risk share?", about="")
    outcome_record(submission=draft, outcome="feedback", note="Agree the risk share.",
                   user=demo_user(REVIEWER))  # fmt: skip
    page = signed_in(OFFICER).get(reverse("plan", args=[NORFOLK, 2016]))
    assertContains(page, "Draft sent to NHS England")
    assertContains(page, reverse("submission", args=[NORFOLK, draft.pk]))
    assertContains(page, "NHS England query started")
    assertContains(page, reverse("submission-query", args=[NORFOLK, draft.pk, conversation.pk]))
    assertContains(page, "NHS England: feedback given")
    assertNotContains(signed_in(OFFICER).get(reverse("home")), "Your assurance queue")
    area = signed_in(OFFICER).get(reverse("hwb-area", args=[NORFOLK]))
    assertContains(area, reverse("area-submissions", args=[NORFOLK]))


def test_a_query_is_in_the_returns_history_under_the_part_it_is_about(signed_in, norfolk):
    submission = submit(norfolk)
    conversation = query(submission)
    client = signed_in(OFFICER)
    history = reverse("return-history", args=[NORFOLK, PERIOD])
    url = reverse("submission-query", args=[NORFOLK, submission.pk, conversation.pk])
    assertContains(client.get(history), url)
    assertContains(client.get(history + "?section=non-elective-and-p4p"), "NHS England query")
    assertNotContains(client.get(history + "?section=cover"), url)


def test_the_plans_timeline_reads_what_was_sent_not_what_it_kept(demo):
    """A step names its submission (its number, its file); the answers, checks and enquiries
    the submission kept, a plan's worth of JSON each, are not read for the timeline."""
    from governance.models.submissions import KEPT_AS_SENT
    from plans.additions import timeline
    from plans.models import Plan
    from plans.workflow import plan_submit_draft

    plan = Plan.objects.get(hwb_area__ons_code=NORFOLK, financial_year__start_year=2016)
    draft = plan_submit_draft(plan=plan, user=demo_user(OFFICER)).submission
    [step] = [event for event in timeline(plan) if getattr(event, "submission", None)]
    assert (step.submission.pk, step.submission.filename) == (draft.pk, draft.filename)
    assert step.plan is plan
    assert set(KEPT_AS_SENT) <= step.submission.get_deferred_fields()
