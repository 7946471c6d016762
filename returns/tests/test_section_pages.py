"""Officers fill in a return section by section; the checklist follows every save."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from returns.models import Answer, QuarterlyReturn, ReportingPeriod
from returns.selectors import return_answers, return_state

NORFOLK, BORSETSHIRE = "E10000020", "E99999001"


def section_url(section: str, ons_code: str = NORFOLK) -> str:
    return reverse("return-section", args=[ons_code, "fy1516_q3", section])


def norfolk_return() -> QuarterlyReturn:
    return QuarterlyReturn.objects.get(hwb_area__ons_code=NORFOLK, period__quarter=3)


def posted(section: str, **changes) -> dict:
    """The section's form as the page posts it, Norfolk's values with `changes`, and the
    return's revision the page was shown at."""
    state = return_state(quarterly_return=norfolk_return())
    data = {"revision": str(state.quarterly_return.revision)}
    for question in state.definition.section(section).inputs:
        value = state.answers.get(question.id)
        data[question.id] = "" if value is None else question.type.to_form(value)
    return {**data, **changes}


@pytest.mark.parametrize("section", [
    "cover", "budget-arrangements", "national-conditions", "non-elective-and-p4p",
    "income-and-expenditure", "metrics", "understanding-support-needs",
    "new-integration-metrics", "narrative",
])  # fmt: skip
def test_every_section_shows_norfolks_answers(signed_in, section):
    page = signed_in("officer.norfolk").get(section_url(section))
    assert page.status_code == 200
    assertContains(page, "Status: Completed")
    assertContains(page, ">Save and continue</button>", html=False)


def test_norfolks_figures_are_shown_as_the_source_shows_them(signed_in):
    client = signed_in("officer.norfolk")
    p4p = client.get(section_url("non-elective-and-p4p"))
    for figure in ("£4,866,340", "3.5%", "3,266", "-1,075", "£1,777,570", "£16,295,000"):
        assertContains(p4p, figure)
    ie = client.get(section_url("income-and-expenditure"))
    for figure in ("£62,460,800", "£60,159,800", "£62,461,780", "previously returned data"):
        assertContains(ie, figure)
    assertContains(client.get(section_url("new-integration-metrics")), ">12<", html=False)
    assertContains(client.get(section_url("narrative")), "You have 31,336 characters remaining")


def test_saving_a_section_stores_it_and_the_checklist_follows(signed_in):
    client = signed_in("officer.norfolk")
    response = client.post(section_url("cover"), posted("cover", cover_email=""), follow=True)
    assertContains(response, "1. Cover saved.")
    assertContains(response, "1 question still to do")
    assert "cover_email" not in return_answers(quarterly_return=norfolk_return())
    response = client.post(
        section_url("cover"), posted("cover", cover_email="a@b.gov.uk"), follow=True
    )
    assert return_answers(quarterly_return=norfolk_return())["cover_email"] == "a@b.gov.uk"
    assertNotContains(response, "still to do")


def test_money_is_accepted_with_a_pound_sign_and_commas(signed_in):
    data = posted("income-and-expenditure", ie_income_actual_q3="£1,234")
    signed_in("officer.norfolk").post(section_url("income-and-expenditure"), data)
    assert return_answers(quarterly_return=norfolk_return())["ie_income_actual_q3"] == 1234


def test_a_bad_value_is_refused_with_an_error_summary_and_nothing_is_lost(signed_in):
    before = list(Answer.objects.values_list("question_id", "value", "updated_at"))
    data = posted(
        "national-conditions",
        nc3_date="31/02/2017",  # no such day
        nc3_comment="Typed, not yet saved",
        nc1_status="No",
    )
    response = signed_in("officer.norfolk").post(section_url("national-conditions"), data)
    assert response.status_code == 400
    assertContains(response, "There is a problem", status_code=400)
    assertContains(response, 'href="#nc3_date"', status_code=400)
    assertContains(response, "National condition 3: date if not Yes: enter a real date, with the "
                   "day, month and year as numbers, like 31 3 2016.", status_code=400)  # fmt: skip
    assertContains(response, "govuk-input--error", status_code=400)
    assertContains(response, "Typed, not yet saved", status_code=400)  # kept on the page
    for box, typed in (("day", "31"), ("month", "02"), ("year", "2017")):  # GOV.UK date input
        assertContains(response, f'name="nc3_date_{box}" type="text" inputmode="numeric" '
                       f'value="{typed}"', status_code=400, html=False)  # fmt: skip
    assert list(Answer.objects.values_list("question_id", "value", "updated_at")) == before


