""" "Are you sure?" checks: declared in each definition beside its rules, they ask an officer
to confirm a figure that is often a slip (an actual far from its plan, ten times the previous
quarter's, a metric off its trajectory) with a short explanation, before the return goes for
sign-off. The signer reads the explanations; the checklist lists what is still to confirm."""

from dataclasses import replace
from fractions import Fraction

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from conftest import demo_user
from returns import workflow
from returns.definitions import all_templates
from returns.definitions.evaluation import calculate, tripped
from returns.definitions.logic import FarFrom, Ref, TimesOver
from returns.definitions.structure import Caution
from returns.definitions.validation import problems
from returns.models import Confirmation, EventKind, ReturnStatus
from returns.services import answers_save

NORFOLK, PERIOD = "E10000020", "fy1516_q3"
DECLARED = [(d, c) for d in all_templates() for c in d.cautions]


def figures(caution: Caution, *, trip: bool) -> dict:
    """Values of the two figures a check compares: ones that trip it, or ones that do not."""
    first, second = caution.when.first.id, caution.when.second.id
    if isinstance(caution.when, FarFrom):
        share = caution.when.share
        return {second: 10_000, first: int(10_000 * (1 + 2 * share)) if trip else 10_000}
    assert isinstance(caution.when, TimesOver)
    return {second: 1_000, first: 1_000 * (caution.when.factor if trip else 2)}


def test_every_template_declares_its_checks():
    by_version = {d.version: {c.key for c in d.cautions} for d in all_templates()}
    assert "nea_off_trajectory" in by_version["bcf-q3-2015-16"]
    for keys in by_version.values():
        assert {"income_actual_far_from_plan", "expenditure_actual_far_from_plan"} <= keys
    assert "income_actual_times_previous" not in by_version["bcf-q1-2016-17"]  # no Q0


@pytest.mark.parametrize(("definition", "caution"), DECLARED,
                         ids=[f"{d.version}:{c.key}" for d, c in DECLARED])  # fmt: skip
def test_each_declared_check_trips_on_a_slip(definition, caution):
    values = calculate(definition, figures(caution, trip=True))
    assert caution in tripped(definition, values)


@pytest.mark.parametrize(("definition", "caution"), DECLARED,
                         ids=[f"{d.version}:{c.key}" for d, c in DECLARED])  # fmt: skip
def test_each_declared_check_passes_a_likely_figure(definition, caution):
    values = calculate(definition, figures(caution, trip=False))
    assert caution not in tripped(definition, values)


def test_a_blank_or_zero_figure_trips_nothing():
    q3 = next(d for d in all_templates() if d.version == "bcf-q3-2015-16")
    assert tripped(q3, {}) == ()
    assert tripped(q3, {"ie_income_actual_q3": 0, "ie_income_actual_q2": 0}) == ()


def test_the_shares_are_said_in_words():
    far = FarFrom(Ref("a"), Ref("b"), Fraction(1, 10))
    assert far.describe(str) == "‘a’ differs from ‘b’ by more than 10% of it"
    assert TimesOver(Ref("a"), Ref("b"), 10).describe(str).startswith("‘a’ is 10 times ‘b’")


@pytest.mark.parametrize(
    ("caution", "message"),
    [
        (Caution("x", "ie_income_actual_q4", FarFrom(Ref("nowhere"), Ref("ie_income_plan_q4")),
                 "?"), "refers to ‘nowhere’, which is not a question"),
        (Caution("x", "ie_income_plan_q4", FarFrom(Ref("ie_income_actual_q4"),
                                                   Ref("ie_income_plan_q4")), "?"),
         "not one of its answered questions"),
        (Caution("income_actual_far_from_plan", "ie_income_actual_q4",
                 FarFrom(Ref("ie_income_actual_q4"), Ref("ie_income_plan_q4")), "?"),
         "‘income_actual_far_from_plan’ is declared more than once"),
    ],
)  # fmt: skip
def test_the_validator_refuses_a_check_that_cannot_work(caution, message):
    q4 = next(d for d in all_templates() if d.version == "bcf-q4-2015-16")
    sections = tuple(
        replace(s, cautions=(*s.cautions, caution)) if s.slug == "income-and-expenditure" else s
        for s in q4.sections
    )
    found = problems(replace(q4, sections=sections), {d.version: d for d in all_templates()})
    assert any(message in problem for problem in found), found


# In the portal -----------------------------------------------------------------------------


def slip(norfolk, figure=1_584_695):
    """Q3's actual income typed as a tenth of Q2's (a digit short): far from plan too."""
    answers_save(quarterly_return=norfolk, values={"ie_income_actual_q3": figure},
                 user=demo_user("officer.norfolk"), source="form")  # fmt: skip


def confirm_url(key: str, then: bool = False) -> str:
    url = reverse("return-confirm", args=[NORFOLK, PERIOD, key])
    return url + ("?then=ready" if then else "")


def test_norfolks_real_figures_trip_no_check(signed_in, norfolk):
    checklist = signed_in("officer.norfolk").get(
        reverse("return-checklist", args=[NORFOLK, PERIOD])
    )
    assertNotContains(checklist, "Figures checked before sign-off")
    done = signed_in("officer.norfolk").post(
        reverse("return-step", args=[NORFOLK, PERIOD, "ready"])
    )
    assert "/done/" in done["Location"]


