"""Parts of the plan's pages written in Python (issue 33): the national conditions page's
conditions, and the plan page's list of schemes and its timeline.

Each condition is a fieldset of its title, its guidance, what its checklist still asks and
its three boxes; as a template loop, its nodes cost the page as much as its boxes did. This
writes what `plans/parts/conditions.html` wrote (`plans/tests/conditions_loop.html` keeps
that loop as the oracle), in the manner of `returns/cell_html.py`: every text escaped.
"""

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from governance.field_html import esc, field_group
from governance.glossary import labelled
from governance.money import format_pounds
from governance.templatetags.links import addresses, link
from governance.text_html import PARAGRAPH, by_whom, lines, shown, when

WARNING = (
    '\n  <div class="govuk-warning-text"><span class="govuk-warning-text__icon" '
    'aria-hidden="true">!</span>\n    <strong class="govuk-warning-text__text"><span '
    'class="govuk-visually-hidden">Warning</span> <a class="govuk-link" href="#{target}">Still '
    "to do for condition {number}{part}, {title}</a>: {message}</strong></div>\n  "
)


def condition_rows(rows, problems) -> SafeString:
    """`rows`: the form's (condition, status, narrative, date) bound fields; `problems`: the
    page's failing checks, each shown at the condition it targets."""
    parts = []
    for condition, status, narrative, date in rows:
        number, part, title = esc(condition.number), esc(condition.part), esc(condition.title)
        named = f"{number} ({part})" if condition.part else number
        guidance = ""
        if condition.guidance:
            guidance = (
                '<details class="govuk-details govuk-!-margin-bottom-4">\n    <summary '
                'class="govuk-details__summary"><span class="govuk-details__summary-text">'
                f"Guidance on condition {named}</span></summary>\n    <div "
                f'class="govuk-details__text">{esc(labelled(condition.guidance))}</div>\n  '
                "</details>"
            )
        target = esc(date.auto_id if status.value() else status.auto_id)
        warnings = "".join(
            WARNING.format(
                target=target, number=number, part=part, title=title, message=esc(check.message)
            )
            for check in problems
            if check.target == condition.key
        )
        parts.append(
            f'\n<fieldset class="govuk-fieldset govuk-!-margin-bottom-8" '
            f'id="{esc(condition.key)}">\n'
            f'  <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{named}. '
            f"{title}</legend>\n  {guidance}\n  {warnings}\n  {field_group(status)}\n"
            f'  <div class="govuk-!-margin-top-4">{field_group(narrative)}</div>\n'
            f'  <div class="govuk-!-margin-top-4">{field_group(date)}</div>\n</fieldset>\n'
        )
    return mark_safe("".join(parts))  # noqa: S308 - every part escaped


def scheme_rows(plan, schemes) -> SafeString:
    """The plan page's list of its schemes: a row each, its reference, its name (a link to
    its page) and theme, its lead partner and its investment, with how many of its amounts
    are unknown (`schemes.selectors.plan_schemes` reads them; plans names no scheme model).
    `plans/tests/scheme_list_loop.html` keeps the template loop it replaces as the oracle."""
    # One reversal for every row: a scheme's address differs only in its id.
    start, end = reverse(
        "scheme", args=[plan.hwb_area.ons_code, plan.financial_year.start_year, 0]
    ).rsplit("/0/", 1)
    start, end = esc(start), esc(end)
    rows = []
    for scheme in schemes:
        theme = (
            f'<br><span class="govuk-body-s">{shown(scheme, "theme")}</span>'
            if scheme.theme
            else ""
        )
        unknown = (
            f'<br><strong class="govuk-tag govuk-tag--yellow">{scheme.unknown_amounts} '
            "unknown</strong>"
            if scheme.unknown_amounts
            else ""
        )
        rows.append(
            '\n    <tr class="govuk-table__row">\n'
            f'      <th scope="row" class="govuk-table__header">{esc(scheme.reference)}</th>\n'
            f'      <td class="govuk-table__cell"><a class="govuk-link" '
            f'href="{start}/{scheme.pk}/{end}">{esc(scheme.name)}</a>{theme}</td>\n'
            f'      <td class="govuk-table__cell">{esc(scheme.lead_partner.name)}</td>\n'
            '      <td class="govuk-table__cell govuk-table__cell--numeric">'
            f"{esc(format_pounds(scheme.investment_total, empty='–'))}{unknown}</td>\n"
            "    </tr>\n    "
        )
    return mark_safe("".join(rows))  # noqa: S308 - every part escaped


def plan_timeline(events, plan) -> SafeString:
    """The plan page's timeline: its steps, and NHS England's queries and outcomes, in time
    order, as its template include wrote them as a loop
    (`national/tests/plan_timeline_loop.html` keeps it as the oracle)."""
    items = []
    for event in events:
        parts = [
            '\n  <li class="portal-timeline__item">\n'
            '    <h3 class="govuk-heading-s govuk-!-margin-bottom-1">'
            f"{esc(event.get_kind_display())}</h3>\n    "
        ]
        conversation = getattr(event, "conversation", None)
        if conversation:
            parts.append(
                f"{PARAGRAPH}{when(event.at)} by {by_whom(event, 'a former user')}: "
                f'<a class="govuk-link" href="{esc(event.url)}">{esc(conversation.title)}</a>'
                "</p>\n    "  # the include's {% else %} began on the next line
            )
        else:
            parts.append(
                f"{PARAGRAPH}{when(event.at)} by {by_whom(event, 'the portal')} · version "
                f"{esc(event.version)}</p>"
            )
        parts.append("\n    ")
        submission = getattr(event, "submission", None)
        if submission:
            href = esc(link("submission", plan.hwb_area.ons_code, submission.pk))
            parts.append(
                f'{PARAGRAPH}<a class="govuk-link" href="{href}">Submission '
                f"{esc(submission.number)}</a>: {esc(submission.filename)}, kept exactly as it "
                "was sent.</p>"
            )
        parts.append("\n    ")
        on_behalf_of = getattr(event, "on_behalf_of", "")
        if on_behalf_of:
            parts.append(f"{PARAGRAPH}On behalf of {esc(on_behalf_of)}: {esc(event.signature)}</p>")
        parts.append("\n    ")
        reason = getattr(event, "reason", "")
        if reason:
            parts.append(f"{PARAGRAPH}Reason: {lines(reason)}</p>")
        parts.append("\n  </li>\n  ")
        items.append("".join(parts))
    if items:
        body = f'\n<ol class="govuk-list portal-timeline">\n  {"".join(items)}\n</ol>\n'
    else:
        body = (
            '\n<p class="govuk-body">Nothing yet: the plan is a draft that has not been sent '
            "for signing.</p>\n"
        )
    return mark_safe(f'<h2 class="govuk-heading-m" id="timeline">Timeline</h2>\n{body}')  # noqa: S308


