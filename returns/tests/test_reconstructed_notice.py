"""A return overview's notice of its template's reconstructed questions is written once for
each definition (issue 33: a list of up to 226 questions, the same for every return), and
is what the include writes."""

import pytest
from django.template.loader import render_to_string

from returns.definitions import all_templates
from returns.templatetags.cells import reconstructed_notice

LATER = [d for d in all_templates() if d.reconstructed_by_section]


@pytest.mark.parametrize("definition", LATER, ids=lambda d: d.version)
def test_the_notice_is_the_includes_and_written_once(definition, settings):
    settings.DEBUG = False
    reconstructed = definition.reconstructed_by_section
    context = {"definition": definition, "reconstructed": reconstructed}
    written = reconstructed_notice(definition, reconstructed)
    assert written == render_to_string("returns/includes/reconstructed.html", context)
    assert reconstructed_notice(definition, reconstructed) is written
    assert written.count("<li>") == sum(len(rows) for _, rows in reconstructed) > 100
