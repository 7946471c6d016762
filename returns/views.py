"""Pages of a quarterly return: overview, one page per section, the checklist.

Views are generic over the template definition: a new template version needs
no new view. Each looks the return up through the user's own areas, so another
area's return is a 404, like one that does not exist.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from governance import rules
from governance.forms import whole_number_or_none
from governance.glossary import plain
from governance.reading import reads_only, reads_when_safe
from governance.selectors import hwb_areas_for_user

from . import selectors, services
from .definitions.evaluation import calculate
from .forms import SectionForm
from .models import AnswerSource, QuarterlyReturn, ReportingPeriod, ReturnStatus
from .pages import SectionPage
from .timeline import return_timeline
from .wording import state_notice


def return_for_request(request: HttpRequest, ons_code: str, period: str) -> QuarterlyReturn:
    """The return the URL names, if it is in one of the user's areas; else a 404, as for a
    return that does not exist."""
    found = selectors.readable_return(user=request.user, ons_code=ons_code, period=period)
    if found is None:
        raise Http404("No such return")
    return found


def period_for_request(code: str) -> ReportingPeriod:
    """The reporting period a URL names, or a 404."""
    period = selectors.period_by_code(code)
    if period is None:
        raise Http404("No such reporting period")
    return period


def return_page(quarterly_return: QuarterlyReturn, **extra) -> dict:
    """What every page of a return names: the return, its area and period (the breadcrumbs)."""
    return {
        "quarterly_return": quarterly_return,
        "area": quarterly_return.hwb_area,
        "period": quarterly_return.period,
        **extra,
    }


def can_edit(request: HttpRequest, quarterly_return: QuarterlyReturn) -> bool:
    return selectors.can_edit_return(user=request.user, quarterly_return=quarterly_return)


def require_editable(request: HttpRequest, quarterly_return: QuarterlyReturn) -> None:
    """The user may edit the area's drafts (else 404/403), and this return is a draft (else a
    403 saying what would unlock it)."""
    rules.require(request.user, rules.Action.EDIT, quarterly_return.hwb_area)
    if quarterly_return.status != ReturnStatus.DRAFT:
        raise PermissionDenied(services.locked_message(quarterly_return))


def _context(request, quarterly_return, state, **extra) -> dict:
    return return_page(
        quarterly_return,
        definition=state.definition,
        checklist=state.checklist,
        can_edit=can_edit(request, quarterly_return),
        state_notice=state_notice(request.user, quarterly_return),
        **extra,
    )


def overview_context(request: HttpRequest, quarterly_return: QuarterlyReturn) -> dict:
    """The return's page: sections, workflow steps the user may take now, timeline, versions."""
    state = selectors.return_state(quarterly_return=quarterly_return)
    area, status = quarterly_return.hwb_area, quarterly_return.status

    def may(action: rules.Action, *statuses: str) -> bool:
        return status in statuses and rules.allows(request.user, action, area)

    events = return_timeline(quarterly_return=quarterly_return)
    open_ = {e.pk for e in events if getattr(e, "conversation", None) and e.conversation.is_open}
    return {
        **_context(request, quarterly_return, state),
        "overdue": selectors.is_overdue(quarterly_return),
        "round_closed": selectors.round_closed_message(quarterly_return),
        "returned": selectors.last_returned(quarterly_return, events),
        "reconstructed": state.definition.reconstructed_by_section,
        "sections_completed": sum(result.complete for result in state.checklist.sections),
        "may": {
            "ready": may(rules.Action.MARK_READY, ReturnStatus.DRAFT),
            "send_back": may(rules.Action.SEND_BACK, ReturnStatus.READY),
            "sign_off": may(rules.Action.SIGN_OFF, ReturnStatus.READY),
            "submit": may(rules.Action.SUBMIT, ReturnStatus.SIGNED_OFF),
            "reopen": may(rules.Action.REOPEN, ReturnStatus.SIGNED_OFF, ReturnStatus.SUBMITTED),
        },
        "on_behalf_of": f"BCF sub-group of the {area.name} Health and Wellbeing Board",
        "events": events,
        "conversations_open": len(open_),
        "versions": selectors.return_versions(quarterly_return),
    }


@reads_only
def return_overview(request: HttpRequest, ons_code: str, period: str) -> HttpResponse:
    quarterly_return = return_for_request(request, ons_code, period)
    return render(request, "returns/overview.html", overview_context(request, quarterly_return))


@reads_only
def return_checklist(request: HttpRequest, ons_code: str, period: str) -> HttpResponse:
    quarterly_return = return_for_request(request, ons_code, period)
    state = selectors.return_state(quarterly_return=quarterly_return)
    context = _context(
        request, quarterly_return, state, cautions=selectors.return_cautions(state=state)
    )
    return render(request, "returns/checklist.html", context)