def test_marking_ready_stops_at_each_figure_to_confirm_then_goes_on(signed_in, norfolk):
    slip(norfolk)
    officer = signed_in("officer.norfolk")
    ready = officer.post(reverse("return-step", args=[NORFOLK, PERIOD, "ready"]))
    assert ready["Location"] == confirm_url("income_actual_far_from_plan", then=True)
    norfolk.refresh_from_db()
    assert norfolk.status == ReturnStatus.DRAFT

    page = officer.get(ready["Location"])
    assertContains(page, "Is this figure right?")
    assertContains(page, "figure 1 of 2 to check")
    assertContains(page, "differs from the plan by more than 10% of it")
    assertContains(page, "£1,584,695")  # the figure, and the plan it is far from
    assertContains(page, "£14,683,080")
    refused = officer.post(ready["Location"], {"explanation": "  "})
    assertContains(refused, "Say why the figure is right.", status_code=400)

    first = officer.post(ready["Location"], {"explanation": "A one-off transfer from reserves."})
    assert first["Location"] == confirm_url("income_actual_times_previous", then=True)
    second = officer.post(first["Location"], {"explanation": "The same one-off transfer."})
    event = norfolk.events.get(kind=EventKind.READY)
    assert second["Location"] == reverse("return-step-done", args=[NORFOLK, PERIOD, event.pk])
    kept = Confirmation.objects.get(quarterly_return=norfolk, key="income_actual_far_from_plan")
    assert kept.explanation == "A one-off transfer from reserves."
    assert kept.figures["ie_income_actual_q3"] == "1584695"
    assert kept.user.username == "officer.norfolk"


def test_the_workflow_itself_refuses_unconfirmed_figures(norfolk):
    slip(norfolk)
    with pytest.raises(workflow.FiguresToConfirm, match="2 figures still to confirm"):
        workflow.return_mark_ready(quarterly_return=norfolk, user=demo_user("officer.norfolk"))


def test_changing_a_confirmed_figure_asks_again(signed_in, norfolk):
    slip(norfolk)
    officer = signed_in("officer.norfolk")
    for key in ("income_actual_far_from_plan", "income_actual_times_previous"):
        officer.post(confirm_url(key), {"explanation": "Reserves."})
    checklist = officer.get(reverse("return-checklist", args=[NORFOLK, PERIOD]))
    assertContains(checklist, "Confirmed", count=2)
    slip(norfolk, 1_584_000)
    checklist = officer.get(reverse("return-checklist", args=[NORFOLK, PERIOD]))
    assertContains(checklist, "To confirm", count=2)
    assertContains(checklist, confirm_url("income_actual_far_from_plan"))


def test_the_signer_reads_the_explanations_and_may_not_confirm(signed_in, norfolk):
    slip(norfolk)
    officer = signed_in("officer.norfolk")
    officer.post(confirm_url("income_actual_far_from_plan"), {"explanation": "Reserves moved."})
    officer.post(confirm_url("income_actual_times_previous", then=True),
                 {"explanation": "Reserves moved in Q3."})  # fmt: skip
    norfolk.refresh_from_db()
    assert norfolk.status == ReturnStatus.READY
    signer = signed_in("signoff.norfolk")
    review = signer.get(reverse("return-review", args=[NORFOLK, PERIOD]))
    assertContains(review, "Reserves moved in Q3.")
    assertContains(review, "officer.norfolk confirmed it on")
    assert signer.get(confirm_url("income_actual_far_from_plan")).status_code == 403


def test_a_figure_that_needs_no_confirming_is_not_asked_about(signed_in, norfolk):
    response = signed_in("officer.norfolk").get(confirm_url("income_actual_far_from_plan"))
    assert response["Location"] == reverse("return", args=[NORFOLK, PERIOD])
    assert signed_in("officer.norfolk").get(confirm_url("no_such_check")).status_code == 302


def narrative_words(norfolk) -> str:
    import io

    import openpyxl

    from returns.workbook import return_workbook_bytes

    book = openpyxl.load_workbook(io.BytesIO(return_workbook_bytes(quarterly_return=norfolk)))
    sheet = book["9. Narrative"]
    return " | ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)


def test_the_workbooks_narrative_carries_the_explanations(signed_in, norfolk):
    assert "The portal asked about no figure of this return." in narrative_words(norfolk)
    slip(norfolk)
    officer = signed_in("officer.norfolk")
    officer.post(confirm_url("income_actual_far_from_plan"), {"explanation": "Reserves moved."})
    words = narrative_words(norfolk)
    assert "Figures confirmed in the BCF portal" in words
    assert "differs from the plan by more than 10% of it." in words
    assert "Confirmed by officer.norfolk on " in words
    assert words.endswith(": Reserves moved.")


def test_a_workbook_with_explanations_reads_back_as_the_same_answers(signed_in, norfolk):
    from returns.workbook import return_workbook_bytes, workbook_read

    slip(norfolk)
    signed_in("officer.norfolk").post(confirm_url("income_actual_far_from_plan"),
                                      {"explanation": "Reserves moved."})  # fmt: skip
    content = return_workbook_bytes(quarterly_return=norfolk)
    assert workbook_read(quarterly_return=norfolk, content=content)["ie_income_actual_q3"] == (
        1_584_695
    )
