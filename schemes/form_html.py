"""The scheme form's fields and parts, written in Python (`{% scheme_form_fields %}` in
`templates/schemes/scheme_form.html`): its own fields, each part in its details with its
counts, rows, total and empty row, and the scheme record's fields. As template loops they
were about 200 lookups and conditions a form (`schemes/tests/scheme_form_oracle.html` keeps
them, and a test holds the form to them byte for byte)."""

from django.template.defaultfilters import pluralize

from governance.field_html import esc, field_group
from governance.money import format_pounds

from .part_html import empty_row, management_form, part_rows


def scheme_form_fields(context) -> str:
    form, parts = context["form"], context["parts"]
    narrative = set(context["narrative_names"])
    html = ["  "]
    for field in form:
        if not field.is_hidden and field.name not in narrative:
            html.append(f'\n  <div class="govuk-!-margin-bottom-4">{field_group(field)}</div>\n  ')
    html.append("\n\n  ")
    adding = context.get("adding")
    for name, formset in parts.items():
        html.append(_part(name, formset, adding == name, context))
    opened = " open" if context.get("narrative_errors") else ""
    html.append(
        "\n\n"
        '  <h2 class="govuk-heading-m govuk-!-margin-top-6" id="heading-record">The scheme '
        "record</h2>\n"
        f'  <details class="govuk-details" id="details-record"{opened}>\n'
        '    <summary class="govuk-details__summary"><span class="govuk-details__summary-text">'
        "Show the objective, overview, evidence, engagement and the rest</span></summary>\n"
        '    <div class="govuk-details__text">\n  '
    )
    for field in form.narrative():
        html.append(f'\n  <div class="govuk-!-margin-bottom-6">{field_group(field)}</div>\n  ')
    return "".join(html)


def _part(name: str, formset, adding: bool, context) -> str:
    name_, noun = esc(name), esc(formset.noun)
    count = formset.total_form_count()
    opened = " open" if formset.total_error_count() or adding else ""
    summary = f"Show the {count} {noun}{pluralize(count)}" if count else f"Add {noun}s"
    total = ""
    if name == "investment_lines":
        investment = context.get("investment")
        known = format_pounds((investment.total if investment else 0) or 0)
        unknown = investment.unknown_count if investment else 0
        unknown_tag = (
            f'; <strong class="govuk-tag govuk-tag--yellow">{unknown} not known</strong>'
            if unknown
            else ""
        )
        saved = " (as saved)" if context.get("scheme") else ""
        total = (
            '<p class="govuk-body" id="investment-total" data-total-for="investment_lines">'
            f'Total of known amounts: <strong class="portal-part__total">{esc(known)}</strong>'
            f'<span class="portal-part__unknown">{unknown_tag}</span>{saved}.</p>'
        )
    return (
        f'\n  <h2 class="govuk-heading-m govuk-!-margin-top-6" id="heading-{name_}">'
        f"{esc(formset.title)}</h2>\n"
        f'  <details class="govuk-details" id="details-{name_}"{opened}>\n'
        '    <summary class="govuk-details__summary"><span class="govuk-details__summary-text">'
        f"{summary}</span></summary>\n"
        '    <div class="govuk-details__text">\n'
        f'  <fieldset class="govuk-fieldset portal-part" id="part-{name_}" data-prefix="{name_}" '
        f'aria-labelledby="heading-{name_}">\n'
        f"    {management_form(formset)}\n"
        '    <div class="portal-part__rows">\n'
        f"    {part_rows(formset)}\n"
        "    </div>\n"
        f"    {total}\n"
        f'    <template class="portal-part__template">{empty_row(formset)}</template>\n'
        f'    <button type="submit" name="add_{name_}" value="1" class="govuk-button '
        'govuk-button--secondary portal-part__add" data-module="govuk-button" formnovalidate>'
        f"Add {'another' if count else 'a'} {noun}</button>\n"
        "  </fieldset>\n    </div>\n  </details>\n  "
    )