@reads_when_safe
def return_section(request: HttpRequest, ons_code: str, period: str, section: str) -> HttpResponse:
    quarterly_return = return_for_request(request, ons_code, period)
    state = selectors.return_state(quarterly_return=quarterly_return)
    try:
        section_ = state.definition.section(section)
    except KeyError:
        raise Http404("No such section") from None
    context = _context(request, quarterly_return, state)
    values, conflict, refused = state.values, None, None
    if request.method == "POST":
        require_editable(request, quarterly_return)
        form = SectionForm(request.POST, section=section_, values=state.answers, auto_id="%s")
        conflict, revision = None, posted_revision(request)
        if revision is None:
            form.add_error(None, NO_REVISION)
        if form.is_valid():
            try:
                changed = services.answers_save(
                    quarterly_return=quarterly_return,
                    values=form.changed_values(),
                    user=request.user,
                    source=AnswerSource.FORM,
                    base_revision=revision,
                    guarded=[question.id for question in section_.inputs],
                )
            except services.SaveConflict as error:
                conflict = error.changes
            except services.ReturnLocked as locked:  # moved on since require_editable looked
                refused = locked.message
                quarterly_return.refresh_from_db()  # shown as it is now, typing kept
                notice = state_notice(request.user, quarterly_return)
                context.update(can_edit=False, state_notice=notice)
            else:
                saved = (
                    f"{section_.title} saved." if changed else f"{section_.title}: nothing changed."
                )
                if request.POST.get("after") == "next":  # leaving it: say what it still lacks
                    messages.success(request, f"{saved} {_still_to_do(quarterly_return, section_)}")
                    return redirect(_next_url(quarterly_return, state.definition, section_))
                messages.success(request, saved)
                return redirect(request.path)
        # Show what the officer typed (valid parts included) and decide what applies from it.
        typed = {
            name: form.cleaned_data.get(name) for name in form.fields if name not in form.errors
        }
        values = calculate(state.definition, {**state.answers, **typed})
    else:
        form = SectionForm(
            section=section_, values=state.answers, editable=context["can_edit"], auto_id="%s"
        )
    return render(
        request,
        "returns/section.html",
        {
            **context,
            "section": section_,
            "form": form,
            "page": SectionPage(
                section_, form, values, state.previous, lambda: state.previous_values
            ),
            "section_result": state.checklist.for_section(section_.slug),
            "next_section": _next_section(state.definition, section_),
            "conflict": _described(conflict, state.definition) if conflict else None,
            "refused": refused,
        },
        status=409 if conflict or refused else 400 if form.is_bound and form.errors else 200,
    )


def _still_to_do(quarterly_return: QuarterlyReturn, section) -> str:
    """What the section just saved still lacks, in words: said as the officer leaves it."""
    result = selectors.return_state(quarterly_return=quarterly_return).checklist.for_section(
        section.slug
    )
    failing = [plain(check.check.label) for check in result.results if not check.passed]
    if not failing:
        return "Every question in it is done."
    shown = "; ".join(failing[:STILL_TO_DO_NAMED])
    more = len(failing) - STILL_TO_DO_NAMED
    rest = f"; and {more} more (see the checklist)" if more > 0 else ""
    count = f"{len(failing)} question{'s' if len(failing) > 1 else ''}"
    return f"Still to do in this section, {count}: {shown}{rest}."


STILL_TO_DO_NAMED = 3  # the questions named in the message; the checklist lists them all


def _next_section(definition, section):
    sections = definition.sections
    position = sections.index(section)
    return sections[position + 1] if position + 1 < len(sections) else None


def _next_url(quarterly_return: QuarterlyReturn, definition, section) -> str:
    """Where "Save and continue" leads: the next section, or after the last the return's
    page (its task list and the step to send it for sign-off)."""
    args = [quarterly_return.hwb_area.ons_code, quarterly_return.period.code]
    following = _next_section(definition, section)
    if following is None:
        return reverse("return", args=args)
    return reverse("return-section", args=[*args, following.slug])


def posted_revision(request: HttpRequest) -> int | None:
    """The return's revision the page showed; None when the post has none (a forged or
    broken page), which no save goes ahead without."""
    return whole_number_or_none(request.POST.get("revision"))


NO_REVISION = (
    "This page did not say which version of the return it showed, so nothing was saved. "
    "Check the answers below and save again."
)


def _described(changes, definition) -> list[dict]:
    """Changes as the conflict message shows them: question, new value, who, when."""
    described = []
    for change in changes:
        question = definition.question(change.question_id)
        described.append(
            {
                "question": question,
                "new": question.type.shown(change.new_value) or "(removed)",
                "user": change.user.get_username() if change.user else "the portal",
                "at": change.at,
            }
        )
    return described


@require_POST
def return_start(request: HttpRequest, ons_code: str, period: str) -> HttpResponse:
    area = get_object_or_404(hwb_areas_for_user(user=request.user), ons_code=ons_code)
    period_ = period_for_request(period)
    rules.require(request.user, rules.Action.EDIT, area)
    services.return_get_or_create(hwb_area=area, period=period_, user=request.user)
    return redirect(reverse("return", args=[area.ons_code, period]))
