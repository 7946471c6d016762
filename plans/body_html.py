"""The plan's parts as the plan page and the printable plan show them, written in Python
(issue 33): its funding contributions and the fund's quarters, planned expenditure, national
conditions, metric targets and narrative, each under its heading, behind a GOV.UK details
on the page and in full on the printable plan.

As a template (`plans/includes/plan_body.html`, with `difference.html`) it was two fifths
of the plan page's template. This writes what it wrote, byte for byte (the oracle:
`plans/tests/plan_body_include.html`), in the manner of `returns/cell_html.py`: every text
escaped, each value through the filter the template gave it.
"""

from functools import partial

from django.template.defaultfilters import default_if_none, floatformat
from django.utils.safestring import SafeString, mark_safe

from governance.field_html import esc
from governance.money import format_pounds
from governance.templatetags.links import addresses
from governance.templatetags.words import readable_filter
from governance.text_html import day


def _start(plan, slug: str, heading: str, in_full: bool, edit) -> str:
    """A part's heading, the details it opens on the page (not in print), and its Change
    link for one who may change it (`edit(slug)`, the address of its edit page; None for
    one who may not): its slug names all three."""
    what = heading.lower()
    opened = change = ""
    if not in_full:
        opened = (
            f'<details class="govuk-details" id="{slug}-details"><summary '
            f'class="govuk-details__summary"><span class="govuk-details__summary-text">Show the '
            f'{what}</span></summary><div class="govuk-details__text">'
        )
    if edit is not None:
        href = esc(edit(slug))
        change = (
            f'<p class="govuk-body"><a class="govuk-link" href="{href}">Change<span '
            f'class="govuk-visually-hidden"> {what}</span></a></p>'
        )
    return f'<h2 class="govuk-heading-m" id="{slug}">{heading}</h2>\n{opened}\n{change}\n'


def _closed(in_full: bool) -> str:
    return "" if in_full else "</div></details>"


def _difference(what: str, difference, total, pooled) -> str:
    """How a total compares with the pooled fund, as `plans/includes/difference.html` said."""
    if difference is None:
        return "\n\n"
    if difference == 0:
        return (
            f'\n\n  \n    <p class="govuk-body">{esc(what)} add up to the pooled fund.</p>\n  \n\n'
        )
    if difference > 0:
        by = f"{esc(format_pounds(difference))} more"
    else:
        by = f"{esc(format_pounds(abs(difference)))} less"
    return (
        '\n\n  \n    <div class="govuk-warning-text">\n'
        '      <span class="govuk-warning-text__icon" aria-hidden="true">!</span>\n'
        '      <strong class="govuk-warning-text__text">\n'
        '        <span class="govuk-visually-hidden">Warning</span>\n'
        f"        {esc(what)} add up to {esc(format_pounds(total))}: {by} than the pooled fund "
        f"of {esc(format_pounds(pooled))}.\n"
        "      </strong>\n    </div>\n  \n\n"
    )


