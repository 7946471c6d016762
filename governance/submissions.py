"""Sending to NHS England: one service for every kind of submission, and the key lines of
enquiry each kind declares.

The app whose thing is sent (returns for a return, plans for a plan) gathers what is sent
and calls `submission_make` inside its own step, under its row lock: the file is stored
whole, with its SHA-256; the submission is numbered after the ones before it and names the
one it replaces; and one that would send exactly what the last one sent is refused, changing
nothing. It arrives in NHS England's queue (`national.assurance`) as it commits.

**Key lines of enquiry** are the questions NHS England's reviewers ask of what arrives. Each
kind of thing declares its own (`Enquiry`); the portal answers those its data can (a red,
amber or green rating and what it found) as the submission is made, and keeps the result
with it; the reviewer judges the rest.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import models
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format

from .models.submissions import Submission
from .refused import Refused
from .storage import storing


class Rating(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


@dataclass(frozen=True)
class Finding:
    rating: str  # a Rating
    finding: str  # what the portal found, in words


@dataclass(frozen=True)
class Enquiry:
    """A key line of enquiry: `text` asks it; `evaluate(data)` answers it from what is sent
    (None: a reviewer judges it). `data` is whatever its kind gathers."""

    key: str
    text: str
    evaluate: Callable[[Any], Finding] | None = None

    def found(self, data) -> dict:
        if self.evaluate is None:
            return {"key": self.key, "text": self.text, "rating": "", "finding": ""}
        finding = self.evaluate(data)
        return {"key": self.key, "text": self.text, "rating": finding.rating,
                "finding": finding.finding}  # fmt: skip


def found(enquiries, data) -> list[dict]:
    """The key lines of enquiry as the portal finds them in `data`."""
    return [enquiry.found(data) for enquiry in enquiries]


class NothingChanged(Refused):
    """A resubmission of exactly what was sent last time."""


@dataclass(frozen=True)
class Sent:
    """What a submission sends: gathered by the app whose thing it is."""

    subject: models.Model  # a QuarterlyReturn or a Plan, with its hwb_area
    kind: str  # a SubmissionKind
    title: str
    round_key: str
    version: int
    answers: dict
    content: bytes  # the workbook
    filename: str
    checklist: list
    warnings: list
    enquiries: list


def submissions_of(subject) -> models.QuerySet[Submission]:
    """Every submission of `subject`, the latest first."""
    return Submission.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk
    ).order_by("-number")


def latest_submission(subject) -> Submission | None:
    """The one a new submission of `subject` replaces (a draft plan's, or its final one)."""
    return submissions_of(subject).first()


def submission_make(*, sent: Sent, user, on_behalf_of: str = "") -> Submission:
    """Keep what is sent, as a new submission replacing the last one. Called inside
    the sending app's transaction, holding its subject's row lock."""
    subject = sent.subject
    last = latest_submission(subject)
    if last is not None and last.kind == sent.kind and last.answers == sent.answers:
        when = date_format(timezone.localtime(last.submitted_at), "j F Y")
        raise NothingChanged(
            f"Nothing has changed since submission {last.number}, sent on {when}: NHS England "
            "already has exactly this. Change what must change, then send it again."
        )
    number = (submissions_of(subject).aggregate(n=Max("number"))["n"] or 0) + 1
    submission = Submission(
        hwb_area=subject.hwb_area, kind=sent.kind,
        subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk,
        number=number, title=sent.title, round_key=sent.round_key, version=sent.version,
        replaces=last, answers=sent.answers, checklist=sent.checklist, warnings=sent.warnings,
        enquiries=sent.enquiries, filename=sent.filename, sha256=hashlib.sha256(
            sent.content).hexdigest(), size=len(sent.content),
        submitted_by=user if user is not None and user.is_authenticated else None,
        on_behalf_of=on_behalf_of, submitted_at=timezone.now(),
    )  # fmt: skip
    with storing():
        submission.file.save(sent.filename, ContentFile(sent.content), save=False)
    submission.save()
    return submission
