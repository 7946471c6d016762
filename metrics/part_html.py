"""The metric targets page's metrics, written in Python (issue 33): what the loop of
`plans/parts/metrics.html` wrote (`metrics/tests/metrics_loop.html` keeps it as the oracle),
in the manner of `returns/cell_html.py`: every text escaped."""

from django.utils.safestring import SafeString, mark_safe

from governance.field_html import esc, field_group


def metric_rows(rows, year) -> SafeString:
    """`rows`: the form's (definition, description, quarters) with bound fields; `year`: the
    plan's financial year."""
    year = esc(str(year))
    parts = []
    for definition, description, quarters in rows:
        name = esc(definition.name)
        hint = (
            f'<div class="govuk-hint">{esc(definition.description)}</div>'
            if definition.description
            else ""
        )
        unit = esc(str(definition.get_unit_display()).lower())
        heads = "".join(
            f'<th scope="col" class="govuk-table__header">Q{number}</th>'
            for number in range(1, len(quarters) + 1)
        )
        boxes = "".join(
            f'<td class="govuk-table__cell">{field_group(field, hide_label=True)}</td>'
            for field in quarters
        )
        parts.append(
            f'\n<fieldset class="govuk-fieldset govuk-!-margin-bottom-8" '
            f'id="{esc(definition.key)}">\n'
            f'  <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{name}</legend>\n'
            f"  {hint}\n  {field_group(description)}\n"
            f'  <div class="portal-table-scroll" role="region" aria-label="{name}: plan per '
            f'quarter of {year}" tabindex="0">\n'
            '<table class="govuk-table govuk-!-margin-top-4">\n'
            '    <caption class="govuk-table__caption govuk-table__caption--s">Plan per quarter '
            f"of {year} ({unit})</caption>\n"
            '    <thead class="govuk-table__head"><tr class="govuk-table__row">\n'
            f"      {heads}\n    </tr></thead>\n"
            '    <tbody class="govuk-table__body"><tr class="govuk-table__row">\n'
            f"      {boxes}\n    </tr></tbody>\n  </table>\n</div>\n</fieldset>\n"
        )
    return mark_safe("".join(parts))  # noqa: S308 - every part escaped
