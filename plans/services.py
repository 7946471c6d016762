"""Changes to a plan: its funding, planned expenditure, national conditions, metric
targets and narrative. Schemes are changed through `schemes.services`, under the
same guard.

Every change goes through `plan_editing`, which, under the plan's row lock, checks
that the user may edit the area's plans, that the plan is a draft (a plan being
signed or signed off is locked), and that nobody saved the plan since the form was
shown (no lost updates); it then counts the change, if anything changed, in the plan's
revision. Each record written is compared field by field and recorded (`governance.audit`).
"""

import contextlib
import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from governance import rules
from governance.audit import field_values, record_changes
from governance.models import ChangeSource, FinancialYear, HwbArea, Partner
from governance.refused import Refused

from .checks import condition_problem
from .models import (
    AreaOfSpend,
    Contribution,
    NationalCondition,
    NationalConditionStatement,
    Plan,
    PlannedExpenditure,
    PooledFundQuarter,
    SignOffBlock,
)


class PlanRefused(Refused):
    """The plan changed under the form that would change it; nothing was saved."""


class PlanLocked(PlanRefused):
    """The plan is being signed or is signed off: nothing in it changes."""


class PlanConflict(PlanRefused):
    """Someone saved the plan since this form was shown; nothing was saved."""


def locked_message(plan: Plan) -> str:
    if plan.status == "ready":
        return (
            "This plan is being signed, so it cannot be changed. A sign-off member can send "
            "it back to draft, with a reason."
        )
    return (
        "This plan is signed off, so it cannot be changed. A sign-off member can reopen it, "
        "with a reason."
    )


@dataclass
class Editing:
    """The locked plan, and who is changing it and how: what every write records."""

    plan: Plan
    user: AbstractBaseUser | None
    source: str
    changed: int = 0  # records created, changed or deleted so far

    def save(self, obj: models.Model, **values) -> models.Model:
        """Create or update one record with `values`, checked and recorded field by field."""
        before = field_values(type(obj).objects.get(pk=obj.pk)) if obj.pk else None
        for name, value in values.items():
            setattr(obj, name, value)
        obj.full_clean()
        after = field_values(obj)
        if before == after:
            return obj
        obj.save()
        record_changes(obj=obj, before=before, after=after, user=self.user, source=self.source)
        self.changed += 1
        return obj

    def delete(self, obj: models.Model) -> None:
        before, pk, name = field_values(obj), obj.pk, str(obj)
        obj.delete()
        self.changed += 1
        record_changes(obj=obj, before=before, after=None, user=self.user, source=self.source,
                       object_id=pk, object_repr=name)  # fmt: skip


@contextlib.contextmanager
def plan_editing(
    *, plan: Plan, user: AbstractBaseUser | None, revision: int | None,
    source: str = ChangeSource.FORM,
) -> Iterator[Editing]:  # fmt: skip
    """Run the block as one change of the plan, or refuse it (see the module's docstring).

    `revision` is the plan's revision the form showed; None skips that check (imports
    and commands, which read the plan as they write it). `user` None is the portal itself.
    """
    with transaction.atomic():
        locked = (
            Plan.objects.select_for_update()
            .select_related("hwb_area", "financial_year")
            .get(pk=plan.pk)
        )
        if user is not None:
            rules.require(user, rules.Action.EDIT, locked.hwb_area)
        if locked.is_locked:
            raise PlanLocked(locked_message(locked))
        if revision is not None and revision != locked.revision:
            raise PlanConflict(
                "Someone saved this plan after you opened this page, at "
                f"{timezone.localtime(locked.updated_at):%H:%M on %d/%m/%Y}. Nothing was saved: "
                "your changes are below. Check the plan as it is now, then save again."
            )
        editing = Editing(plan=locked, user=user, source=source)
        yield editing
        if editing.changed:
            Plan.objects.filter(pk=locked.pk).update(
                revision=F("revision") + 1, updated_at=timezone.now()
            )


# Funding ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContributionInput:
    partner: Partner
    amount: int | None  # None: the partner pays nothing in (its row is removed)
    amount_last_year: int | None = None


def plan_funding_save(
    *, plan: Plan, user, revision: int | None, pooled_fund_total: int | None,
    contributions: list[ContributionInput],
    fund_quarters: dict[int, tuple[int | None, int | None]] | None = None,
    source: str = ChangeSource.FORM,
) -> None:  # fmt: skip
    """The pooled fund total, each partner's contribution, and the quarterly I&E profile.

    Contributions need not add up yet (work is saved as it is done); the checklist says
    when they do not.
    """
    with plan_editing(plan=plan, user=user, revision=revision, source=source) as editing:
        plan = editing.plan
        editing.save(plan, pooled_fund_total=pooled_fund_total)
        existing = {c.partner_id: c for c in plan.contributions.all()}
        serving = set(plan.hwb_area.partners.values_list("pk", flat=True))
        for row in contributions:
            if row.partner.pk not in serving:
                raise ValidationError(f"{row.partner} is not a partner of {plan.hwb_area}.")
            current = existing.get(row.partner.pk)
            if row.amount is None:
                if current is not None:
                    editing.delete(current)
                continue
            editing.save(
                current or Contribution(plan=plan, partner=row.partner),
                amount=row.amount,
                amount_last_year=row.amount_last_year,
            )
        quarters = {q.quarter: q for q in plan.fund_quarters.all()}
        for quarter, (income, expenditure) in (fund_quarters or {}).items():
            current = quarters.get(quarter)
            if income is None and expenditure is None:
                if current is not None:
                    editing.delete(current)
                continue
            editing.save(
                current or PooledFundQuarter(plan=plan, quarter=quarter),
                income=income,
                expenditure=expenditure,
            )