def _funding(plan, contributions, fund_quarters, year: str, in_full, edit) -> str:
    parts = [_start(plan, "funding", "Funding contributions", in_full, edit)]
    if contributions.rows:
        rows = "".join(
            '\n    <tr class="govuk-table__row">\n'
            f'      <th scope="row" class="govuk-table__header">{esc(row.partner.name)}</th>\n'
            '      <td class="govuk-table__cell govuk-table__cell--numeric">'
            f"{esc(format_pounds(row.amount))}</td>\n"
            '      <td class="govuk-table__cell govuk-table__cell--numeric">'
            f"{esc(format_pounds(row.amount_last_year, empty='Not known'))}</td>\n"
            '      <td class="govuk-table__cell govuk-table__cell--numeric">'
            f"{esc(format_pounds(row.change, empty='–'))}</td>\n"
            "    </tr>\n    "
            for row in contributions.rows
        )
        parts.append(
            "\n"
            '<div class="portal-table-scroll" role="region" aria-label="Gross contribution of '
            'each partner to the pooled fund" tabindex="0">\n<table class="govuk-table">\n'
            '  <caption class="govuk-table__caption govuk-visually-hidden">Gross contribution '
            "of each partner to the pooled fund</caption>\n"
            '  <thead class="govuk-table__head">\n    <tr class="govuk-table__row">\n'
            '      <th scope="col" class="govuk-table__header">Partner</th>\n'
            '      <th scope="col" class="govuk-table__header govuk-table__header--numeric">'
            f"{year}</th>\n"
            '      <th scope="col" class="govuk-table__header govuk-table__header--numeric">'
            f"{esc(plan.financial_year.previous_label)}</th>\n"
            '      <th scope="col" class="govuk-table__header govuk-table__header--numeric">'
            "Change</th>\n    </tr>\n  </thead>\n"
            f'  <tbody class="govuk-table__body">\n    {rows}\n'
            '    <tr class="govuk-table__row portal-table-total">\n'
            '      <th scope="row" class="govuk-table__header">Total</th>\n'
            '      <td class="govuk-table__cell govuk-table__cell--numeric" '
            f'id="contributions-total">{esc(format_pounds(contributions.total))}</td>\n'
            '      <td class="govuk-table__cell govuk-table__cell--numeric">'
            f"{esc(format_pounds(contributions.total_last_year, empty='Not known'))}</td>\n"
            '      <td class="govuk-table__cell govuk-table__cell--numeric">'
            f"{esc(format_pounds(contributions.change, empty='–'))}</td>\n"
            "    </tr>\n  </tbody>\n</table>\n</div>\n"
        )
        parts.append(
            _difference(
                "Contributions",
                contributions.difference_from_pooled_fund,
                contributions.total,
                plan.pooled_fund_total,
            )
            + "\n"
        )
    else:
        parts.append(
            '\n<p class="govuk-body">No contributions have been entered for this plan yet.</p>\n'
        )
    parts.append("\n\n")
    if fund_quarters:
        quarters = "".join(
            '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">'
            f"Q{esc(q.quarter)}</th>\n"
            '    <td class="govuk-table__cell govuk-table__cell--numeric">'
            f"{esc(format_pounds(q.income, empty='–'))}</td>\n"
            '    <td class="govuk-table__cell govuk-table__cell--numeric">'
            f"{esc(format_pounds(q.expenditure, empty='–'))}</td></tr>"
            for q in fund_quarters
        )
        parts.append(
            "\n"
            '<div class="portal-table-scroll" role="region" aria-label="Quarterly plan of '
            'income into and expenditure from the fund" tabindex="0">\n'
            '<table class="govuk-table">\n'
            '  <caption class="govuk-table__caption govuk-table__caption--s">Quarterly plan of '
            "income into and expenditure from the fund</caption>\n"
            '  <thead class="govuk-table__head"><tr class="govuk-table__row">\n'
            '    <th scope="col" class="govuk-table__header">Quarter</th>\n'
            '    <th scope="col" class="govuk-table__header govuk-table__header--numeric">'
            "Planned income</th>\n"
            '    <th scope="col" class="govuk-table__header govuk-table__header--numeric">'
            "Planned expenditure</th>\n"
            "  </tr></thead>\n"
            f'  <tbody class="govuk-table__body">\n  {quarters}\n  </tbody>\n</table>\n</div>\n'
        )
    parts.append("\n\n")
    parts.append(_closed(in_full))
    return "".join(parts)


