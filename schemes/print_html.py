"""The printable plan's schemes, written in Python: a section per scheme with its investment
lines and milestones. As a template loop each scheme cost the printable plan 0.1 ms, and a
plan may have hundreds (issue 33's goal: 0.05 ms a scheme). The same HTML as the loop wrote
(`schemes/tests/test_print_html.py` holds the two equal); every text escaped here."""

from django.template.defaultfilters import pluralize
from django.utils.safestring import SafeString, mark_safe

from governance.field_html import esc
from governance.money import format_pounds
from governance.text import readable
from governance.text_html import shown

NO_SCHEMES = '\n<p class="govuk-body">This plan has no schemes yet.</p>\n'
TABLE = (
    '\n  <table class="govuk-table"><caption class="govuk-table__caption '
    'govuk-table__caption--s">{caption}</caption>\n    <tbody class="govuk-table__body">'
    "{rows}</tbody></table>\n  "
)
ROW = '<tr class="govuk-table__row"><td class="govuk-table__cell">'


def _text(heading: str, text: str) -> str:
    if not text:
        return ""
    return (
        f'<h4 class="govuk-heading-s">{heading}</h4><p class="govuk-body portal-preformatted">'
        f"{esc(readable(text))}</p>"
    )


def _scheme(scheme) -> str:
    reference = esc(scheme.reference)
    about = f"Lead partner: {esc(scheme.lead_partner.name)}"
    if scheme.theme:
        about += f" · Theme: {shown(scheme, 'theme')}"
    if scheme.status:
        about += f" · Status: {shown(scheme, 'status')}"
    unknown = scheme.unknown_amounts
    investment = f"<strong>{esc(format_pounds(scheme.investment_total, empty='£0'))}</strong>"
    if unknown:
        investment += f" plus {unknown} amount{pluralize(unknown)} not known"
    lines, milestones = scheme.print_lines, scheme.print_milestones
    lines_table = TABLE.format(
        caption="Investment requirements",
        rows="".join(
            f"{ROW}{esc(description)}</td><td class=\"govuk-table__cell "
            f'govuk-table__cell--numeric">{esc(format_pounds(amount, empty="Not known"))}'
            "</td></tr>"
            for description, amount in lines
        ),
    ) if lines else ""  # fmt: skip
    milestones_table = TABLE.format(
        caption="Key milestones",
        rows="".join(
            f'{ROW}{esc(description)}</td><td class="govuk-table__cell">{esc(timescale)}'
            "</td></tr>"
            for description, timescale in milestones
        ),
    ) if milestones else ""  # fmt: skip
    return (
        f'\n<section class="portal-print-scheme" id="scheme-{reference}">\n'
        f'  <h3 class="govuk-heading-m">{reference} – {esc(scheme.name)}</h3>\n'
        f'  <p class="govuk-body">{about}</p>\n'
        f'  <p class="govuk-body">Investment: {investment}</p>\n'
        f"  {lines_table}\n"
        f"  {milestones_table}\n"
        f"  {_text('Strategic objective', scheme.strategic_objective)}\n"
        f"  {_text('Overview of the scheme', scheme.overview)}\n"
        "</section>\n"
    )


def printed_schemes(schemes) -> SafeString:
    """Every scheme's section (`schemes_in_full`: their lines and milestones read with them)."""
    written = [_scheme(scheme) for scheme in schemes]
    return mark_safe("".join(written) if written else NO_SCHEMES)  # noqa: S308 - escaped above
