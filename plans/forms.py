"""The plan's edit pages as forms: funding, planned expenditure, national conditions,
narrative (metric targets are the metrics app's, added through `plans.additions`). Each
carries the plan's revision it was shown at and saves through `plans.services`, which
decides what is accepted and what adds up.

Every field is optional (officers save partial work; the plan's checklist says what
is missing), except where a value depends on another on the same row: a condition not
met needs its target date.
"""

from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from governance.forms import (
    GovukErrorClassesMixin,
    KeepableTextMixin,
    PoundsFormField,
    UkDateField,
)
from governance.models import Partner, PartnerKind
from governance.prepared import Prepared, PreparedModels

from . import selectors, services
from .checks import condition_problem
from .models import (
    AreaOfSpend,
    ConditionStatus,
    Contribution,
    NationalConditionStatement,
    Plan,
    PooledFundQuarter,
)
from .rows import rows, year_conditions

INPUT = {"class": "govuk-input govuk-input--width-10"}
TEXTAREA = {"class": "govuk-textarea", "rows": 5}
POOLING_KINDS = (PartnerKind.CCG_ICB, PartnerKind.COUNCIL)


class PlanPartForm(KeepableTextMixin, GovukErrorClassesMixin, forms.Form):
    """One edit page of a plan: its title, and the revision of the plan it was shown at.
    Each part's `save(user)` hands the cleaned values to its service."""

    title = ""
    revision = forms.IntegerField(widget=forms.HiddenInput)
    # Each part's classmethod `started(plan)`: whether anything of it is entered yet (for
    # its status on the task list). A part without one is refused when its class is made.
    started: Callable[[Plan], bool]

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if not callable(getattr(cls, "started", None)):
            raise TypeError(
                f"{cls.__name__} must say when it is started: a classmethod started(plan)."
            )

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["revision"].initial = plan.revision

    def _pounds(self, name: str, label: str, initial: int | None) -> str:
        self.fields[name] = PoundsFormField(label=label, initial=initial)
        self.fields[name].widget.attrs.update(INPUT)
        return name


# The funding page's reads, each compiled once (`governance.prepared`).
_CONTRIBUTIONS = Prepared(
    lambda plan: (
        Contribution.objects.filter(plan_id=plan)
        .order_by()
        .values_list("partner_id", "amount", "amount_last_year")
    ),
    plan=int,
)
_PARTNERS = PreparedModels(  # the area's pooling partners, and any other paying in already
    lambda area, plan: (
        Partner.objects.filter(hwb_areas=area)
        .filter(Q(kind__in=POOLING_KINDS) | Q(contributions__plan_id=plan))
        .distinct()
        .order_by("name")
    ),
    area=int,
    plan=int,
)
_QUARTERS = Prepared(
    lambda plan: PooledFundQuarter.objects.filter(plan_id=plan).values_list(
        "quarter", "income", "expenditure"
    ),
    plan=int,
)


