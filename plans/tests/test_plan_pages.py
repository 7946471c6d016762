"""The plan's edit pages: what an officer types is saved, a bad value refuses the whole page
and keeps what was typed, a stale page is refused, and only officers of a draft edit."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from plans.models import Plan, PlanStatus

pytestmark = pytest.mark.django_db

NORFOLK = "E10000020"


def _url(part):
    return reverse("plan-edit", args=[NORFOLK, 2016, part])


def _plan():
    return Plan.objects.get(hwb_area__ons_code=NORFOLK, financial_year__start_year=2016)


def _form(client, part) -> dict:
    """The page's form as the browser would post it, untouched."""
    return _posted(client.get(_url(part)))


def _posted(page) -> dict:
    form = page.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        data[name] = "" if value is None else field.prepare_value(value)
    return data


def test_funding_saves_pounds_as_typed_and_the_quarterly_profile(signed_in):
    client = signed_in("officer.norfolk")
    data = _form(client, "funding")
    assert data["pooled_fund_total"] == "63,573,469"
    data.update(pooled_fund_total="£63,600,000", income_q1="15,893,367", expenditure_q1="1")
    response = client.post(_url("funding"), data)
    assert response.status_code == 302
    plan = _plan()
    assert plan.pooled_fund_total == 63_600_000
    assert plan.fund_quarters.get(quarter=1).income == 15_893_367
    page = client.get(reverse("plan", args=[NORFOLK, 2016]))
    assertContains(page, "The partners&#x27; contributions add up to £63,573,469, £26,531 less")


def test_a_bad_amount_refuses_the_page_and_keeps_what_was_typed(signed_in):
    client = signed_in("officer.norfolk")
    data = _form(client, "funding") | {"pooled_fund_total": "63,573,469.50", "income_q2": "12"}
    response = client.post(_url("funding"), data)
    assert response.status_code == 400
    message = "Pooled fund total: enter whole pounds, without pence."
    assertContains(response, message, count=2, status_code=400)  # the summary and the field
    assertContains(response, 'value="12"', status_code=400)
    assert not _plan().fund_quarters.exists()


def test_a_condition_not_met_needs_its_date_on_the_page(signed_in):
    client = signed_in("officer.norfolk")
    data = _form(client, "conditions") | {"nc2_status": "No - In Progress", "nc2_date": ""}
    response = client.post(_url("conditions"), data)
    assert response.status_code == 400
    assertContains(response, "give the date by which the condition will be met", status_code=400)
    data["nc2_date"] = "30/09/2016"
    assert client.post(_url("conditions"), data).status_code == 302
    statement = _plan().condition_statements.get(condition__key="nc2")
    assert (statement.status, str(statement.target_date)) == ("No - In Progress", "2016-09-30")


def test_expenditure_and_its_comment(signed_in):
    client = signed_in("officer.norfolk")
    data = _form(client, "expenditure") | {"social_care": "37,099,000", "comment": "Draft."}
    assert client.post(_url("expenditure"), data).status_code == 302
    plan = _plan()
    assert plan.planned_expenditure.get().amount == 37_099_000
    assert plan.expenditure_comment == "Draft."


def test_metric_targets_become_the_plan_values_the_returns_play_back(signed_in):
    from metrics.models import MetricValue

    client = signed_in("officer.norfolk")
    data = _form(client, "metrics") | {"non_elective_admissions_q1": "19100"}
    assert client.post(_url("metrics"), data).status_code == 302
    value = MetricValue.objects.get(
        hwb_area__ons_code=NORFOLK, definition__key="non_elective_admissions",
        financial_year__start_year=2016, quarter=1, kind="plan",
    )  # fmt: skip
    assert value.value == 19100


def test_a_page_shown_before_someone_else_saved_is_refused_with_what_was_typed(signed_in):
    client = signed_in("officer.norfolk")
    stale = _form(client, "narrative") | {"shared_vision": "Mine"}
    fresh = _form(client, "narrative") | {"shared_vision": "Theirs"}
    assert client.post(_url("narrative"), fresh).status_code == 302
    response = client.post(_url("narrative"), stale)
    assert response.status_code == 409
    assertContains(response, "Someone saved this plan after you opened this page", status_code=409)
    assertContains(response, "Mine", status_code=409)
    assert _plan().shared_vision == "Theirs"