def test_an_error_marks_only_the_page_it_was_made_on(signed_in):
    """A section's fields are built once and copied for each page: the red border and the
    message one officer's mistake gives a field stay on that officer's page."""
    officer = signed_in("officer.norfolk")
    data = posted("income-and-expenditure", ie_income_actual_q3="lots")
    refused = officer.post(section_url("income-and-expenditure"), data)
    assertContains(refused, 'aria-describedby="ie_income_actual_q3-error"', status_code=400)
    again = officer.get(section_url("income-and-expenditure")).content.decode()
    assert "govuk-input--error" not in again
    assert "ie_income_actual_q3-error" not in again
    reader = signed_in("signoff.norfolk").get(section_url("income-and-expenditure"))
    assertContains(reader, 'name="ie_income_actual_q3"')
    assertContains(reader, "disabled")
    assert "disabled" not in again.split('name="ie_income_actual_q3"')[1].split(">")[0]


def test_a_table_cell_shows_what_was_typed_escaped_with_its_error_beside_it(signed_in):
    typed = '<b onmouseover="x">1</b>'
    data = posted("income-and-expenditure", ie_income_actual_q3=typed)
    response = signed_in("officer.norfolk").post(section_url("income-and-expenditure"), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert typed not in page
    cell = page[
        page.index('<label class="govuk-label govuk-visually-hidden" for="ie_income_actual_q3"') :
    ]
    cell = cell[: cell.index("</td>")]
    assert 'value="&lt;b onmouseover=&quot;x&quot;&gt;1&lt;/b&gt;"' in cell
    assert '<p id="ie_income_actual_q3-error" class="govuk-error-message">' in cell
    assert '<div class="govuk-input__prefix" aria-hidden="true">£</div>' in cell
    # In the table the error leaves out the question's name (its row and column give it).
    error = cell[cell.index("govuk-error-message") : cell.index("</p>")]
    assert "Error:</span> Enter" in error


def test_a_conditional_question_appears_once_it_applies_without_javascript(signed_in):
    client = signed_in("officer.norfolk")
    hidden_date = 'data-applicable-when="{&quot;when&quot;: {&quot;id&quot;: &quot;nc1_status&quot;'
    page = client.get(section_url("national-conditions")).content.decode()
    nc1_date_group = page[page.index(hidden_date) : page.index('id="nc1_date"')]
    assert " hidden>" in nc1_date_group
    client.post(section_url("national-conditions"), posted("national-conditions", nc1_status="No"))
    page = client.get(section_url("national-conditions")).content.decode()
    nc1_date_group = page[page.index(hidden_date) : page.index('id="nc1_date"')]
    assert " hidden>" not in nc1_date_group


def test_the_comment_boxes_count_characters(signed_in):
    page = signed_in("officer.norfolk").get(section_url("metrics"))
    # Four commentaries and the patient-experience "specify" box.
    assertContains(page, 'data-module="govuk-character-count" data-maxlength="750"', count=5)
    assertContains(page, 'aria-describedby="metric_local_comment-info"')
    narrative = signed_in("officer.norfolk").get(section_url("narrative"))
    assertContains(narrative, 'data-maxlength="32767"')


def test_a_sign_off_member_reads_but_cannot_save(signed_in):
    client = signed_in("signoff.norfolk")
    page = client.get(section_url("cover"))
    assertNotContains(page, "Save and continue</button>", html=False)
    assertContains(page, "disabled")
    response = client.post(section_url("cover"), posted("cover", cover_completed_by="X"))
    assert response.status_code == 403
    assert return_answers(quarterly_return=norfolk_return())["cover_completed_by"] == "Sera Hall"


def test_an_unknown_section_is_not_found(signed_in):
    assert signed_in("officer.norfolk").get(section_url("no-such-section")).status_code == 404


def test_checklist_links_each_question_to_its_field(signed_in):
    page = signed_in("officer.norfolk").get(
        reverse("return-checklist", args=[NORFOLK, "fy1516_q3"])
    )
    assertContains(
        page, f'href="{section_url("non-elective-and-p4p")}#p4p_actual_payment_fy1516_q3"'
    )
    assertContains(page, 'govuk-tag--green">Yes', count=142, html=False)


def test_the_overview_is_a_task_list_whose_statuses_are_words(signed_in):
    client = signed_in("officer.other")
    overview = client.get(reverse("return", args=[BORSETSHIRE, "fy1516_q3"]))
    assertContains(overview, 'class="govuk-task-list"', html=False)
    # Nothing typed yet: no section is started (the national conditions' follow-up
    # questions do not apply, so they are not counted as answered), and sending for
    # sign-off cannot start yet.
    assertContains(overview, ">Not started<", count=9, html=False)
    assertContains(overview, "8 questions still to do")
    assertContains(overview, "Cannot start yet")
    assertContains(overview, "govuk-tag--red", count=1)  # only the deadline: overdue
    assertContains(overview, 'govuk-tag--red">Overdue', html=False)
    revision = QuarterlyReturn.objects.get(hwb_area__ons_code=BORSETSHIRE).revision
    client.post(
        section_url("cover", BORSETSHIRE),
        {"revision": revision, "cover_completed_by": "Jo Bloggs"},
    )
    overview = client.get(reverse("return", args=[BORSETSHIRE, "fy1516_q3"]))
    assertContains(
        overview,
        '<div class="govuk-task-list__status" id="status-cover"><strong class="govuk-tag '
        'govuk-tag--light-blue">In progress</strong>',
        html=False,
    )
    assertContains(overview, ">Not started<", count=8, html=False)
    overview = signed_in("officer.norfolk").get(reverse("return", args=[NORFOLK, "fy1516_q3"]))
    assertContains(
        overview, '<div class="govuk-task-list__status" id="status-cover">Completed', html=False
    )
    assertContains(overview, "All 9 sections completed")


@pytest.mark.parametrize("page", ["section", "checklist"])
def test_pages_cost_the_same_queries_whatever_the_number_of_questions(signed_in, page):
    client = signed_in("officer.norfolk")
    urls = (
        [section_url("narrative"), section_url("new-integration-metrics")]  # 1 and 67 questions
        if page == "section"
        else [reverse("return-checklist", args=[NORFOLK, "fy1516_q3"])] * 2
    )
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[1] <= 12


@pytest.fixture
def q1_period(demo):
    """Q1 2016/17: a period Norfolk has not started in the demo."""
    return ReportingPeriod.objects.get(financial_year__start_year=2016, quarter=1)


def test_an_officer_starts_a_return_from_the_area_page(signed_in, q1_period):
    client = signed_in("officer.norfolk")
    assertContains(client.get(reverse("hwb-area", args=[NORFOLK])), "Start the Q1 2016/17 return")
    response = client.post(reverse("return-start", args=[NORFOLK, "fy1617_q1"]))
    assert response.status_code == 302
    started = QuarterlyReturn.objects.get(hwb_area__ons_code=NORFOLK, period=q1_period)
    answers = return_answers(quarterly_return=started)
    assert answers["cover_hwb"] == "Norfolk"
    assert started.template_version == "bcf-q1-2016-17"
    # Its pooled fund is Norfolk's 2016/17 plan's; nothing of 2015/16 plays back.
    assert answers["ie_income_pooled_fund"] == 63_573_469
    assert not any(id_.startswith("nc3_") for id_ in answers)


@pytest.mark.parametrize(("username", "status"), [("signoff.norfolk", 403), ("officer.other", 404)])
def test_only_the_areas_officers_start_its_return(signed_in, q1_period, username, status):
    response = signed_in(username).post(reverse("return-start", args=[NORFOLK, "fy1617_q1"]))
    assert response.status_code == status
    assert not QuarterlyReturn.objects.filter(period=q1_period).exists()


def test_what_is_still_to_do_is_on_the_checklist_not_above_the_form(signed_in):
    client = signed_in("officer.norfolk")
    data = posted("non-elective-and-p4p", p4p_actual_payment_fy1516_q3="£5,000")
    client.post(section_url("non-elective-and-p4p"), data)
    page = client.get(section_url("non-elective-and-p4p"))
    assertContains(
        page, 'Status: <strong class="govuk-tag govuk-tag--light-blue">In progress', html=False
    )
    assertContains(page, "2 questions still to do (as last saved)")
    assertNotContains(page, "Still to do in this section")
    assertNotContains(page, 'href="#p4p_payment_comment"')  # no list of links before the form
    checklist = client.get(reverse("return-checklist", args=[NORFOLK, "fy1516_q3"]))
    assertContains(checklist, "Cumulative quarterly Actual Payments exceed Cumulative suggested")
    assertContains(checklist, f'href="{section_url("non-elective-and-p4p")}#p4p_payment_comment"')


def test_an_error_in_a_table_cell_leaves_out_what_its_row_and_column_say(signed_in):
    data = posted("income-and-expenditure", ie_income_forecast_q1="lots")
    response = signed_in("officer.norfolk").post(section_url("income-and-expenditure"), data)
    text = response.content.decode()
    summary = text.split("govuk-error-summary__list", 1)[1].split("</ul>", 1)[0]
    page = text.split('class="portal-return-page"', 1)[1]
    assert "Income forecast Q1 2015/16: Enter a whole number of pounds" in summary
    in_cell = page[page.index('id="ie_income_forecast_q1-error"') :].split("</p>", 1)[0]
    assert in_cell.endswith("Error:</span> Enter a whole number of pounds, like £1,234 or 1234, "
                            "without pence.")  # fmt: skip


def test_a_returns_answers_are_read_in_one_query_without_joins(demo):
    # Ordered by the return's column, not by the return (whose own ordering, by period and
    # area, joined four tables into every read of one return's answers).
    norfolk = norfolk_return()
    with CaptureQueriesContext(connection) as queries:
        answers = return_answers(quarterly_return=norfolk)
    assert answers["cover_completed_by"] == "Sera Hall"
    assert len(queries) == 1
    assert "JOIN" not in queries[0]["sql"].upper()


def test_save_and_continue_says_what_the_section_still_lacks(signed_in):
    client = signed_in("officer.other")
    revision = QuarterlyReturn.objects.get(hwb_area__ons_code=BORSETSHIRE).revision
    response = client.post(
        section_url("cover", BORSETSHIRE),
        {"revision": revision, "cover_completed_by": "Jo Bloggs", "after": "next"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == section_url("budget-arrangements", BORSETSHIRE)
    assertContains(
        response,
        "1. Cover saved. Still to do in this section, 3 questions: E-Mail; Contact Number; "
        "Who has signed off the report on behalf of the Health and Well Being Board.",
    )


def test_save_and_continue_names_three_and_counts_the_rest(signed_in):
    client = signed_in("officer.other")
    revision = QuarterlyReturn.objects.get(hwb_area__ons_code=BORSETSHIRE).revision
    response = client.post(
        section_url("national-conditions", BORSETSHIRE),
        {"revision": revision, "after": "next"},
        follow=True,
    )
    assertContains(response, "3. National Conditions: nothing changed. Still to do in this "
                   "section, 8 questions: ")  # fmt: skip
    assertContains(response, "; and 5 more (see the checklist).")


def test_saving_a_complete_section_says_it_is_done(signed_in):
    response = signed_in("officer.norfolk").post(
        section_url("cover"), {**posted("cover"), "after": "next"}, follow=True
    )
    assertContains(response, "1. Cover: nothing changed. Every question in it is done.")


def test_the_overview_of_a_return_never_submitted_reads_its_steps_once_and_no_assurance(
    signed_in,
):
    """The overview read the return's steps twice (its timeline, then why it came back) and
    looked for NHS England's queries and outcomes on submissions it did not have (issue 33)."""
    with CaptureQueriesContext(connection) as queries:
        page = signed_in("officer.norfolk").get(reverse("return", args=[NORFOLK, "fy1516_q3"]))
    assert page.status_code == 200
    tables = [query["sql"].split(" WHERE ")[0] for query in queries.captured_queries]
    assert sum('FROM "returns_returnevent"' in sql for sql in tables) == 1
    assert not [sql for sql in tables if 'FROM "national_assuranceevent"' in sql]


def test_a_return_is_looked_up_without_finding_the_users_areas_again(signed_in):
    """Its lookup joined a subquery of the user's areas: 1.1 ms of every return page's CPU
    (issue 33). The areas come from the memberships already read (`rules.reads`, held equal
    to `hwb_areas_for_user` by governance's tests); an outsider still gets a 404."""
    with CaptureQueriesContext(connection) as queries:
        assert signed_in("officer.norfolk").get(section_url("cover")).status_code == 200
    lookup = [
        q["sql"] for q in queries.captured_queries if 'FROM "returns_quarterlyreturn"' in q["sql"]
    ]
    assert len(lookup) == 1
    assert "plans_membership" not in lookup[0]
    assert signed_in("officer.other").get(section_url("cover")).status_code == 404
