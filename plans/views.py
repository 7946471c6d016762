"""Pages for areas and plans. Each looks its object up through the user's own areas,
so another area's page is a 404: the portal does not confirm that it exists."""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from governance import rules
from governance.forms import UkDateField, whole_number_or_none
from governance.jobs import stale_checked
from governance.models import ExportStatus, FinancialYear
from governance.models.areas import FIRST_FUND_YEAR
from governance.reading import reads_only, reads_when_safe
from governance.selectors import areas_of, hwb_areas_for_user, is_administrator, roles_by_area
from governance.workflow import TransitionRefused

from . import additions, forms, selectors, services, wording
from .checks import plan_checklist
from .exports import plan_export_request
from .home_html import area_rows
from .models import Plan, PlanStatus
from .rows import prefetch_for_page, rows
from .workflow import PLAN_WORKFLOW

# More areas than this (a national analyst's 151) are one table, not a section each.
MANY_AREAS = 10


@reads_only
def home(request: HttpRequest) -> HttpResponse:
    # A handful of queries however many areas the user has (an analyst may have ~150); the
    # plans by the areas already read, not by a subquery that finds them again. Many areas
    # are a table that shows each plan's year only: the years, not summaries of ~300 plans.
    plans_by_area = defaultdict(list)
    mine = areas_of(user=request.user)
    many = len(mine) > MANY_AREAS
    if many:
        every_area = rules.reads_every_area(request.user)
        for area_id, year in selectors.plan_years(areas=mine, every_area=every_area):
            plans_by_area[area_id].append(year)
    else:
        for summary in selectors.area_plan_summaries(areas=[area.pk for area in mine]):
            plans_by_area[summary.plan.hwb_area_id].append(summary)
    roles = roles_by_area(user=request.user)
    areas = [
        {"area": area, "roles": roles[area.pk], "plans": plans_by_area[area.pk]} for area in mine
    ]
    return render(
        request,
        "plans/home.html",
        {
            "areas": areas,
            # Many areas are a table, its rows written in Python (a national analyst's 152).
            "area_rows": area_rows(areas) if many else "",
            "is_administrator": is_administrator(user=request.user),
            "many_areas": MANY_AREAS,
            "is_analyst": rules.allows(request.user, rules.Action.NATIONAL_EXPORT),
            "to_do": additions.to_dos(request.user, *selectors.plans_to_do(user=request.user)),
            "home_sections": additions.home_sections(request.user),
        },
    )


@reads_only
def hwb_area_detail(request: HttpRequest, ons_code: str) -> HttpResponse:
    area = get_object_or_404(hwb_areas_for_user(user=request.user), ons_code=ons_code)
    return render(
        request,
        "plans/hwb_area_detail.html",
        {
            "area": area,
            "roles": roles_by_area(user=request.user)[area.pk],
            "partners": area.partners.all(),
            "plans": selectors.plan_summaries(plans=area.plans.all()),
            **additions.area_sections(area),  # its returns, from the returns app
            "can_start_return": rules.allows(request.user, rules.Action.EDIT, area),
            "years_without_plan": FinancialYear.objects.exclude(plans__hwb_area=area).filter(
                start_year__gte=FIRST_FUND_YEAR
            ),
        },
    )


def plan_parts() -> dict:
    """The plan's edit parts, by slug: its own, and those of the apps above (metric targets:
    the metrics app's)."""
    return {**forms.PARTS, **additions.edit_parts()}


def plan_for_request(request: HttpRequest, ons_code: str, year: int) -> Plan:
    """The plan of this URL, if the user belongs to its area; else a 404."""
    plan = selectors.readable_plan(user=request.user, ons_code=ons_code, year=year)
    if plan is None:
        raise Http404("No such plan")
    return plan