@pytest.mark.parametrize("username", ["signoff.norfolk", "analyst"])
def test_only_officers_edit(signed_in, username):
    client = signed_in(username)
    assert client.get(_url("funding")).status_code == 403
    assert client.post(_url("funding"), {"pooled_fund_total": "1"}).status_code == 403


def test_a_plan_being_signed_is_locked(signed_in):
    Plan.objects.filter(pk=_plan().pk).update(status=PlanStatus.READY)
    response = signed_in("officer.norfolk").get(_url("funding"))
    assertContains(response, "This plan is being signed, so it cannot be changed", status_code=403)


def test_an_unknown_part_is_not_found(signed_in):
    assert signed_in("officer.norfolk").get(_url("no-such-part")).status_code == 404


def test_the_printable_plan_shows_the_whole_plan_with_every_scheme(signed_in):
    page = signed_in("analyst").get(reverse("plan-print", args=[NORFOLK, 2016]))
    assertContains(page, "£63,573,469")
    assertContains(page, 'class="portal-print-scheme"', count=21)
    assertContains(page, "NCH2 – ")
    assertContains(page, "Not known")  # NCH2's unknown investment line


def test_an_officer_starts_the_next_years_plan_with_last_years_blocks(signed_in):
    from plans.tests.factories import FinancialYearFactory

    FinancialYearFactory(start_year=2017)
    client = signed_in("officer.norfolk")
    area_page = client.get(reverse("hwb-area", args=[NORFOLK]))
    assertContains(area_page, "Start the 2017/18 plan")
    response = client.post(reverse("plan-start", args=[NORFOLK, 2017]))
    assert response.status_code == 302
    plan = Plan.objects.get(hwb_area__ons_code=NORFOLK, financial_year__start_year=2017)
    assert plan.sign_off_blocks.count() == 7
    funding = client.get(_url("funding").replace("2016-17", "2017-18"))
    # Last year's contributions are offered as this plan's "last year".
    norwich = plan.sign_off_blocks.get(partner__code="NCH").partner_id
    assert funding.context["form"][f"last_{norwich}"].value() == "12,442,039"
    # Saving only the pooled fund refuses nothing: the offered figures are offered again.
    url = _url("funding").replace("2016-17", "2017-18")
    assert (
        client.post(url, _posted(funding) | {"pooled_fund_total": "64,000,000"}).status_code == 302
    )
    again = client.get(url)
    assert again.context["form"][f"last_{norwich}"].value() == "12,442,039"
    # A last-year figure typed without this year's would be lost: it is refused instead.
    refused = client.post(url, _posted(again) | {f"last_{norwich}": "1"})
    assertContains(refused, "NHS Norwich CCG: give this year", status_code=400)
    signoff = signed_in("signoff.norfolk")
    assert signoff.post(reverse("plan-start", args=[NORFOLK, 2017])).status_code == 403


def test_the_area_page_says_what_kind_of_area_it_is_and_its_region(signed_in):
    page = signed_in("officer.norfolk").get(reverse("hwb-area", args=[NORFOLK]))
    assertContains(page, "County; Midlands and East")


def test_no_plan_is_offered_or_started_for_a_year_before_the_fund(signed_in):
    from governance.models import FinancialYear

    for start_year in (2013, 2014):
        FinancialYear.objects.get_or_create(start_year=start_year)
    client = signed_in("officer.norfolk")
    page = client.get(reverse("hwb-area", args=["E10000020"]))
    assertNotContains(page, "Start the 2013/14 plan")
    assertNotContains(page, "Start the 2014/15 plan")
    assert client.post(reverse("plan-start", args=["E10000020", 2014])).status_code == 404


PLAN = reverse("plan", args=[NORFOLK, 2016])


def test_the_plans_parts_are_a_task_list_with_true_statuses(signed_in):
    page = signed_in("officer.norfolk").get(PLAN)
    text = page.content.decode()
    tasks = text[text.index('id="plan-tasks"') : text.index("</ul>", text.index('id="plan-tasks"'))]
    # The April 2016 draft: funding given; conditions described but no status chosen; no
    # expenditure or narrative yet.
    not_started = '<strong class="govuk-tag govuk-tag--blue">Not started'
    in_progress = '<strong class="govuk-tag govuk-tag--light-blue">In progress'
    assert 'id="plan-task-funding-status">Completed' in tasks
    assert f'id="plan-task-conditions-status">{in_progress}' in tasks
    for part in ("expenditure", "narrative"):
        assert f'id="plan-task-{part}-status">{not_started}' in tasks, part
    assert 'id="plan-task-schemes-status">Completed' in tasks
    assert "Cannot start yet" in tasks
    assertContains(page, "8 things to fix")  # the conditions
    assertContains(page, "You cannot mark it ready yet: 10 checks still fail.")