class FundingForm(PlanPartForm):
    """The pooled fund total; each partner's contribution this year and last; the quarterly
    profile of income into and expenditure from the fund (the returns' I&E plan)."""

    title = "Funding contributions"

    @classmethod
    def started(cls, plan: Plan) -> bool:
        return plan.pooled_fund_total is not None or plan.contributions.exists()

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        self._pounds("pooled_fund_total", "Pooled fund total", plan.pooled_fund_total)
        # partner id -> (this year, last year)
        contributions = {partner: amounts for partner, *amounts in _CONTRIBUTIONS(plan=plan.pk)}
        last_year = self.last_year_offered = selectors.previous_contributions(plan)
        self.partner_rows = []
        for partner in _PARTNERS(area=plan.hwb_area_id, plan=plan.pk):
            amount, amount_last_year = contributions.get(partner.pk, (None, None))
            if partner.pk not in contributions:
                amount_last_year = last_year.get(partner.pk)
            self.partner_rows.append(
                (
                    partner,
                    self[self._pounds(f"amount_{partner.pk}",
                                      f"{partner.name} {plan.financial_year}", amount)],
                    self[self._pounds(
                        f"last_{partner.pk}",
                        f"{partner.name} {plan.financial_year.previous_label}",
                        amount_last_year,
                    )],
                )
            )  # fmt: skip
        quarters = {quarter: amounts for quarter, *amounts in _QUARTERS(plan=plan.pk)}
        self.quarter_rows = []
        for quarter in range(1, 5):
            income, expenditure = quarters.get(quarter, (None, None))
            self.quarter_rows.append(
                (
                    f"Q{quarter}",
                    self[self._pounds(f"income_q{quarter}", f"Planned income Q{quarter}",
                                      income)],
                    self[self._pounds(f"expenditure_q{quarter}", f"Planned expenditure Q{quarter}",
                                      expenditure)],
                )
            )  # fmt: skip

    def clean(self):
        data = super().clean()
        for partner, amount, last in self.partner_rows:
            typed_last = data.get(last.name)
            if (
                data.get(amount.name) is None
                and typed_last is not None
                and typed_last != self.last_year_offered.get(partner.pk)
            ):
                # A last-year figure typed alone would not be kept: say so rather than lose it.
                # (The previous plan's figure, offered here, is offered again next time.)
                self.add_error(
                    amount.name,
                    f"{partner.name}: give this year's contribution (enter 0 if none), or clear "
                    "last year's figure.",
                )
        return data

    def save(self, user) -> None:
        data = self.cleaned_data
        services.plan_funding_save(
            plan=self.plan, user=user, revision=data["revision"],
            pooled_fund_total=data["pooled_fund_total"],
            contributions=[
                services.ContributionInput(partner, data[amount.name], data[last.name])
                for partner, amount, last in self.partner_rows
            ],
            fund_quarters={
                int(label[1]): (data[income.name], data[expenditure.name])
                for label, income, expenditure in self.quarter_rows
            },
        )  # fmt: skip


class ExpenditureForm(PlanPartForm):
    title = "Planned expenditure"

    @classmethod
    def started(cls, plan: Plan) -> bool:
        return plan.planned_expenditure.exists() or bool(plan.expenditure_comment.strip())

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        amounts = dict(plan.planned_expenditure.values_list("area_of_spend", "amount"))
        self.rows = [
            (label, self[self._pounds(value, label, amounts.get(value))])
            for value, label in AreaOfSpend.choices
        ]
        self.fields["comment"] = forms.CharField(
            label="Comment",
            required=False,
            initial=plan.expenditure_comment,
            help_text="If planned expenditure does not add up to the pooled fund, say why.",
            widget=forms.Textarea(attrs=TEXTAREA),
        )

    def save(self, user) -> None:
        data = self.cleaned_data
        services.plan_expenditure_save(
            plan=self.plan, user=user, revision=data["revision"],
            amounts={value: data[value] for value in AreaOfSpend.values},
            comment=data["comment"],
        )  # fmt: skip


# The national conditions page's statements, compiled once (its conditions: `year_conditions`).
_STATEMENTS = Prepared(
    lambda plan: (
        NationalConditionStatement.objects.filter(plan_id=plan)
        .order_by()
        .values_list("condition_id", "status", "narrative", "target_date")
    ),
    plan=int,
)