def plan_context(request: HttpRequest, plan: Plan, *, in_full: bool = False) -> dict:
    """Everything the plan page (and its printable version) shows, and what the user may do."""
    user, area = request.user, plan.hwb_area
    prefetch_for_page(plan)
    signs_for = rules.signs_for(user, area) if plan.status == PlanStatus.READY else set()
    blocks = rows(plan, "sign_off_blocks", "partner")
    # Its schemes and metric targets, from the apps that add them (`plans.additions`); read
    # before the checklist, which then asks nothing more of the schemes.
    sections = additions.plan_sections(plan, in_full=in_full)
    checklist = plan_checklist(plan=plan)
    return {
        "plan": plan,
        "in_full": in_full,  # the printable plan: every text open; the page: behind details
        "contributions": selectors.plan_contributions(plan=plan),
        "fund_quarters": list(plan.fund_quarters.all()),
        "expenditure": selectors.plan_expenditure(plan=plan),
        "conditions": selectors.plan_condition_statements(plan=plan),
        "sign_off_blocks": [
            (block, not block.is_signed and block.partner_id in signs_for) for block in blocks
        ],
        **sections,
        "narrative": [
            (str(Plan._meta.get_field(name).verbose_name).capitalize(), getattr(plan, name))
            for name in services.NARRATIVE_FIELDS
        ],
        "checklist": checklist,
        "tasks": selectors.plan_tasks(plan=plan, checklist=checklist, parts=plan_parts()),
        "events": additions.timeline(plan),
        "state_notice": wording.state_notice(user, plan),
        "deadline_passed": selectors.plan_deadline_passed(plan),
        "can_edit": not plan.is_locked and rules.allows(user, rules.Action.EDIT, area),
        # A step is offered when it starts from the plan's status and the user may take it.
        **{
            f"can_{name.replace('-', '_')}": plan.status in step.starts_from
            and rules.allows(user, step.action, area)
            for name, step in PLAN_WORKFLOW.steps.items()
            if name != "sign"  # offered per block, above
        },
        "today": timezone.localdate(),
        "signer_name": user.get_full_name() if user.is_authenticated else "",
    }


@reads_only
def plan_detail(request: HttpRequest, ons_code: str, year: int) -> HttpResponse:
    plan = plan_for_request(request, ons_code, year)
    return render(request, "plans/plan_detail.html", plan_context(request, plan))


@reads_only
def plan_print(request: HttpRequest, ons_code: str, year: int) -> HttpResponse:
    """The whole plan on one page, laid out for HWB papers (the browser prints it)."""
    plan = plan_for_request(request, ons_code, year)
    return render(request, "plans/plan_print.html", plan_context(request, plan, in_full=True))


def require_plan_editable(request: HttpRequest, plan: Plan) -> None:
    """The user may edit the area's plans (else 404/403), and this plan is a draft (else a
    403 saying what would unlock it)."""
    rules.require(request.user, rules.Action.EDIT, plan.hwb_area)
    if plan.is_locked:
        raise PermissionDenied(services.locked_message(plan))


@require_http_methods(["GET", "HEAD", "POST"])
@reads_when_safe
def plan_edit(request: HttpRequest, ons_code: str, year: int, part: str) -> HttpResponse:
    plan = plan_for_request(request, ons_code, year)
    parts = plan_parts()
    if part not in parts:
        raise Http404("No such part of a plan")
    require_plan_editable(request, plan)
    form_class, conflict = parts[part], None
    if request.method == "POST":
        form = form_class(request.POST, plan=plan)
        if form.is_valid():
            try:
                form.save(request.user)
            except services.PlanRefused as error:  # saved or locked since the page was shown
                conflict = str(error)
            except ValidationError as error:
                forms.service_errors(form, error)
            else:
                messages.success(request, f"{form.title} saved.")
                return redirect(request.path)
    else:
        form = form_class(plan=plan)
    return render(
        request,
        "plans/plan_edit.html",
        {
            "plan": plan,
            "part": part,
            "form": form,
            "part_template": f"plans/parts/{part}.html",
            "conflict": conflict,
            "problems": plan_checklist(plan=plan).for_part(part),
        },
        status=409 if conflict else 400 if form.errors else 200,
    )