def plan_expenditure_save(
    *, plan: Plan, user, revision: int | None, amounts: dict[str, int | None], comment: str,
    source: str = ChangeSource.FORM,
) -> None:  # fmt: skip
    """Planned expenditure by area of spend (None: nothing planned there), and the comment."""
    with plan_editing(plan=plan, user=user, revision=revision, source=source) as editing:
        plan = editing.plan
        editing.save(plan, expenditure_comment=comment.strip())
        existing = {row.area_of_spend: row for row in plan.planned_expenditure.all()}
        for area_of_spend in AreaOfSpend.values:
            amount, current = amounts.get(area_of_spend), existing.get(area_of_spend)
            if amount is None:
                if current is not None:
                    editing.delete(current)
                continue
            editing.save(
                current or PlannedExpenditure(plan=plan, area_of_spend=area_of_spend),
                amount=amount,
            )


# National conditions ------------------------------------------------------------------------


@dataclass(frozen=True)
class ConditionInput:
    condition: NationalCondition
    status: str
    narrative: str
    target_date: datetime.date | None


def plan_conditions_save(
    *, plan: Plan, user, revision: int | None, statements: list[ConditionInput],
    source: str = ChangeSource.FORM,
) -> None:  # fmt: skip
    """How the plan meets each national condition. A condition not met needs a date."""
    problems = {
        s.condition.key: problem
        for s in statements
        if (problem := condition_problem(status=s.status, target_date=s.target_date))
    }
    if problems:
        raise ValidationError(problems)
    with plan_editing(plan=plan, user=user, revision=revision, source=source) as editing:
        plan = editing.plan
        existing = {s.condition_id: s for s in plan.condition_statements.all()}
        for s in statements:
            if s.condition.financial_year_id != plan.financial_year_id:
                raise ValidationError(f"Condition {s.condition.key} is not one of this year's.")
            current = existing.get(s.condition.pk)
            if not (s.status or s.narrative.strip() or s.target_date):
                if current is not None:
                    editing.delete(current)
                continue
            editing.save(
                current or NationalConditionStatement(plan=plan, condition=s.condition),
                status=s.status,
                narrative=s.narrative.strip(),
                # A met condition has no target date: it is not kept to confuse the playback.
                target_date=None if s.status == "Yes" else s.target_date,
            )


NARRATIVE_FIELDS = (
    "shared_vision",
    "case_for_change",
    "plan_of_action",
    "risk_sharing",
    "scheme_review",
    "provider_engagement",
)


def plan_narrative_save(
    *, plan: Plan, user, revision: int | None, values: dict[str, str],
    source: str = ChangeSource.FORM,
) -> None:  # fmt: skip
    with plan_editing(plan=plan, user=user, revision=revision, source=source) as editing:
        editing.save(
            editing.plan,
            **{name: values[name].strip() for name in NARRATIVE_FIELDS if name in values},
        )


# A new plan ---------------------------------------------------------------------------------


HWB_BLOCK = "{area} Health and Wellbeing Board"


@transaction.atomic
def plan_create(*, hwb_area: HwbArea, financial_year: FinancialYear, user) -> Plan:
    """A draft plan for the year, with the sign-off blocks of the area's previous plan (or
    only the HWB's). The funding form offers last year's contributions as `last year`."""
    if user is not None:
        rules.require(user, rules.Action.EDIT, hwb_area)
    if Plan.objects.filter(hwb_area=hwb_area, financial_year=financial_year).exists():
        raise ValidationError(f"{hwb_area} already has a plan for {financial_year}.")
    previous = (
        Plan.objects.filter(
            hwb_area=hwb_area, financial_year__start_year__lt=financial_year.start_year
        )
        .order_by("-financial_year__start_year")
        .first()
    )
    editing = Editing(plan=None, user=user, source=ChangeSource.FORM)
    plan = editing.save(Plan(hwb_area=hwb_area, financial_year=financial_year))
    if previous is None:
        editing.save(
            SignOffBlock(plan=plan, partner=None, order=1),
            on_behalf_of=HWB_BLOCK.format(area=hwb_area.name),
        )
        return plan
    for block in previous.sign_off_blocks.all():
        editing.save(
            SignOffBlock(plan=plan, partner=block.partner),
            on_behalf_of=block.on_behalf_of,
            order=block.order,
        )
    return plan
