"""Schemes: the funded interventions of a plan, with every part of the plan's scheme record.

Field names follow the union of the scheme headings used across the source
(`plan-2016-17.md` §D/F). Repeating parts keep their order in `position`.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from governance.constraints import valid_choice
from governance.models import Partner
from governance.money import PoundsField, non_negative
from plans.models import Plan


class Theme(models.TextChoices):
    INTEGRATED_CARE_TEAMS = "integrated_care_teams", "Integrated care teams"
    COMMUNITY_SUPPORT = "community_support", "Community-based support and self care"
    CRISIS_RESPONSE = "crisis_response", "Crisis response"
    CARE_HOME_ADMISSIONS = "care_home_admissions", "Care home admissions to hospital"
    DISCHARGE_HUBS = "discharge_hubs", "Integrated acute discharge hubs"
    FALLS_PREVENTION = "falls_prevention", "Falls prevention"
    DFG = "dfg", "Disabled Facilities Grant"


class SchemeStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IMPLEMENTING = "implementing", "Being implemented"
    OPERATIONAL = "operational", "Operational"
    STOPPED = "stopped", "Stopped"


class Scheme(models.Model):
    """One scheme of a plan, e.g. `NN2 – Crisis Response Service`."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="schemes")
    reference = models.CharField(max_length=30, help_text="Unique within the plan, e.g. NN2.")
    name = models.CharField(max_length=300)
    lead_partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="led_schemes")
    theme = models.CharField(max_length=30, choices=Theme.choices, blank=True)
    status = models.CharField(
        max_length=15, choices=SchemeStatus.choices, blank=True, help_text="Where delivery stands."
    )
    strategic_objective = models.TextField(blank=True)
    overview = models.TextField(
        "overview of the scheme", blank=True, help_text="Model of care and support; cohorts."
    )
    measuring_outcomes = models.TextField("measuring outcomes (feedback loop)", blank=True)
    key_success_factors = models.TextField(blank=True)
    evidence_base = models.TextField(blank=True)
    delivery_chain_summary = models.TextField(
        "delivery chain", blank=True, help_text="How the delivery chain works, in words."
    )
    investment_note = models.TextField(
        blank=True, help_text="A note on the investment total, e.g. what it excludes."
    )
    integration_contribution = models.TextField(
        "contribution to health and social care integration", blank=True
    )
    patient_satisfaction = models.TextField("patient / user satisfaction", blank=True)
    stakeholder_engagement = models.TextField(blank=True)
    whole_system_approach = models.TextField(blank=True)
    early_help_and_prevention = models.TextField(
        "early help and prevention, community support and self care", blank=True
    )

    class Meta:
        ordering = ["reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "reference"],
                name="schemes_scheme_reference_unique_in_plan",
                violation_error_message="This plan already has a scheme with this reference.",
            ),
            models.CheckConstraint(
                condition=~Q(reference=""),
                name="schemes_scheme_reference_not_empty",
                violation_error_message="Give the scheme a reference.",
            ),
            valid_choice("theme", Theme, "Choose a theme from the list.", blank=True),
            valid_choice("status", SchemeStatus, "Choose a status from the list.", blank=True),
        ]

    def __str__(self) -> str:
        return f"{self.reference} – {self.name}"

    @classmethod
    def narrative_fields(cls) -> list[str]:
        """The free-text headings of the scheme record (strategic objective, overview, …)."""
        return [f.name for f in cls._meta.get_fields() if isinstance(f, models.TextField)]


class SchemePart(models.Model):
    """A row of one of a scheme's repeating parts, kept in the order the plan gives."""

    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        abstract = True
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "position"],
                name="%(app_label)s_%(class)s_position_unique_in_scheme",
                violation_error_message="Two rows of this scheme have the same position.",
            )
        ]


class InvestmentLine(SchemePart):
    """An investment requirement: description, amount (None when unknown, `?`), efficiencies."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="investment_lines")
    description = models.TextField()
    amount = PoundsField(
        null=True, blank=True, help_text="Whole pounds. Leave empty when not yet known."
    )
    potential_efficiencies = models.TextField(blank=True)

    class Meta(SchemePart.Meta):
        constraints = [*SchemePart.Meta.constraints, *non_negative("amount")]

    def __str__(self) -> str:
        return self.description

    @property
    def amount_unknown(self) -> bool:
        return self.amount is None


class Milestone(SchemePart):
    """A key milestone or activity and its timescale, as the plan writes it (`April 2017`)."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="milestones")
    description = models.TextField()
    timescale = models.CharField(max_length=100, blank=True)

    def __str__(self) -> str:
        return self.description


class Outcome(SchemePart):
    """An intended outcome: the objective, its impact, and how it will be measured."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="outcomes")
    objective = models.TextField()
    impact = models.TextField(blank=True)
    measure = models.TextField("how it will be measured", blank=True)

    def __str__(self) -> str:
        return self.objective


class Risk(SchemePart):
    """A risk with its mitigation; likelihood and impact scored 1–5 where the plan scores them."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="risks")
    risk = models.TextField()
    likelihood = models.PositiveSmallIntegerField(null=True, blank=True)
    impact = models.PositiveSmallIntegerField(null=True, blank=True)
    mitigation = models.TextField(blank=True)

    class Meta(SchemePart.Meta):
        constraints = [
            *SchemePart.Meta.constraints,
            models.CheckConstraint(
                condition=(Q(likelihood__isnull=True) | Q(likelihood__gte=1, likelihood__lte=5))
                & (Q(impact__isnull=True) | Q(impact__gte=1, impact__lte=5)),
                name="schemes_risk_scores_1_to_5",
                violation_error_message="Likelihood and impact are scored from 1 to 5.",
            ),
        ]

    def __str__(self) -> str:
        return self.risk

    @property
    def score(self) -> int | None:
        if self.likelihood is None or self.impact is None:
            return None
        return self.likelihood * self.impact


class DeliveryRole(models.TextChoices):
    COMMISSIONER = "commissioner", "Commissioner"
    PROVIDER = "provider", "Provider"
    SENIOR_RESPONSIBLE_OFFICER = "sro", "Senior responsible officer"
    OTHER = "other", "Other"


class DeliveryChainEntry(SchemePart):
    """Who delivers: a partner or a named organisation, and/or a named person, in a role."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="delivery_chain")
    role = models.CharField(max_length=15, choices=DeliveryRole.choices)
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, null=True, blank=True, related_name="delivery_roles"
    )
    organisation = models.CharField(
        max_length=200, blank=True, help_text="When the organisation is not a partner."
    )
    person = models.CharField(max_length=200, blank=True)
    job_title = models.CharField(max_length=200, blank=True)

    class Meta(SchemePart.Meta):
        verbose_name_plural = "delivery chain entries"
        constraints = [
            *SchemePart.Meta.constraints,
            valid_choice("role", DeliveryRole, "Choose a role from the list."),
            models.CheckConstraint(
                condition=Q(partner__isnull=False) | ~Q(organisation="") | ~Q(person=""),
                name="schemes_deliverychainentry_names_someone",
                violation_error_message="Give a partner, an organisation or a person.",
            ),
        ]

    def __str__(self) -> str:
        who = self.person or self.organisation or str(self.partner)
        return f"{self.get_role_display()}: {who}"

    @property
    def organisation_name(self) -> str:
        return str(self.partner) if self.partner_id else self.organisation

    def clean(self):
        if self.partner_id and self.organisation:
            raise ValidationError(
                {"organisation": "Give either a partner or an organisation's name, not both."}
            )