def _step_inputs(request: HttpRequest, plan: Plan, step: str) -> dict:
    post = request.POST
    if step in ("send-back", "reopen"):
        return {"reason": post.get("reason", "")}
    if step == "sign":
        block = plan.sign_off_blocks.filter(pk=whole_number_or_none(post.get("block"))).first()
        if block is None:
            raise Http404("No such sign-off block")
        try:
            signed_on = UkDateField(label="Date").clean(post.get("signed_on", ""))
        except ValidationError as error:
            raise TransitionRefused(" ".join(error.messages)) from None
        return {"block": block, "signed_by": post.get("signed_by", ""),
                "position": post.get("position", ""), "signed_on": signed_on}  # fmt: skip
    return {}


@require_POST
def plan_transition(request: HttpRequest, ons_code: str, year: int, step: str) -> HttpResponse:
    plan = plan_for_request(request, ons_code, year)
    if step not in PLAN_WORKFLOW.steps:
        raise Http404("No such step")
    try:
        event = PLAN_WORKFLOW.perform(plan, step, request.user, **_step_inputs(request, plan, step))
    except TransitionRefused as refused:
        plan.refresh_from_db()
        context = plan_context(request, plan)
        context.update(workflow_error=str(refused), workflow_step=step, posted=request.POST)
        return render(request, "plans/plan_detail.html", context, status=400)
    messages.success(request, f"{event.get_kind_display()}.")
    return redirect(reverse("plan", args=[ons_code, year]) + "#sign-off")


@require_POST
def plan_export_start(request: HttpRequest, ons_code: str, year: int) -> HttpResponse:
    plan = plan_for_request(request, ons_code, year)
    rules.require(request.user, rules.Action.EXPORT, plan.hwb_area)
    export = plan_export_request(plan=plan, user=request.user)
    return redirect(reverse("plan-export", args=[ons_code, year, export.pk]))


def _plan_export(request, ons_code, year, pk):
    plan = plan_for_request(request, ons_code, year)
    rules.require(request.user, rules.Action.EXPORT, plan.hwb_area)
    return plan, stale_checked(get_object_or_404(plan.exports, pk=pk))


@require_safe  # may mark a stale export failed: a write
def plan_export_detail(request: HttpRequest, ons_code: str, year: int, pk: int) -> HttpResponse:
    plan, export = _plan_export(request, ons_code, year, pk)
    return render(request, "plans/plan_export.html", {"plan": plan, "export": export})


@require_safe  # may mark a stale export failed: a write
def plan_export_download(request: HttpRequest, ons_code: str, year: int, pk: int):
    _plan, export = _plan_export(request, ons_code, year, pk)
    if export.status != ExportStatus.READY or export.file_missing:  # its page says which
        return redirect(reverse("plan-export", args=[ons_code, year, export.pk]))
    return FileResponse(export.file.open("rb"), as_attachment=True, filename=export.filename)


@require_POST
def plan_start(request: HttpRequest, ons_code: str, year: int) -> HttpResponse:
    """A new draft plan for a year the portal knows and the area has no plan for."""
    area = get_object_or_404(hwb_areas_for_user(user=request.user), ons_code=ons_code)
    financial_year = get_object_or_404(
        FinancialYear, start_year=year, start_year__gte=FIRST_FUND_YEAR
    )  # no plan before the fund began
    rules.require(request.user, rules.Action.EDIT, area)
    existing = area.plans.filter(financial_year=financial_year).first()
    if existing is None:
        services.plan_create(hwb_area=area, financial_year=financial_year, user=request.user)
        messages.success(request, f"The {financial_year} plan is started.")
    return redirect(reverse("plan", args=[ons_code, year]))
