"""A return's timeline and signed-off versions on its overview, written in Python.

As `returns/includes/timeline.html`, a template loop over every step, reminder and
conversation of the return, it was a seventh of the overview's CPU (1.06 of 7.0 ms on a
return of the national demo, issue 33). These write the same HTML; the include is kept in
the tests as the oracle. Every text that comes from a person or the database is escaped.
"""

from django.utils.safestring import SafeString, mark_safe

from governance.field_html import esc
from governance.glossary import labelled
from governance.templatetags.links import link
from governance.text_html import PARAGRAPH
from governance.text_html import by_whom as _by
from governance.text_html import lines as _lines
from governance.text_html import when as _when


def _event(event, ons_code: str) -> str:
    parts = [
        '\n  <li class="portal-timeline__item">\n'
        f'    <h3 class="govuk-heading-s govuk-!-margin-bottom-1">{esc(event.get_kind_display())}'
        "</h3>\n    "
    ]
    conversation = getattr(event, "conversation", None)
    if getattr(event, "audience", None):
        sent_to = event.sent_to
        people = "person" if sent_to == 1 else "people"
        parts.append(
            f"{PARAGRAPH}{_when(event.at)} by the portal, to "
            f"{esc(str(event.get_audience_display()).lower())} ({esc(sent_to)} {people})</p>"
            "\n    "  # the include's {% elif %} began on the next line, and so did its {% else %}
        )
    elif conversation:
        parts.append(
            f"{PARAGRAPH}{_when(event.at)} by {_by(event, 'a former user')}: "
            f'<a class="govuk-link" href="{esc(event.url)}">{esc(conversation.title)}</a> '
            f"({labelled(conversation.about_label)})</p>\n    "
        )
    else:
        parts.append(
            f"{PARAGRAPH}{_when(event.at)} by {_by(event, 'the portal')} · version "
            f"{esc(event.version)}</p>"
        )
    parts.append("\n    ")
    on_behalf_of = getattr(event, "on_behalf_of", "")
    if on_behalf_of:
        parts.append(f"{PARAGRAPH}On behalf of {esc(on_behalf_of)}</p>")
    parts.append("\n    ")
    reason = getattr(event, "reason", "")
    if reason:
        parts.append(f"{PARAGRAPH}Reason: {_lines(reason)}</p>")
    parts.append("\n    ")
    submission = getattr(event, "submission", None)
    if submission:
        href = esc(link("submission", ons_code, submission.pk))
        replacing = (
            f", replacing submission {submission.number - 1}" if submission.replaces_id else ""
        )
        parts.append(
            f'{PARAGRAPH}<a class="govuk-link" href="{href}">Submission {esc(submission.number)}'
            f"</a>{replacing}: {esc(submission.filename)}, kept exactly as it was sent.</p>"
        )
    parts.append("\n  </li>\n  ")
    return "".join(parts)


def _version(version, ons_code: str, period_code: str) -> str:
    number = version.number
    shown = link("return-version", ons_code, period_code, number)
    workbook = link("return-version-workbook", ons_code, period_code, number)
    submitted = " · submitted" if version.submission_id else ""
    return (
        f'\n  <li><a class="govuk-link" href="{esc(shown)}">Version {esc(number)}</a>, signed '
        f"off {_when(version.signed_off_at, 'j F Y')} on behalf of {esc(version.on_behalf_of)}"
        f'{submitted}\n    · <a class="govuk-link" href="{esc(workbook)}">workbook<span '
        f'class="govuk-visually-hidden"> of version {esc(number)}</span></a></li>\n  '
    )


def timeline(events, versions, area, period) -> SafeString:
    """The return's timeline (its steps, reminders and conversations, in time order), then its
    signed-off versions, as returns/includes/timeline.html wrote them."""
    ons_code, period_code = str(area.ons_code), str(period.code)
    if events:
        listed = "".join(_event(event, ons_code) for event in events)
        steps = f'\n<ol class="govuk-list portal-timeline">\n  {listed}\n</ol>\n'
    else:
        steps = (
            '\n<p class="govuk-body">Nothing yet: the return is a draft that has not been sent '
            "for sign-off.</p>\n"
        )
    signed = ""
    if versions:
        listed = "".join(_version(version, ons_code, period_code) for version in versions)
        signed = (
            '\n<h2 class="govuk-heading-m">Signed-off versions</h2>\n<ul class="govuk-list">\n'
            f"  {listed}\n</ul>\n"
        )
    return mark_safe(  # noqa: S308 - every part escaped
        f'<h2 class="govuk-heading-m" id="timeline">Timeline</h2>\n{steps}\n{signed}\n'
    )
