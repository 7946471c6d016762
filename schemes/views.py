"""Scheme pages, reached through a plan the user can see: the register (filtered, with
totals), a scheme, its form, copying from last year's plan, and the register as a
spreadsheet."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from governance import rules
from governance.forms import whole_number_or_none
from governance.reading import reads_only, reads_when_safe
from plans.checks import plan_has_schemes
from plans.selectors import previous_plan
from plans.services import PlanRefused
from plans.views import plan_for_request, require_plan_editable

from . import forms, services
from .models import Scheme, SchemeStatus, Theme
from .selectors import (
    RegisterFilter,
    investment_summary,
    plan_scheme,
    scheme_investment,
    scheme_lead_partners,
    scheme_page,
    scheme_register,
    schemes_for_plan,
)


def _plan_url(plan, name="plan", *args) -> str:
    return reverse(name, args=[plan.hwb_area.ons_code, plan.financial_year.start_year, *args])


@reads_only
def scheme_detail(request: HttpRequest, ons_code: str, year: int, pk: int) -> HttpResponse:
    plan = plan_for_request(request, ons_code, year)
    page = scheme_page(plan=plan, pk=pk)
    if page is None:
        raise Http404("No such scheme")
    return render(
        request,
        "schemes/scheme_detail.html",
        {"plan": plan, **page, "can_edit": _can_edit(request, plan)},
    )


def _can_edit(request, plan) -> bool:
    return not plan.is_locked and rules.allows(request.user, rules.Action.EDIT, plan.hwb_area)


@reads_only
def register(request: HttpRequest, ons_code: str, year: int) -> HttpResponse:
    plan = plan_for_request(request, ons_code, year)
    lead_partners = scheme_lead_partners(plan=plan)
    chosen = RegisterFilter.from_query(request.GET, lead_partners=lead_partners)
    return render(
        request,
        "schemes/register.html",
        {
            "plan": plan,
            "register": scheme_register(plan=plan, chosen=chosen, lead_partners=lead_partners),
            "chosen": chosen,
            "can_edit": _can_edit(request, plan),
            "previous_plan": _with_schemes(previous_plan(plan)),
            "themes": Theme.choices,
            "statuses": SchemeStatus.choices,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@reads_when_safe
def scheme_edit(request: HttpRequest, ons_code: str, year: int, pk: int | None = None):
    """Create (no pk) or change a scheme with its repeating parts."""
    plan = plan_for_request(request, ons_code, year)
    scheme = _scheme(plan, pk) if pk is not None else None
    require_plan_editable(request, plan)
    conflict, status, adding = None, 200, None
    partners = forms.area_partners(plan)  # read once for the scheme and all its rows
    if request.method == "POST":
        adding = next((name for name in forms.PART_FORMS if f"add_{name}" in request.POST), None)
        form = forms.SchemeForm(request.POST, instance=scheme, plan=plan, partners=partners)
        parts = forms.part_formsets(request.POST, partners=partners, scheme=scheme, add=adding)
        if adding is None:
            # Every formset is checked (a list, not a generator): all errors show at once.
            valid = form.is_valid() & all([p.is_valid() for p in parts.values()])  # noqa: C419
            if valid:
                try:
                    saved = services.scheme_save(
                        plan=plan, user=request.user, revision=form.cleaned_data["revision"],
                        scheme=scheme,
                        fields={f: form.cleaned_data[f] for f in services.SCHEME_FIELDS},
                        parts={name: p.rows() for name, p in parts.items()},
                    )  # fmt: skip
                except PlanRefused as error:
                    conflict, status = str(error), 409
                except ValidationError as error:
                    form.add_error(None, error)
                    status = 400
                else:
                    messages.success(request, f"{saved} saved.")
                    return redirect(_plan_url(plan, "scheme", saved.pk))
            else:
                status = 400
    else:
        form = forms.SchemeForm(instance=scheme, plan=plan, partners=partners)
        parts = forms.part_formsets(None, partners=partners, scheme=scheme)
    return render(
        request,
        "schemes/scheme_form.html",
        {"plan": plan, "scheme": scheme, "form": form, "parts": parts, "conflict": conflict,
         "has_errors": status == 400, "narrative_names": Scheme.narrative_fields(),
         "error_summary": _error_summary(form, parts) if status == 400 else [],
         "adding": adding if request.method == "POST" else None,
         "narrative_errors": any(form[name].errors for name in Scheme.narrative_fields()),
         "investment": _investment(request, scheme, parts)},
        status=status,
    )  # fmt: skip


def _scheme(plan, pk: int) -> Scheme:
    """The plan's scheme `pk`, else a 404."""
    scheme = plan_scheme(plan=plan, pk=pk)
    if scheme is None:
        raise Http404("No such scheme in this plan")
    return scheme