def _expenditure(plan, expenditure, year: str, in_full, edit) -> str:
    parts = ["\n", _start(plan, "expenditure", "Planned expenditure", in_full, edit)]
    if expenditure.is_empty:
        parts.append(
            f'\n<p class="govuk-body">No planned expenditure has been entered for {year} yet.</p>\n'
        )
    else:
        rows = "".join(
            '\n    <tr class="govuk-table__row">\n'
            f'      <th scope="row" class="govuk-table__header">{esc(row.label)}</th>\n'
            '      <td class="govuk-table__cell govuk-table__cell--numeric">'
            f"{esc(format_pounds(row.amount, empty='–'))}</td>\n"
            "    </tr>\n    "
            for row in expenditure.rows
        )
        parts.append(
            "\n"
            '<div class="portal-table-scroll" role="region" aria-label="Planned expenditure by '
            'area of spend" tabindex="0">\n<table class="govuk-table">\n'
            '  <caption class="govuk-table__caption govuk-visually-hidden">Planned expenditure '
            "by area of spend</caption>\n"
            '  <thead class="govuk-table__head">\n    <tr class="govuk-table__row">\n'
            '      <th scope="col" class="govuk-table__header">Area of spend</th>\n'
            '      <th scope="col" class="govuk-table__header govuk-table__header--numeric">'
            f"{year}</th>\n    </tr>\n  </thead>\n"
            f'  <tbody class="govuk-table__body">\n    {rows}\n'
            '    <tr class="govuk-table__row portal-table-total">\n'
            '      <th scope="row" class="govuk-table__header">Total</th>\n'
            '      <td class="govuk-table__cell govuk-table__cell--numeric">'
            f"{esc(format_pounds(expenditure.total))}</td>\n"
            "    </tr>\n  </tbody>\n</table>\n</div>\n"
        )
        parts.append(
            _difference(
                "Planned expenditure items",
                expenditure.difference_from_pooled_fund,
                expenditure.total,
                plan.pooled_fund_total,
            )
            + "\n"
        )
        if plan.expenditure_comment:
            parts.append(
                '<p class="govuk-body portal-preformatted">'
                f"{esc(readable_filter(plan.expenditure_comment))}</p>"
            )
        parts.append("\n")
    parts.append("\n\n")
    parts.append(_closed(in_full))
    return "".join(parts)


def _status(status) -> str:
    if status == "Yes":
        return '<strong class="govuk-tag govuk-tag--green">Yes</strong>\n        '
    if status:
        return f'<strong class="govuk-tag govuk-tag--orange">{esc(status)}</strong>\n        '
    return '<strong class="govuk-tag govuk-tag--grey">Not answered</strong>'


def _conditions(plan, conditions, year: str, in_full, edit) -> str:
    parts = ["\n", _start(plan, "conditions", "National conditions", in_full, edit)]
    if conditions:
        rows = []
        for entry in conditions:
            condition, statement = entry["condition"], entry["statement"]
            # A condition the plan has not answered: no statement (the template's blanks).
            status = statement.status if statement else ""
            narrative = statement.narrative if statement else ""
            target_date = statement.target_date if statement else None
            part = f" ({esc(condition.part)})" if condition.part else ""
            if not narrative:
                how = "Not given yet"
            elif in_full:
                how = f'<div class="portal-preformatted">{esc(readable_filter(narrative))}</div>'
            else:
                how = (
                    '<details class="govuk-details govuk-!-margin-bottom-0">\n'
                    '        <summary class="govuk-details__summary"><span '
                    f'class="govuk-details__summary-text">How condition {esc(condition.number)}'
                    f"{esc(condition.part)} is met</span></summary>\n"
                    '        <div class="govuk-details__text portal-preformatted">'
                    f"{esc(readable_filter(narrative))}</div></details>"
                )
            when = day(target_date, "d/m/Y") or "–"
            rows.append(
                '\n    <tr class="govuk-table__row">\n'
                f'      <th scope="row" class="govuk-table__header">{esc(condition.number)}{part}. '
                f"{esc(condition.title)}</th>\n"
                '      <td class="govuk-table__cell">\n'
                f"        {_status(status)}\n      </td>\n"
                f'      <td class="govuk-table__cell">{how}</td>\n'
                f'      <td class="govuk-table__cell">{esc(when)}</td>\n    </tr>\n    '
            )
        parts.append(
            "\n"
            '<div class="portal-table-scroll" role="region" aria-label="How the plan meets each '
            f'national condition of {year}" tabindex="0">\n<table class="govuk-table">\n'
            '  <caption class="govuk-table__caption govuk-visually-hidden">How the plan meets '
            f"each national condition of {year}</caption>\n"
            '  <thead class="govuk-table__head">\n    <tr class="govuk-table__row">\n'
            '      <th scope="col" class="govuk-table__header govuk-!-width-one-quarter">'
            "Condition</th>\n"
            '      <th scope="col" class="govuk-table__header">Status</th>\n'
            '      <th scope="col" class="govuk-table__header govuk-!-width-one-half">How it is '
            "met</th>\n"
            '      <th scope="col" class="govuk-table__header">Target date</th>\n'
            "    </tr>\n  </thead>\n"
            f'  <tbody class="govuk-table__body">\n    {"".join(rows)}\n  </tbody>\n</table>\n'
            "</div>\n"
        )
    else:
        parts.append(
            '\n<p class="govuk-body">There is no catalogue of national conditions for '
            f"{year}.</p>\n"
        )
    parts.append("\n\n")
    parts.append(_closed(in_full))
    return "".join(parts)


