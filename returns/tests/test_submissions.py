"""Submitting a return to NHS England in the portal: a numbered submission, kept as it was
sent (its answers, its workbook byte for byte with its SHA-256, its checklist, its confirmed
figures and its key lines of enquiry), replaced by a resubmission after a reopen, and never
sent twice unchanged."""

import hashlib

import pytest
from django.urls import reverse

from conftest import demo_user
from governance.models import Submission, SubmissionUnchangeable
from returns import workflow
from returns.definitions import template
from returns.models import ReturnStatus
from returns.services import answers_save
from returns.workbook import workbook_read

from .test_workflow import NORFOLK, PERIOD, signed_off

pytestmark = pytest.mark.django_db
SIGNER = "signoff.norfolk"


def submitted(norfolk) -> Submission:
    workflow.return_submit(quarterly_return=norfolk, user=demo_user(SIGNER))
    norfolk.refresh_from_db()
    return norfolk.versions.get(number=norfolk.version).submission


def test_a_submission_keeps_what_was_sent(norfolk):
    submission = submitted(signed_off(norfolk))
    assert (submission.kind, submission.number, submission.version) == ("return", 1, 1)
    assert submission.round_key == PERIOD
    assert submission.name == "Norfolk: Q3 2015/16 return, submission 1"
    assert submission.submitted_by.username == SIGNER
    assert submission.on_behalf_of == norfolk.versions.get().on_behalf_of
    content = submission.file.read()
    assert hashlib.sha256(content).hexdigest() == submission.sha256
    assert submission.size == len(content)
    assert submission.filename == "BCF-Q3-2015-16-Norfolk.xlsx"
    # The workbook holds the signed-off answers (read back through the definition).
    assert workbook_read(quarterly_return=norfolk, content=content)["nea_actual_fy1516_q3"] == 23268
    assert submission.answers["nea_actual_fy1516_q3"] == "23268"
    # Its checklist, all Yes, by section; and its key lines as the portal found them.
    definition = template(norfolk.template_version)
    assert [s["label"] for s in submission.checklist] == [s.title for s in definition.sections]
    assert all(s["passed"] for s in submission.checklist)
    conditions = len(definition.sections[2].checks)  # National conditions
    assert submission.checklist[2]["detail"] == f"{conditions} of {conditions} questions answered"
    assert [e["key"] for e in submission.enquiries] == [
        "conditions", "income-and-expenditure", "metrics", "narrative"]  # fmt: skip
    assert submission.enquiries[-1]["rating"] == ""  # the narrative: a reviewer judges it


def test_a_submission_cannot_be_changed_or_deleted(norfolk):
    submission = submitted(signed_off(norfolk))
    submission.title = "Something else"
    with pytest.raises(SubmissionUnchangeable):
        submission.save()
    with pytest.raises(SubmissionUnchangeable):
        submission.delete()
    assert Submission.objects.get(pk=submission.pk).title == "Q3 2015/16 return"


def test_a_resubmission_after_a_reopen_replaces_the_first(norfolk):
    first = submitted(signed_off(norfolk))
    workflow.return_reopen(quarterly_return=norfolk, user=demo_user(SIGNER),
                           reason="NHS England's query: the Q3 actual was mistyped")  # fmt: skip
    answers_save(quarterly_return=norfolk, values={"cover_completed_by": "Someone else"},
                 user=demo_user("officer.norfolk"), source="form")  # fmt: skip
    second = submitted(signed_off(norfolk))
    assert (second.number, second.version, second.replaces) == (2, 2, first)
    assert second.answers["cover_completed_by"] == "Someone else"
    assert first.replaced_by == second
    event = norfolk.events.filter(kind="submitted").last()
    assert event.submission == second


def test_an_identical_resubmission_is_refused_changing_nothing(norfolk):
    first = submitted(signed_off(norfolk))
    workflow.return_reopen(quarterly_return=norfolk, user=demo_user(SIGNER),
                           reason="To check the figures once more")  # fmt: skip
    signed_off(norfolk)
    with pytest.raises(workflow.TransitionRefused, match="Nothing has changed since submission 1"):
        workflow.return_submit(quarterly_return=norfolk, user=demo_user(SIGNER))
    norfolk.refresh_from_db()
    assert norfolk.status == ReturnStatus.SIGNED_OFF
    assert list(Submission.objects.filter(subject_id=norfolk.pk)) == [first]


def test_the_signer_submits_from_the_return_page(signed_in, norfolk):
    signed_off(norfolk)
    client = signed_in(SIGNER)
    page = client.get(reverse("return", args=[NORFOLK, PERIOD]))
    assert "Submit to NHS England" in page.content.decode()
    done = client.post(reverse("return-step", args=[NORFOLK, PERIOD, "submit"]), follow=True)
    assert "Submitted to NHS England" in done.content.decode()
    norfolk.refresh_from_db()
    assert norfolk.status == ReturnStatus.SUBMITTED
    timeline = client.get(reverse("return", args=[NORFOLK, PERIOD])).content.decode()
    assert "Submission 1</a>: BCF-Q3-2015-16-Norfolk.xlsx, kept exactly as it was sent." in timeline
    workbook = client.get(reverse("return-version-workbook", args=[NORFOLK, PERIOD, 1]))
    assert b"".join(workbook.streaming_content) == norfolk.versions.get().submission.file.read()
