"""Changes to a plan's scheme register: a scheme with its repeating parts, a scheme
copied from the previous year's plan, a scheme removed.

Every change runs under `plans.services.plan_editing`: the user may edit the area's
plans, the plan is a draft, nobody saved it since the form was shown; each record is
recorded field by field.
"""

from django.core.exceptions import ValidationError

from governance.models import ChangeSource
from plans.models import Plan
from plans.selectors import previous_plan
from plans.services import Editing, plan_editing

from .models import DeliveryChainEntry, InvestmentLine, Milestone, Outcome, Risk, Scheme

# Each repeating part: its model, and its related name on Scheme (the form's prefix).
PARTS: dict[str, type] = {
    "investment_lines": InvestmentLine,
    "milestones": Milestone,
    "outcomes": Outcome,
    "risks": Risk,
    "delivery_chain": DeliveryChainEntry,
}
SCHEME_FIELDS = (
    "reference", "name", "lead_partner", "theme", "status", *Scheme.narrative_fields()
)  # fmt: skip


def _parts_save(editing: Editing, scheme: Scheme, parts: dict[str, list[dict]]) -> None:
    """Each given part becomes exactly these rows, in this order (positions 1, 2, …)."""
    for name, rows in parts.items():
        model = PARTS[name]
        existing = {row.position: row for row in getattr(scheme, name).all()}
        for position, values in enumerate(rows, start=1):
            editing.save(
                existing.pop(position, None) or model(scheme=scheme, position=position),
                **values,
            )
        for leftover in existing.values():
            editing.delete(leftover)


def scheme_write(editing: Editing, scheme: Scheme, fields: dict, parts: dict) -> Scheme:
    """Inside a plan change: the scheme with these fields and parts, its reference unique."""
    reference = (fields.get("reference") or scheme.reference or "").strip()
    clash = editing.plan.schemes.filter(reference__iexact=reference).exclude(pk=scheme.pk).first()
    if clash is not None:
        raise ValidationError(
            {"reference": f"{clash.reference} is already the reference of “{clash.name}”."}
        )
    scheme = editing.save(scheme, **fields)
    _parts_save(editing, scheme, parts)
    return scheme


def scheme_save(
    *, plan: Plan, user, revision: int | None, scheme: Scheme | None, fields: dict,
    parts: dict[str, list[dict]], source: str = ChangeSource.FORM,
) -> Scheme:  # fmt: skip
    """Create (scheme None) or update a scheme with its fields and repeating parts."""
    with plan_editing(plan=plan, user=user, revision=revision, source=source) as editing:
        if scheme is not None and scheme.plan_id != editing.plan.pk:
            raise ValidationError("This scheme belongs to another plan.")
        return scheme_write(editing, scheme or Scheme(plan=editing.plan), fields, parts)


def scheme_delete(*, plan: Plan, user, revision: int | None, scheme: Scheme) -> None:
    with plan_editing(plan=plan, user=user, revision=revision) as editing:
        for name in PARTS:
            for row in getattr(scheme, name).all():
                editing.delete(row)
        editing.delete(scheme)


def scheme_copy(*, plan: Plan, user, revision: int | None, source_scheme: Scheme) -> Scheme:
    """Carry a scheme of the previous year's plan into this one, keeping its reference and
    every field and part, so the scheme can be followed from year to year."""
    with plan_editing(plan=plan, user=user, revision=revision) as editing:
        previous = previous_plan(editing.plan)
        if previous is None or source_scheme.plan_id != previous.pk:
            raise ValidationError("Only a scheme of the previous year's plan can be copied.")
        fields = {name: getattr(source_scheme, name) for name in SCHEME_FIELDS}
        parts = {
            name: [
                {
                    field.name: getattr(row, field.name)
                    for field in model._meta.concrete_fields
                    if field.name not in ("id", "scheme", "position")
                }
                for row in getattr(source_scheme, name).all()
            ]
            for name, model in PARTS.items()
        }
        return scheme_write(editing, Scheme(plan=editing.plan), fields, parts)
