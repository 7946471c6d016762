"""The national figures page's table of every numeric question, written in Python.

About 80 rows, each a question's label and section with abbreviations marked, its figure
across the areas and how many areas answered it: as a template loop it was the largest part
of the page, the dearest of deadline day's (issue 33). The same HTML as the loop wrote
(`national/tests/test_figures_html.py` keeps the loop as the oracle); every text escaped.
"""

from django.utils.safestring import SafeString, mark_safe

from governance.field_html import esc
from governance.glossary import labelled

NUMERIC = '<td class="govuk-table__cell govuk-table__cell--numeric">'


def every_rows(every) -> SafeString:
    """A row for each (question, section, figure across areas, areas that answered)."""
    rows = []
    for question, section, total, answered in every:
        label = labelled(question.short_label or question.label)
        rows.append(
            '\n        <tr class="govuk-table__row">\n'
            f'          <th scope="row" class="govuk-table__header">{label}<br>'
            '<span class="govuk-hint govuk-!-font-size-16">'
            f"{labelled(section.title)}</span></th>\n"
            f"          {NUMERIC}{esc(total)}</td>\n"
            f"          {NUMERIC}{esc(answered)}</td>\n        </tr>\n        "
        )
    return mark_safe("".join(rows))  # noqa: S308 - every text escaped