def test_each_condition_says_what_is_missing_beside_it_not_eight_times_at_the_top(signed_in):
    page = signed_in("officer.norfolk").get(_url("conditions"))
    # Each names its condition and leads to the box to fill in.
    link = '<a class="govuk-link" href="#id_nc1_status">Still to do for condition 1, '
    assertContains(page, f"{link}Plans are jointly agreed</a>: Give its status", count=1,
                   html=False)  # fmt: skip
    assertContains(page, "Still to do for condition 8, Agreement on a local action plan",
                   count=1)  # fmt: skip
    assertContains(page, 'id="id_nc1_status" name="nc1_status" type="radio" value="Yes"',
                   html=False)  # fmt: skip
    assertNotContains(page, "Not answered")  # no radio for it: none chosen is not answered
    text = page.content.decode()
    first = _plan().financial_year.national_conditions.first()
    fieldset = text.index(
        f'<fieldset class="govuk-fieldset govuk-!-margin-bottom-8" id="{first.key}">'
    )
    assert (
        fieldset < text.index("Still to do for condition 1") < text.index("</fieldset>", fieldset)
    )
    assertNotContains(
        page,
        '<span class="govuk-visually-hidden">Warning</span> Give its status',
        html=False,
    )


def test_the_narrative_is_checked_and_each_box_says_what_it_is_for(signed_in):
    client = signed_in("officer.norfolk")
    page = client.get(_url("narrative"))
    assertContains(page, "Your area&#x27;s shared vision for health and social care services")
    assertContains(page, 'aria-describedby="id_shared_vision_helptext"', html=False)
    assertContains(
        page,
        '<a class="govuk-link" href="#shared_vision">The narrative plan is written</a>',
        html=False,
    )
    plan = client.get(PLAN)
    assertContains(plan, "Write the shared vision, case for change, plan of action")


def test_each_condition_shows_its_guidance_in_the_sources_words(signed_in):
    page = signed_in("officer.norfolk").get(_url("conditions"))
    for number in range(1, 9):
        assertContains(page, f"Guidance on condition {number}</span>", html=False)
    assertContains(page, "will need to be allocated on the basis of plans that are jointly")
    assertContains(page, "guidance on this condition (Q3 2015/16 template): 2) Protection for "
                   "social care services (not spending).")  # fmt: skip
    dtoc = '<abbr title="delayed transfers of care">DTOC</abbr>'
    assertContains(page, "Each local area will develop an action plan for managing delayed "
                   f"transfers of care ({dtoc})")  # fmt: skip


@pytest.mark.parametrize("page", ["plan", "plan-print"])
def test_the_plan_page_reads_each_of_the_plans_parts_once(signed_in, page):
    import collections

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in("officer.norfolk")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(page, args=[NORFOLK, 2016])).status_code == 200
    tables = ("plans_contribution", "plans_signoffblock", "plans_plannedexpenditure",
              "plans_nationalconditionstatement", "plans_nationalcondition")  # fmt: skip
    reads = collections.Counter(
        table
        for query in queries
        if query["sql"].startswith('SELECT "')  # rows, not "does any exist"
        for table in tables
        if f'FROM "{table}"' in query["sql"]
    )
    assert reads == dict.fromkeys(tables, 1)


def test_every_edit_page_says_when_its_part_is_started():
    # `started` is the hook each part answers (PlanPartForm has none of its own): the task
    # list asks every part, the metric targets (the metrics app's) included.
    from plans import additions, forms

    assert not hasattr(forms.PlanPartForm, "started")
    parts = {**forms.PARTS, **additions.edit_parts()}
    assert set(parts) >= {"funding", "expenditure", "conditions", "metrics", "narrative"}
    for slug, form in parts.items():
        assert callable(form.started), slug


