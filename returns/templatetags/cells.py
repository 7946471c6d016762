"""{% load cells %}: a section page's cells, written by returns.cell_html, and the links to
a return's sections."""

from functools import lru_cache

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse

from returns import cell_html, home_html, timeline_html

register = template.Library()


@register.filter
def table_cells(cells, columns=()):
    """{{ cells|table_cells:block.columns }}: a table row's <td>s, each named by its column."""
    return cell_html.table_cells(cells, columns)


@register.simple_tag
def section_blocks(page, area_name):
    """{% section_blocks page area.name %}: a section page's tables, texts and questions."""
    return cell_html.section_blocks(page.blocks, area_name)


@register.simple_tag
def timeline(events, versions, area, period):
    """{% timeline events versions area period %}: the return's timeline, then its versions."""
    return timeline_html.timeline(events, versions, area, period)


@register.simple_tag
def shown_section(shown):
    """{% shown_section shown %}: one section's answers to read, tables as grids."""
    return cell_html.shown_section(shown)


@register.simple_tag
def checklist_sections(checklist, area, period):
    """{% checklist_sections checklist area period %}: the checklist page's table of each
    section's checks."""
    return cell_html.checklist_sections(checklist.sections, url_of=_urls_of(area, period))


@register.filter
def checklist_rows(result, url):
    """{{ result|checklist_rows:url }}: the checklist's rows of a section's checks."""
    return cell_html.checklist_rows(result, url)


@register.filter
def at(items, index):
    """{{ block.columns|at:forloop.counter0 }}: the item at `index`, or nothing."""
    return items[index] if 0 <= index < len(items) else ""


@register.filter
def question(cell, area_name):
    """{{ cell|question:area.name }}: a question on its own, in its form group."""
    return cell_html.question(cell, area_name=area_name)


@register.filter
def section_tag(result):
    """{{ result|section_tag }}: a section's status in the GOV.UK task list's words."""
    return cell_html.section_tag(result)


@register.simple_tag
def section_nav(checklist, section, area, period):
    """{% section_nav checklist section area period %}: the return's sections beside a
    section page, this one marked, each with its status, then the checklist."""
    return cell_html.section_nav(
        checklist.sections,
        current=section.slug if section else None,
        url_of=_urls_of(area, period),
        checklist_url=reverse("return-checklist", args=[area.ons_code, period.code]),
    )


@register.simple_tag
def task_list(checklist, area, period):
    """{% task_list checklist area period %}: a return's sections as GOV.UK's task list."""
    return cell_html.task_list(checklist.sections, url_of=_urls_of(area, period))


@register.filter
def task_hint(result):
    """{{ result|task_hint }}: what is left of a section, in words."""
    return cell_html.task_hint(result)


@register.simple_tag
def section_url(ons_code, period_code, slug):
    """{% section_url area.ons_code period.code slug %}: `{% url 'return-section' … %}`, worked
    out once per area, period and section (the checklist links each of its ~150 checks)."""
    return _section_url(get_script_prefix(), str(ons_code), str(period_code), str(slug))


def _urls_of(area, period):
    """The address of each section of the area's return for the period, by its slug."""
    prefix, ons_code, period_code = get_script_prefix(), str(area.ons_code), str(period.code)
    return lambda slug: _section_url(prefix, ons_code, period_code, str(slug))


@lru_cache(maxsize=8192)  # 152 areas × 4 quarters × 9 sections fit, with room
def _section_url(prefix: str, ons_code: str, period_code: str, slug: str) -> str:
    return reverse("return-section", args=[ons_code, period_code, slug])


# The notice of a definition's reconstructed questions, as written once for it: the same for
# every return of the template, and a list of up to 226 questions (a template loop each time
# was a third of a later template's overview). Not kept with DEBUG on, where templates change.
_NOTICES: dict[str, tuple] = {}


@register.simple_tag
def reconstructed_notice(definition, reconstructed):
    """{% reconstructed_notice definition reconstructed %}: returns/includes/reconstructed.html
    for the definition, written once."""
    kept = _NOTICES.get(definition.version)
    if kept is not None and kept[0] is definition:
        return kept[1]
    notice = render_to_string(
        "returns/includes/reconstructed.html",
        {"definition": definition, "reconstructed": reconstructed},
    )
    if not settings.DEBUG:
        _NOTICES[definition.version] = (definition, notice)
    return notice


@register.filter
def period_rows(states):
    """{{ data|period_rows }}: the home page's row for each period, across an analyst's areas."""
    return home_html.period_rows(states)
