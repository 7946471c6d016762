"""The scheme form's fields and parts written in Python (`schemes.form_html`) are what its
template's loops wrote (`scheme_form_oracle.html`, the template as it was), byte for byte:
a new scheme, a scheme as opened, posted back with errors, with a row being added, and
refused because the plan changed meanwhile."""

import re
from pathlib import Path

import pytest
from django.template import engines
from django.urls import reverse

from schemes.tests.test_scheme_pages import NORFOLK, _nch2_form

pytestmark = pytest.mark.django_db

ORACLE = (Path(__file__).parent / "scheme_form_oracle.html").read_text()
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
# What the view hands its template (schemes.views.scheme_edit).
GIVEN = ("plan", "scheme", "form", "parts", "conflict", "has_errors", "narrative_names",
         "error_summary", "adding", "narrative_errors", "investment")  # fmt: skip


def held_to_the_oracle(response, status: int) -> bytes:
    assert response.status_code == status
    context = {name: response.context[name] for name in GIVEN}
    oracle = engines["django"].from_string(ORACLE).render(context, response.wsgi_request)
    ours = TOKEN.sub(b"", response.content)
    assert ours == TOKEN.sub(b"", oracle.encode())
    return ours


def test_the_form_is_its_templates_text_in_every_state(signed_in):
    client = signed_in("officer.norfolk")
    page = held_to_the_oracle(client.get(reverse("scheme-new", args=[NORFOLK, 2016])), 200)
    assert b"Add investment lines" in page
    url, data = _nch2_form(client)
    page = held_to_the_oracle(client.get(url), 200)
    assert b"Total of known amounts" in page
    assert b"(as saved)" in page
    wrong = data | {"risks-TOTAL_FORMS": 1, "risks-0-risk": "Staff & <agency>",
                    "risks-0-likelihood": "7", "investment_lines-1-amount": "lots",
                    "objective": ""}  # fmt: skip
    page = held_to_the_oracle(client.post(url, wrong), 400)
    assert b"Staff &amp; &lt;agency&gt;" in page
    page = held_to_the_oracle(client.post(url, data | {"add_milestones": "1"}), 200)
    assert b'id="details-milestones" open' in page
    stale = data | {"revision": int(data["revision"]) - 1}
    held_to_the_oracle(client.post(url, stale), 409)