def test_a_part_that_cannot_say_when_it_is_started_is_refused_when_it_is_made():
    from plans import forms

    with pytest.raises(TypeError, match="must say when it is started"):

        class Unsaid(forms.PlanPartForm):
            title = "A part with no started"


@pytest.fixture
def ready_after_the_check(monkeypatch):
    """The page's own check finds the plan a draft; then someone marks it ready, before the
    save takes the plan's row lock (the race of issue 28)."""
    import plans.views
    import schemes.views

    def arrange() -> None:
        checked = plans.views.require_plan_editable

        def check_then_ready(request, plan):
            checked(request, plan)
            Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.READY)

        for module in (plans.views, schemes.views):
            monkeypatch.setattr(module, "require_plan_editable", check_then_ready)

    return arrange


def test_a_part_saved_as_the_plan_is_marked_ready_is_a_page_that_keeps_the_typing(
    signed_in, ready_after_the_check
):
    client = signed_in("officer.norfolk")
    data = _form(client, "narrative") | {"shared_vision": "Typed as it was marked ready"}
    before = _plan().shared_vision
    ready_after_the_check()
    response = client.post(_url("narrative"), data)
    assertContains(response, "This plan is being signed, so it cannot be changed",
                   status_code=409)  # fmt: skip
    assertContains(response, "Typed as it was marked ready", status_code=409)
    assert _plan().shared_vision == before


def test_a_scheme_saved_as_the_plan_is_marked_ready_is_a_page_that_keeps_the_typing(
    signed_in, ready_after_the_check
):
    from schemes.tests.test_scheme_pages import _nch2_form

    client = signed_in("officer.norfolk")
    url, data = _nch2_form(client)
    data["name"] = "Renamed as it was marked ready"
    ready_after_the_check()
    response = client.post(url, data)
    assertContains(response, "This plan is being signed, so it cannot be changed",
                   status_code=409)  # fmt: skip
    assertContains(response, "Renamed as it was marked ready", status_code=409)
    assert not _plan().schemes.filter(name="Renamed as it was marked ready").exists()


def test_funding_lists_the_areas_pooling_partners_and_any_other_that_pays_in(signed_in):
    """The councils and CCGs of the area, by name, and a provider of the area only once it
    has a contribution; never a partner of another area, whatever it pays."""
    from governance.models import PartnerKind
    from governance.tests.factories import PartnerFactory
    from plans.tests.factories import ContributionFactory

    plan = _plan()
    provider = PartnerFactory(hwb_areas=[plan.hwb_area], kind=PartnerKind.NHS_TRUST, name="A trust")
    elsewhere = PartnerFactory(kind=PartnerKind.COUNCIL, name="Another area's council")
    ContributionFactory(plan=plan, partner=elsewhere)
    client = signed_in("officer.norfolk")

    def listed():
        rows = client.get(_url("funding")).context["form"].partner_rows
        return [(partner.name, amount.value(), last.value()) for partner, amount, last in rows]

    before = listed()
    names = [name for name, _, _ in before]
    assert names == sorted(names)
    assert len(names) == len(set(names)) > 1
    assert "A trust" not in names
    assert "Another area's council" not in names
    ContributionFactory(plan=plan, partner=provider, amount=25_000, amount_last_year=None)
    after = listed()
    assert sorted(after) == sorted([*before, ("A trust", "25,000", None)])


def test_the_metric_targets_and_schemes_tasks_start_with_their_first_row(signed_in):
    """Metric targets and schemes are Not started until the plan has one: read from what the
    page reads already, as the other parts' statuses are."""
    from metrics.models import MetricDefinition, PlanMetric

    def statuses():
        text = signed_in("officer.norfolk").get(PLAN).content.decode()
        tasks = text[text.index('id="plan-tasks"') :]
        return {part: tasks.split(f'id="plan-task-{part}-status">', 1)[1][:80]
                for part in ("metrics", "schemes")}  # fmt: skip

    plan = _plan()
    plan.metrics.all().delete()
    plan.schemes.all().delete()
    assert all("Not started" in status for status in statuses().values())
    PlanMetric.objects.create(
        plan=plan, definition=MetricDefinition.objects.first(), description="Fewer admissions"
    )
    assert "Not started" not in statuses()["metrics"]
    assert "Not started" in statuses()["schemes"]