LINKED = " govuk-task-list__item--with-link"


def _status(progress) -> str:
    if progress == "Completed":
        return "Completed"
    if progress == "In progress":
        return '<strong class="govuk-tag govuk-tag--light-blue">In progress</strong>'
    return '<strong class="govuk-tag govuk-tag--blue">Not started</strong>'


def plan_tasks_html(*, plan, tasks, checklist, can_edit: bool, can_ready: bool) -> SafeString:
    """The plan page's parts as a GOV.UK task list, each with its status, then sending for
    signing, then what is missing (each failing check linking to where it is fixed), as
    its template include wrote them (`plans/tests/plan_checklist_loop.html`
    keeps it as the oracle)."""
    ons, year = plan.hwb_area.ons_code, plan.financial_year.start_year
    link, _ = addresses()  # a link for each part and each failing check
    register = esc(link("scheme-register", ons, year)) if can_edit else ""
    items = []
    for task in tasks:
        part = esc(task.part)
        if can_edit and task.part == "schemes":
            href = register
        elif can_edit:
            href = esc(link("plan-edit", ons, year, task.part))
        else:
            href = f"#{part}"
        described = f"plan-task-{part}-status" + (f" plan-task-{part}-hint" if task.to_do else "")
        count = len(task.to_do)
        hint = (
            f'<div class="govuk-task-list__hint" id="plan-task-{part}-hint">{count} '
            f"thing{'' if count == 1 else 's'} to fix</div>"
            if task.to_do
            else ""
        )
        items.append(
            '\n  <li class="govuk-task-list__item govuk-task-list__item--with-link">\n'
            '    <div class="govuk-task-list__name-and-hint">\n'
            f'      <a class="govuk-link govuk-task-list__link" href="{href}" '
            f'aria-describedby="{described}">{esc(labelled(task.title))}</a>\n'
            f"      {hint}\n    </div>\n"
            f'    <div class="govuk-task-list__status" id="plan-task-{part}-status">'
            f"{_status(task.progress)}</div>\n  </li>\n  "
        )
    complete, draft = checklist.complete, plan.status == "draft"
    sending = complete and can_ready
    signing = (
        '<a class="govuk-link govuk-task-list__link" href="#step-ready" '
        'aria-describedby="plan-task-signing-status">Send for signing</a>'
        if sending
        else "<div>Send for signing</div>"
    )
    first = '<div class="govuk-task-list__hint">Every check must pass first.</div>'
    if not draft:
        status = (
            '<div class="govuk-task-list__status" id="plan-task-signing-status">Completed</div>'
            "\n    "
        )
    elif complete:
        status = (
            '<div class="govuk-task-list__status" id="plan-task-signing-status"><strong '
            'class="govuk-tag govuk-tag--blue">Not started</strong></div>\n    '
        )
    else:
        status = (
            '<div class="govuk-task-list__status govuk-task-list__status--cannot-start-yet" '
            'id="plan-task-signing-status">Cannot start yet</div>'
        )
    missing = ""
    if draft and not complete:
        problems = []
        for check in checklist.failing:
            label = esc(labelled(check.label))
            if can_edit and check.part not in ("schemes", "signing"):
                target = f"#{esc(check.target)}" if check.target else ""
                edit = esc(link("plan-edit", ons, year, check.part))
                label = f'<a class="govuk-link" href="{edit}{target}">{label}</a>'
            elif can_edit and check.part == "schemes":
                label = f'<a class="govuk-link" href="{register}">{label}</a>'
            problems.append(f"\n      <li>{label}: {esc(check.message)}</li>\n      ")
        missing = (
            '\n<details class="govuk-details">\n  <summary class="govuk-details__summary"><span '
            f'class="govuk-details__summary-text">What is missing: {len(checklist.failing)} of '
            f"{len(checklist.checks)} checks</span></summary>\n"
            '  <div class="govuk-details__text">\n'
            '    <ul class="govuk-list govuk-list--bullet" id="plan-problems">\n'
            f"      {''.join(problems)}\n    </ul>\n  </div>\n</details>\n"
        )
    html = (
        '\n\n<h2 class="govuk-heading-m" id="checklist">Parts of the plan</h2>\n'
        f'<ul class="govuk-task-list" id="plan-tasks">\n  {"".join(items)}\n'
        f'  <li class="govuk-task-list__item{LINKED if sending else ""}">\n'
        '    <div class="govuk-task-list__name-and-hint">\n'
        f"      {signing}\n      {first if draft and not complete else ''}\n    </div>\n"
        f"    {status}\n  </li>\n</ul>\n{missing}\n"
    )
    return mark_safe(html)  # noqa: S308 - every part escaped