class ConditionsForm(PlanPartForm):
    title = "National conditions"

    @classmethod
    def started(cls, plan: Plan) -> bool:
        # The rows the plan page read already (`rows.prefetch_for_page`).
        return any(s.status or s.narrative for s in rows(plan, "condition_statements"))

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        statements = {pk: rest for pk, *rest in _STATEMENTS(plan=plan.pk)}
        self.rows = []
        for condition in year_conditions(plan.financial_year_id):
            status, narrative, target_date = statements.get(condition.pk, ("", "", None))
            key = condition.key
            name = f"{condition.number}{condition.part}"
            self.fields[f"{key}_status"] = forms.ChoiceField(
                label=f"Condition {name}: status",
                required=False,
                choices=[("", "Not answered"), *ConditionStatus.choices],
                initial=status,
                widget=forms.RadioSelect,
            )
            # Three choices: GOV.UK radios, none of them "not answered" (none chosen is).
            self.fields[f"{key}_status"].widget.choices = ConditionStatus.choices
            self.fields[f"{key}_narrative"] = forms.CharField(
                label=f"Condition {name}: how it is met",
                required=False,
                initial=narrative,
                widget=forms.Textarea(attrs=TEXTAREA),
            )
            self.fields[f"{key}_date"] = UkDateField(
                label=f"Condition {name}: date it will be met",
                help_text="When the status is not Yes. For example, 30 9 2016.",
                initial=target_date,
            )
            self.fields[f"{key}_date"].widget.attrs.update(INPUT)
            self.rows.append(
                (condition, *(self[f"{key}_{part}"] for part in ("status", "narrative", "date")))
            )

    def clean(self):
        data = super().clean()
        for condition, status, _narrative, date in self.rows:
            if date.name in self.errors:
                continue
            problem = condition_problem(
                status=data.get(status.name), target_date=data.get(date.name)
            )
            if problem:
                self.add_error(
                    date.name, f"Condition {condition.number}{condition.part}: {problem}"
                )
        return data

    def save(self, user) -> None:
        data = self.cleaned_data
        services.plan_conditions_save(
            plan=self.plan, user=user, revision=data["revision"],
            statements=[
                services.ConditionInput(condition, data[status.name], data[narrative.name],
                                        data[date.name])
                for condition, status, narrative, date in self.rows
            ],
        )  # fmt: skip


# What each part of the narrative plan is for: the plan's own sections (section B, and the
# narrative parts of section A), as Norfolk's 2016/17 plan writes them.
NARRATIVE_HINTS = {
    "shared_vision": "Your area's shared vision for health and social care services: what "
    "people will see change, and how the partners agreed it.",
    "case_for_change": "Why services must change: the local evidence of need and demand, and "
    "the pressures on health and social care.",
    "plan_of_action": "How the partners will deliver the change this year: the schemes, "
    "milestones and who leads them.",
    "risk_sharing": "How the partners share financial risk, including the contingency held "
    "against non-elective admissions not falling as planned.",
    "scheme_review": "What last year's schemes achieved against their aims, and what changes "
    "as a result.",
    "provider_engagement": "How local providers (acute, community, mental health, social care "
    "and voluntary) were consulted on the plan.",
}


class NarrativeForm(PlanPartForm):
    title = "Narrative plan"

    @classmethod
    def started(cls, plan: Plan) -> bool:
        return any(getattr(plan, name).strip() for name in services.NARRATIVE_FIELDS)

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        self.rows = []
        for name in services.NARRATIVE_FIELDS:
            field = Plan._meta.get_field(name)
            self.fields[name] = forms.CharField(
                label=str(field.verbose_name).capitalize(),
                help_text=NARRATIVE_HINTS[name],
                required=False,
                initial=getattr(plan, name),
                widget=forms.Textarea(attrs={**TEXTAREA, "rows": 8}),
            )
            self.rows.append(self[name])

    def save(self, user) -> None:
        services.plan_narrative_save(
            plan=self.plan, user=user, revision=self.cleaned_data["revision"],
            values={name: self.cleaned_data[name] for name in services.NARRATIVE_FIELDS},
        )  # fmt: skip


PARTS: dict[str, type[PlanPartForm]] = {
    "funding": FundingForm,
    "expenditure": ExpenditureForm,
    "conditions": ConditionsForm,
    "narrative": NarrativeForm,
}


def service_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's refusal shown on the form: by field where it names one, else on top."""
    if hasattr(error, "error_dict"):
        for key, messages in error.message_dict.items():
            for field in (f"{key}_date", key):
                if field in form.fields:
                    form.add_error(field, messages)
                    break
            else:
                form.add_error(None, messages)
    else:
        form.add_error(None, error.messages)
