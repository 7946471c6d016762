"""What a signer reads before signing (the checklist, the workbook, the answers as grids, send
back on the same page), and the confirmation page each step ends on."""

import io

import openpyxl
import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from conftest import demo_user
from returns import workflow
from returns.definitions import template
from returns.definitions.structure import Table
from returns.models import EventKind

NORFOLK, PERIOD = "E10000020", "fy1516_q3"
BODY = "BCF sub-group of the Norfolk Health and Wellbeing Board"


def step(client, name, **data):
    return client.post(reverse("return-step", args=[NORFOLK, PERIOD, name]), data)


@pytest.fixture
def ready(norfolk):
    workflow.return_mark_ready(quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    return norfolk


def review(client):
    return client.get(reverse("return-review", args=[NORFOLK, PERIOD]))


def test_the_review_gives_the_checklist_result_and_the_workbook(signed_in, ready):
    signer = signed_in("signoff.norfolk")
    page = review(signer)
    assertContains(page, "All 142 checklist questions pass.")
    url = reverse("return-review-workbook", args=[NORFOLK, PERIOD])
    assertContains(page, f'href="{url}"')
    workbook = signer.get(url)
    assert workbook["Content-Disposition"].endswith('BCF-Q3-2015-16-Norfolk-DRAFT.xlsx"')
    book = openpyxl.load_workbook(io.BytesIO(b"".join(workbook.streaming_content)))
    assert "1. Cover" in book.sheetnames


def test_the_review_workbook_is_for_members_of_the_area_only(signed_in, ready):
    url = reverse("return-review-workbook", args=[NORFOLK, PERIOD])
    assert signed_in("signoff.other").get(url).status_code == 404


def test_grids_are_grids_on_the_review(signed_in, ready):
    page = review(signed_in("signoff.norfolk")).content.decode()
    tables = [b for s in template("bcf-q3-2015-16").sections for b in s.blocks
              if isinstance(b, Table)]  # fmt: skip
    assert (
        page.count('class="govuk-table portal-shown-table portal-stack--narrow"')
        == len(tables)
        == 8
    )
    # Section 8's question heads one grid, not one row per setting.
    definition_label = "consistent identifier on all relevant correspondence"
    assert page.count(definition_label) <= 1
    # Section 4: one grid of quarters; questions that do not apply are not listed as rows.
    assert page.count("Not answered") < 20


def test_send_back_is_on_the_review_page_and_a_refusal_stays_there(signed_in, ready):
    signer = signed_in("signoff.norfolk")
    page = review(signer)
    assertContains(page, 'id="step-send-back"')
    refused = step(signer, "send-back", reason="")
    assertContains(refused, "<title>Error: Review and sign off", status_code=400, html=False)
    assertContains(refused, 'href="#send-back-reason"', status_code=400)
    assertContains(refused, "Give the reason it is sent back", status_code=400)


@pytest.mark.parametrize(
    ("steps", "title", "told"),
    [
        ((("officer.norfolk", "ready", {}),), "Sent for sign-off",
         ["signoff.gyw", "signoff.norfolk"]),
        ((("officer.norfolk", "ready", {}), ("signoff.norfolk", "send-back", {"reason": "NC3"})),
         "Sent back to the officers", ["officer.norfolk"]),
        ((("officer.norfolk", "ready", {}),
          ("signoff.norfolk", "sign-off", {"on_behalf_of": BODY, "confirm": "yes"})),
         "Signed off", ["officer.norfolk", "analyst"]),
    ],
)  # fmt: skip
def test_each_step_ends_on_a_confirmation_saying_who_was_told(
    signed_in, norfolk, steps, title, told
):
    for username, name, data in steps:
        done = step(signed_in(username), name, **data)
    event = norfolk.events.order_by("-pk").first()
    assert done["Location"] == reverse("return-step-done", args=[NORFOLK, PERIOD, event.pk])
    page = signed_in(username).get(done["Location"])
    assertContains(page, f'<h1 class="govuk-panel__title">{title}</h1>', html=True)
    assertContains(page, "What happens next")
    for person in told:
        assertContains(page, f"({person})")
    if event.kind == EventKind.SIGNED_OFF:
        assertContains(page, "a sign-off member who signs for the Board submits it to NHS England")


def test_a_confirmation_is_for_who_took_the_step(signed_in, ready):
    event = ready.events.get()
    url = reverse("return-step-done", args=[NORFOLK, PERIOD, event.pk])
    assert signed_in("signoff.norfolk").get(url)["Location"] == reverse(
        "return", args=[NORFOLK, PERIOD]
    )
    assert signed_in("officer.other").get(url).status_code == 404


def test_a_confirmation_says_when_no_one_could_be_e_mailed(signed_in, norfolk):
    from django.contrib.auth import get_user_model

    get_user_model().objects.filter(username__startswith="signoff.").update(email="")
    done = step(signed_in("officer.norfolk"), "ready")
    page = signed_in("officer.norfolk").get(done["Location"])
    assertContains(page, "No one was e-mailed")
    assertNotContains(page, "We have e-mailed")
