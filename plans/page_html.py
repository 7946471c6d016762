"""The plan page's content, written in Python (issue 33): its heading and state, what went
wrong with a step, its buttons and summary, its task list and parts, the sign-off table
with the form for each block the user signs, the steps the user may take, its schemes and
its timeline.

As a template (`plans/plan_detail.html`, with the sign-off form and the steps as includes)
its variables, tags and filters were most of the page's template time, after its parts
(`body_html.py`), list of schemes, task list and timeline (`part_html.py`) were written in
Python. This writes what it wrote, byte for byte (the oracle:
`plans/tests/plan_page_content.html`), every text escaped, each value through the filter the
template gave it.
"""

from django.template.defaultfilters import pluralize
from django.template.defaulttags import CsrfTokenNode
from django.utils.safestring import SafeString, mark_safe

from governance.field_html import esc
from governance.money import format_pounds
from governance.templatetags.links import addresses
from governance.text_html import day

from .body_html import plan_body
from .part_html import plan_tasks_html, plan_timeline, scheme_rows


class _Page:
    """The page's variables, read once, and the pieces each part of it writes."""

    def __init__(self, context):
        self.context = context
        plan = self.plan = context["plan"]
        self.code, self.year = plan.hwb_area.ons_code, plan.financial_year.start_year
        self.csrf = CsrfTokenNode().render(context)  # `{% csrf_token %}`, once for the page
        self.error = context.get("workflow_error")
        self.step = context.get("workflow_step")
        self.posted = context.get("posted") or {}
        self._link, _ = addresses()

    def link(self, name: str, *args) -> str:
        return esc(self._link(name, self.code, self.year, *args))

    def head(self) -> str:
        plan = self.plan
        tag = {"signed_off": "govuk-tag--green", "ready": "govuk-tag--blue"}.get(
            plan.status, "govuk-tag--grey"
        )
        problem = ""
        if self.error:
            target = (
                f"sign-{esc(self.posted.get('block', ''))}"
                if self.step == "sign"
                else f"step-{esc(self.step)}"
            )
            problem = (
                '\n<div class="govuk-error-summary" data-module="govuk-error-summary">'
                '<div role="alert">\n  <h2 class="govuk-error-summary__title">There is a problem'
                '</h2>\n  <div class="govuk-error-summary__body"><ul class="govuk-list '
                f'govuk-error-summary__list"><li><a href="#{target}">{esc(self.error)}</a></li>'
                "</ul></div>\n</div></div>\n"
            )
        return (
            f'\n<span class="govuk-caption-l">{esc(plan.hwb_area.name)}</span>\n'
            f'<h1 class="govuk-heading-l">BCF plan {esc(plan.financial_year)}\n'
            f'  <strong class="govuk-tag {tag}">{esc(plan.get_status_display())}</strong></h1>\n'
            f'<p class="govuk-body" id="state-notice">{esc(self.context["state_notice"])}</p>\n'
            f"{problem}\n"
        )

    def summary(self) -> str:
        plan, year = self.plan, self.plan.financial_year
        register = self.link("scheme-register")
        deadline = ""
        if year.plan_deadline:
            overdue = (
                ' <strong class="govuk-tag govuk-tag--red">Overdue</strong>'
                if self.context.get("deadline_passed")
                else ""
            )
            deadline = (
                '<div class="govuk-summary-list__row">\n'
                '    <dt class="govuk-summary-list__key">Deadline</dt>\n'
                '    <dd class="govuk-summary-list__value" id="plan-deadline">'
                f"{esc(day(year.plan_deadline, 'j F Y'))}{overdue}</dd>\n  </div>"
            )
        return (
            '<div class="govuk-button-group">\n'
            '  <a class="govuk-button govuk-button--secondary" '
            f'href="{self.link("plan-print")}">Printable plan</a>\n'
            f'  <form method="post" action="{self.link("plan-export-start")}">{self.csrf}\n'
            '    <button type="submit" class="govuk-button govuk-button--secondary" '
            'data-module="govuk-button">Export the plan workbook</button></form>\n'
            f'  <a class="govuk-link" href="{register}">Scheme register</a>\n'
            f'  <a class="govuk-link" href="{self.link("plan-conversations")}">Conversations'
            "</a>\n</div>\n\n"
            '<dl class="govuk-summary-list">\n'
            '  <div class="govuk-summary-list__row">\n'
            '    <dt class="govuk-summary-list__key">Pooled fund</dt>\n'
            '    <dd class="govuk-summary-list__value">'
            f"{esc(format_pounds(plan.pooled_fund_total, empty='Not agreed yet'))}</dd>\n"
            "  </div>\n"
            '  <div class="govuk-summary-list__row">\n'
            '    <dt class="govuk-summary-list__key">Financial year</dt>\n'
            f'    <dd class="govuk-summary-list__value">{esc(year)} (1 April '
            f"{esc(year.start_year)} to 31 March {esc(year.ends_on.year)})</dd>\n"
            "  </div>\n"
            f"  {deadline}\n"
            '  <div class="govuk-summary-list__row">\n'
            '    <dt class="govuk-summary-list__key">Schemes</dt>\n'
            '    <dd class="govuk-summary-list__value"><a class="govuk-link" '
            f'href="{register}">{len(self.context["schemes"])}</a></dd>\n'
            "  </div>\n</dl>\n\n"
        )

    def sign_form(self, block) -> str:
        """The form that signs one block (its include was `sign_form.html`)."""
        pk = esc(block.pk)
        on_behalf_of = esc(block.on_behalf_of)
        refused = self.step == "sign" and self.posted.get("block") == str(block.pk)
        error = (
            '<p class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> '
            f"{esc(self.error)}</p>"
            if refused
            else ""
        )
        today = esc(day(self.context.get("today"), "d/m/Y"))
        posted = self.posted
        signed_by = (
            esc(posted.get("signed_by", "")) if refused else esc(self.context["signer_name"])
        )
        position = esc(posted.get("position", "")) if refused else ""
        signed_on = esc(posted.get("signed_on", "")) if refused else today
        return (
            "\n\n"
            f'<form method="post" action="{self.link("plan-step", "sign")}" id="sign-{pk}" '
            'class="govuk-!-margin-top-4" novalidate data-warn-unsaved>\n'
            f"  {self.csrf}\n"
            f'  <input type="hidden" name="block" value="{pk}">\n'
            '  <fieldset class="govuk-fieldset">\n'
            '    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Sign on behalf '
            f"of {on_behalf_of}</legend>\n"
            f"    {error}\n"
            '    <div class="govuk-form-group"><label class="govuk-label" '
            f'for="signed-by-{pk}">By</label>\n'
            '      <input class="govuk-input govuk-!-width-two-thirds" '
            f'id="signed-by-{pk}" name="signed_by" type="text" autocomplete="name" '
            f'value="{signed_by}"></div>\n'
            '    <div class="govuk-form-group"><label class="govuk-label" '
            f'for="position-{pk}">Position</label>\n'
            '      <input class="govuk-input govuk-!-width-two-thirds" '
            f'id="position-{pk}" name="position" type="text" '
            f'autocomplete="organization-title" value="{position}"></div>\n'
            '    <div class="govuk-form-group"><label class="govuk-label" '
            f'for="signed-on-{pk}">Date</label>\n'
            f'      <div class="govuk-hint" id="signed-on-{pk}-hint">For example, {today}</div>\n'
            '      <input class="govuk-input govuk-input--width-10" '
            f'id="signed-on-{pk}" name="signed_on" type="text" '
            f'aria-describedby="signed-on-{pk}-hint" value="{signed_on}"></div>\n'
            "  </fieldset>\n"
            '  <button type="submit" class="govuk-button" data-module="govuk-button">Sign<span '
            f'class="govuk-visually-hidden"> on behalf of {on_behalf_of}</span></button>\n'
            "</form>\n\n"
        )

    def sign_off(self) -> str:
        blocks = self.context["sign_off_blocks"]
        if not blocks:
            return '\n<p class="govuk-body">This plan has no sign-off blocks.</p>\n'
        rows = []
        for block, can_sign in blocks:
            if block.is_signed:
                cells = (
                    f'\n      <td class="govuk-table__cell">{esc(block.signed_by)}</td>\n'
                    f'      <td class="govuk-table__cell">{esc(block.position)}</td>\n'
                    '      <td class="govuk-table__cell">'
                    f"{esc(day(block.signed_on, 'd/m/Y'))}</td>\n      "
                )
            else:
                cells = (
                    '\n      <td class="govuk-table__cell" colspan="3"><strong class="govuk-tag '
                    'govuk-tag--grey">Not signed</strong>\n        '
                    f"{self.sign_form(block) if can_sign else ''}</td>\n      "
                )
            rows.append(
                f'\n    <tr class="govuk-table__row" id="block-{esc(block.pk)}">\n'
                '      <th scope="row" class="govuk-table__header">'
                f"{esc(block.on_behalf_of)}</th>\n      {cells}\n    </tr>\n    "
            )
        caption = "Sign-off by each partner and the Health and Wellbeing Board"
        return (
            '\n<div class="portal-table-scroll" role="region" '
            f'aria-label="{caption}" tabindex="0">\n'
            '<table class="govuk-table">\n'
            '  <caption class="govuk-table__caption govuk-visually-hidden">'
            f"{caption}</caption>\n"
            '  <thead class="govuk-table__head">\n'
            '    <tr class="govuk-table__row">\n'
            '      <th scope="col" class="govuk-table__header">Signed on behalf of</th>\n'
            '      <th scope="col" class="govuk-table__header">By</th>\n'
            '      <th scope="col" class="govuk-table__header">Position</th>\n'
            '      <th scope="col" class="govuk-table__header">Date</th>\n'
            "    </tr>\n  </thead>\n"
            f'  <tbody class="govuk-table__body">\n    {"".join(rows)}\n  </tbody>\n'
            "</table>\n</div>\n"
        )

    def reason_form(self, step: str, label: str, hint: str, button: str, kind: str) -> str:
        """A step that needs a reason (`includes/reason_form.html`)."""
        refused = self.step == step
        error_class = " govuk-form-group--error" if refused else ""
        error = (
            f'<p class="govuk-error-message" id="{step}-reason-error"><span '
            f'class="govuk-visually-hidden">Error:</span> {esc(self.error)}</p>'
            if refused
            else ""
        )
        described = f"{step}-reason-hint" + (f" {step}-reason-error" if refused else "")
        text = esc(self.posted.get("reason", "")) if refused else ""
        return (
            f'\n<form method="post" action="{self.link("plan-step", step)}" id="step-{step}" '
            "novalidate data-warn-unsaved>\n"
            f"  {self.csrf}\n"
            f'  <div class="govuk-form-group{error_class}">\n'
            f'    <label class="govuk-label govuk-label--s" for="{step}-reason">{esc(label)}'
            "</label>\n"
            f'    <div class="govuk-hint" id="{step}-reason-hint">{esc(hint)}</div>\n'
            f"    {error}\n"
            '    <textarea class="govuk-textarea'
            f'{" govuk-textarea--error" if refused else ""}" id="{step}-reason" name="reason" '
            f'rows="3" aria-describedby="{described}">{text}</textarea>\n'
            "  </div>\n"
            f'  <button type="submit" class="govuk-button {kind}" data-module="govuk-button">'
            f"{esc(button)}</button>\n</form>\n\n"
        )

    def steps(self) -> str:
        """The steps the user may take (their include was `plan_steps.html`)."""
        context, parts = self.context, ["\n\n"]
        if context.get("can_ready"):
            checklist = context["checklist"]
            if checklist.complete:
                button = (
                    '\n  <button type="submit" class="govuk-button" data-module="govuk-button">'
                    "Mark ready for signing</button>\n  "
                )
            else:
                failing = len(checklist.failing)
                button = (
                    '\n  <p class="govuk-hint" id="plan-ready-why-not">You cannot mark it ready '
                    f"yet: {failing} check{pluralize(failing)} still fail{pluralize(failing, 's,')}"
                    '. <a class="govuk-link" href="#checklist">See the parts of the plan</a>.</p>\n'
                    '  <button type="submit" class="govuk-button govuk-button--secondary" '
                    'data-module="govuk-button" disabled aria-disabled="true" '
                    'aria-describedby="plan-ready-why-not">Mark ready for signing</button>\n  '
                )
            parts.append(
                f'\n<form method="post" action="{self.link("plan-step", "ready")}" '
                'id="step-ready" novalidate>\n'
                f"  {self.csrf}\n"
                '  <p class="govuk-body">When the plan is complete, mark it ready: each partner '
                "and the Board then sign their blocks. It cannot be changed while it is being "
                f"signed.</p>\n  {button}\n</form>\n"
            )
        parts.append("\n")
        if context.get("can_send_back"):
            parts.append(
                "\n\n"
                + self.reason_form(
                    "send-back",
                    "Send it back to draft, saying why",
                    "Signatures given so far are cleared; the timeline keeps them.",
                    "Send back",
                    "govuk-button--secondary",
                )
            )
        parts.append("\n")
        if context.get("can_submit_draft"):
            parts.append(
                f'\n<form method="post" action="{self.link("plan-step", "submit-draft")}" '
                'id="step-submit-draft" novalidate>\n'
                f"  {self.csrf}\n"
                '  <h3 class="govuk-heading-s">Send NHS England a draft</h3>\n'
                '  <p class="govuk-body">NHS England\'s reviewers give feedback on drafts before '
                "the final plan. The portal keeps the draft as it is now; the plan stays a draft "
                "you can change.</p>\n"
                '  <button type="submit" class="govuk-button govuk-button--secondary" '
                'data-module="govuk-button">Send a draft to NHS England</button>\n</form>\n'
            )
        parts.append("\n")
        if context.get("can_submit"):
            parts.append(
                f'\n<form method="post" action="{self.link("plan-step", "submit")}" '
                'id="step-submit" novalidate>\n'
                f"  {self.csrf}\n"
                '  <p class="govuk-body">Submit the signed-off plan to NHS England, for the '
                "Board: their reviewers receive it in the portal at once, and the portal keeps "
                "what you send.</p>\n"
                '  <button type="submit" class="govuk-button" data-module="govuk-button">Submit '
                "to NHS England</button>\n</form>\n"
            )
        parts.append("\n")
        if context.get("can_reopen"):
            parts.append(
                "\n\n"
                + self.reason_form(
                    "reopen",
                    "Reopen, saying why",
                    "A new version starts as a draft, and every block is signed again.",
                    "Reopen",
                    "govuk-button--warning",
                )
            )
        parts.append("\n\n\n")
        return "".join(parts)

    def schemes(self) -> str:
        schemes = self.context["schemes"]
        if not schemes:
            return '\n<p class="govuk-body">This plan has no schemes yet.</p>\n'
        count = len(schemes)
        plural = pluralize(count)
        return (
            f'\n<p class="govuk-body">{count} scheme{plural}. <a class="govuk-link" '
            f'href="{self.link("scheme-register")}">Open the scheme register</a> to filter, '
            "total and download them.</p>\n"
            '<details class="govuk-details" id="schemes-list">\n'
            '  <summary class="govuk-details__summary"><span class="govuk-details__summary-text">'
            f"List the {count} scheme{plural}</span></summary>\n"
            '  <div class="govuk-details__text">\n'
            '<div class="portal-table-scroll" role="region" aria-label="The schemes of this plan" '
            'tabindex="0">\n<table class="govuk-table">\n'
            '  <caption class="govuk-table__caption govuk-visually-hidden">The schemes of this '
            "plan</caption>\n"
            '  <thead class="govuk-table__head">\n'
            '    <tr class="govuk-table__row">\n'
            '      <th scope="col" class="govuk-table__header">Reference</th>\n'
            '      <th scope="col" class="govuk-table__header govuk-!-width-one-half">Scheme</th>\n'
            '      <th scope="col" class="govuk-table__header">Lead partner</th>\n'
            '      <th scope="col" class="govuk-table__header govuk-table__header--numeric">'
            "Investment</th>\n    </tr>\n  </thead>\n"
            '  <tbody class="govuk-table__body">\n'
            f"    {scheme_rows(self.plan, schemes)}\n"
            "  </tbody>\n</table>\n</div>\n  </div>\n</details>\n"
        )


def plan_page(context) -> SafeString:
    """The plan page's content from its variables (`plans.views.plan_context`)."""
    page = _Page(context)
    tasks = plan_tasks_html(
        plan=page.plan, tasks=context["tasks"], checklist=context["checklist"],
        can_edit=bool(context.get("can_edit")), can_ready=bool(context.get("can_ready")),
    )  # fmt: skip
    html = "".join(
        (
            page.head(),
            page.summary(),
            f"{tasks}\n\n\n{plan_body(context)}\n",
            '<h2 class="govuk-heading-m" id="sign-off">Authorisation and sign-off</h2>\n',
            page.sign_off(),
            page.steps(),
            '<h2 class="govuk-heading-m" id="schemes">Schemes</h2>\n',
            page.schemes(),
            f"\n{plan_timeline(context['events'], page.plan)}\n\n",
        )
    )
    return mark_safe(html)  # noqa: S308 - every value escaped