def _investment(request, scheme, parts):
    """What the scheme's lines come to as saved: on the form as opened, from the lines' values
    it shows (read once); posted back, read again (what was typed is not saved yet)."""
    if scheme is None:
        return None
    if request.method == "POST":
        return scheme_investment(scheme=scheme)
    return investment_summary([row["amount"] for row in parts["investment_lines"].initial])


@require_POST
def scheme_delete(request: HttpRequest, ons_code: str, year: int, pk: int) -> HttpResponse:
    plan = plan_for_request(request, ons_code, year)
    scheme = _scheme(plan, pk)
    require_plan_editable(request, plan)
    name = str(scheme)
    try:
        services.scheme_delete(plan=plan, user=request.user,
                               revision=_revision(request), scheme=scheme)  # fmt: skip
    except PlanRefused as error:
        messages.error(request, str(error))
        return redirect(_plan_url(plan, "scheme", pk))
    messages.success(request, f"{name} removed from the plan.")
    return redirect(_plan_url(plan, "scheme-register"))


def _revision(request) -> int:
    """The plan's revision the page was shown at; a page without one is treated as stale."""
    revision = whole_number_or_none(request.POST.get("revision"))
    return -1 if revision is None else revision


def _labelled(label: str, error: str) -> str:
    """`Label: error`, unless the message names its box already ("Amount: enter …")."""
    return error if error.lower().startswith(label.lower()) else f"{label}: {error}"


def _error_summary(form, parts) -> list[tuple[str, str]]:
    """Each error once, as (the id it links to, its words): a row's errors say which row
    ("Risks and mitigations, risk 2: Likelihood: score it from 1 to 5")."""
    summary = [("", str(error)) for error in form.non_field_errors()]
    for field in form:
        summary += [(field.auto_id, _labelled(field.label, e)) for e in field.errors]
    for name, formset in parts.items():
        for error in formset.non_form_errors():  # its counts of rows, refused
            summary.append((f"heading-{name}", f"{formset.title}: {error}"))
        for number, row in enumerate(formset, start=1):
            where = f"{formset.title}, {formset.noun} {number}"
            first = next((f for f in row if not f.is_hidden and f.name != "DELETE"), None)
            for error in row.non_field_errors():
                summary.append((first.auto_id if first else row.prefix, f"{where}: {error}"))
            for field in row:
                for error in field.errors:
                    summary.append((field.auto_id, f"{where}: {_labelled(field.label, error)}"))
    return summary


def _with_schemes(plan):
    """Last year's plan, if it has schemes to copy (offering to copy from none leads nowhere)."""
    return plan if plan is not None and plan_has_schemes(plan) else None


@require_http_methods(["GET", "HEAD", "POST"])
def scheme_copy(request: HttpRequest, ons_code: str, year: int) -> HttpResponse:
    """Last year's schemes, each copied into this plan on request, keeping its reference."""
    plan = plan_for_request(request, ons_code, year)
    require_plan_editable(request, plan)
    previous = previous_plan(plan)
    error = None
    if request.method == "POST":
        source = (
            previous.schemes.filter(pk=whole_number_or_none(request.POST.get("scheme"))).first()
            if previous
            else None
        )
        try:
            if source is None:
                raise ValidationError("Choose one of last year's schemes to copy.")
            copied = services.scheme_copy(
                plan=plan, user=request.user, revision=_revision(request), source_scheme=source
            )
        except PlanRefused as conflict:
            error = str(conflict)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(request, f"{copied} copied from {previous.financial_year}.")
            return redirect(_plan_url(plan, "scheme-edit", copied.pk))
    here = {s.upper() for s in plan.schemes.values_list("reference", flat=True)}
    return render(
        request,
        "schemes/scheme_copy.html",
        {
            "plan": plan,
            "previous": previous,
            "schemes": [
                (scheme, scheme.reference.upper() in here)
                for scheme in (
                    schemes_for_plan(plan=previous) if previous else Scheme.objects.none()
                )
            ],
            "error": error,
        },
        status=400 if error else 200,
    )