QUARTER_HEADS = "".join(
    f'<th scope="col" class="govuk-table__header govuk-table__header--numeric">Plan Q{q}</th>'
    for q in "1234"
)


def _metrics(plan, metrics, in_full, edit) -> str:
    parts = ["\n", _start(plan, "metrics", "Metric targets", in_full, edit)]
    if metrics:
        rows = "".join(
            '<tr class="govuk-table__row">\n'
            f'    <th scope="row" class="govuk-table__header">{esc(metric.name)}</th>\n'
            '    <td class="govuk-table__cell portal-preformatted">'
            f"{esc(readable_filter(metric.description) or '–')}</td>\n    "
            + "".join(
                '<td class="govuk-table__cell govuk-table__cell--numeric">'
                f"{esc(floatformat(default_if_none(value, '–'), '-2g'))}</td>"
                for value in metric.plan
            )
            + "\n  </tr>"
            for metric in metrics
        )
        parts.append(
            "\n"
            '<div class="portal-table-scroll" role="region" aria-label="The plan\'s target '
            'and plan per quarter of each metric" tabindex="0">\n<table class="govuk-table">\n'
            '  <caption class="govuk-table__caption govuk-visually-hidden">The plan\'s target '
            "and plan per quarter of each metric</caption>\n"
            '  <thead class="govuk-table__head"><tr class="govuk-table__row">\n'
            '    <th scope="col" class="govuk-table__header govuk-!-width-one-quarter">Metric'
            "</th>\n"
            '    <th scope="col" class="govuk-table__header">Target</th>\n'
            f"    {QUARTER_HEADS}\n  </tr></thead>\n"
            f'  <tbody class="govuk-table__body">\n  {rows}\n  </tbody>\n</table>\n</div>\n'
        )
    else:
        parts.append('\n<p class="govuk-body">No metric targets are given in this plan yet.</p>\n')
    parts.append("\n\n")
    parts.append(_closed(in_full))
    return "".join(parts)


def _narrative(plan, narrative, in_full, edit) -> str:
    rows = "".join(
        '<div class="govuk-summary-list__row">\n'
        f'    <dt class="govuk-summary-list__key">{esc(label)}</dt>\n'
        '    <dd class="govuk-summary-list__value portal-preformatted">'
        f"{esc(readable_filter(text) or 'Not given yet')}</dd>\n  </div>"
        for label, text in narrative
    )
    return (
        f"\n{_start(plan, 'narrative', 'Narrative plan', in_full, edit)}\n"
        f'<dl class="govuk-summary-list">\n  {rows}\n</dl>\n\n'
        f"{_closed(in_full)}\n"
    )


def plan_body(context) -> SafeString:
    """The plan's parts from the plan page's variables (`plans.views.plan_context`)."""
    plan, in_full = context["plan"], bool(context.get("in_full"))
    link, _ = addresses()  # each part's Change link, to its edit page
    ons, start = plan.hwb_area.ons_code, plan.financial_year.start_year
    edit = partial(link, "plan-edit", ons, start) if context.get("can_edit") else None
    year = esc(plan.financial_year)
    html = "".join(
        (
            "\n",
            _funding(plan, context["contributions"], context["fund_quarters"], year, in_full, edit),
            _expenditure(plan, context["expenditure"], year, in_full, edit),
            _conditions(plan, context["conditions"], year, in_full, edit),
            _metrics(plan, context["metrics"], in_full, edit),
            _narrative(plan, context["narrative"], in_full, edit),
        )
    )
    return mark_safe(html)  # noqa: S308 - every value escaped
