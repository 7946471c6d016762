"""The scheme register and a scheme's form: filters and totals, every field and the
repeating parts added and removed without JavaScript, unknown amounts flagged, copying
from the previous year's plan."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from governance.models import Partner
from plans.models import NationalConditionStatement, Plan
from schemes.models import Scheme

pytestmark = pytest.mark.django_db

NORFOLK = "E10000020"


def _plan(year=2016):
    return Plan.objects.get(hwb_area__ons_code=NORFOLK, financial_year__start_year=year)


def _error_summary(response) -> str:
    """The list of the page's error summary, as HTML."""
    return response.content.decode().split('govuk-error-summary__list">')[1].split("</ul>")[0]


def _empty_form(client, url) -> dict:
    """The form as the browser posts it, unchanged (management forms included)."""
    response = client.get(url)
    data = {"revision": response.context["form"]["revision"].value()}
    form = response.context["form"]
    for name in form.fields:
        if name != "revision":
            value = form[name].value()
            data[name] = "" if value is None else value
    for prefix, formset in response.context["parts"].items():
        data.update({f"{prefix}-TOTAL_FORMS": formset.total_form_count(),
                     f"{prefix}-INITIAL_FORMS": formset.initial_form_count()})  # fmt: skip
        for row in formset:
            for name in row.fields:
                value = row[name].value()
                if value not in (None, False):
                    data[row.add_prefix(name)] = value
    return data


def test_the_register_filters_by_lead_partner_and_totals_what_it_shows(signed_in):
    url = reverse("scheme-register", args=[NORFOLK, 2016])
    client = signed_in("analyst")
    everything = client.get(url)
    assertContains(everything, "21 of 21 schemes")
    norwich = Partner.objects.get(code="NCH")
    page = client.get(url, {"lead_partner": norwich.pk})
    shown = [s.reference for s in page.context["register"].schemes]
    assert shown == sorted(r for r in Scheme.objects.filter(plan=_plan(), lead_partner=norwich)
                           .values_list("reference", flat=True))  # fmt: skip
    assert page.context["register"].total == 982_676 + 5_425_424 + sum(
        s.investment_total or 0
        for s in page.context["register"].schemes
        if s.reference not in ("NCH1", "NCH2")
    )
    assertContains(page, "1 amount not known")
    assertContains(client.get(url, {"status": "operational"}), "No scheme matches these filters.")
    # A value that is not a choice is ignored, not a 500.
    assertContains(client.get(url, {"theme": "<script>", "lead_partner": "x"}), "21 of 21")


def test_an_officer_adds_a_scheme_with_two_lines_and_a_milestone_without_javascript(signed_in):
    client = signed_in("officer.norfolk")
    url = reverse("scheme-new", args=[NORFOLK, 2016])
    data = _empty_form(client, url)
    assert data["investment_lines-TOTAL_FORMS"] == 0
    # "Add an investment line" twice and "Add a milestone": each posts back, saving nothing.
    for part in ("investment_lines", "investment_lines", "milestones"):
        response = client.post(url, data | {f"add_{part}": "1"})
        assert response.status_code == 200
        data = _empty_form_from(response, data)
    assert data["investment_lines-TOTAL_FORMS"] == 2
    assert not Scheme.objects.filter(reference="NCH9").exists()
    data |= {
        "reference": "NCH9", "name": "Discharge to assess",
        "lead_partner": Partner.objects.get(code="NCH").pk,
        "theme": "discharge_hubs", "status": "planned",
        "investment_lines-0-description": "Beds", "investment_lines-0-amount": "£120,000",
        "investment_lines-1-description": "Therapists", "investment_lines-1-amount": "?",
        "milestones-0-description": "Pilot starts", "milestones-0-timescale": "October 2016",
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 400  # "?" is not an amount: leave it empty when not known
    assertContains(response, "enter an amount in pounds", status_code=400)
    assertContains(response, 'value="£120,000"', status_code=400)
    data["investment_lines-1-amount"] = ""
    response = client.post(url, data)
    assert response.status_code == 302
    scheme = Scheme.objects.get(plan=_plan(), reference="NCH9")
    assert [(line.description, line.amount) for line in scheme.investment_lines.all()] == [
        ("Beds", 120_000), ("Therapists", None)]  # fmt: skip
    assert scheme.milestones.get().timescale == "October 2016"
    page = client.get(response["Location"])
    assertContains(page, "£120,000")
    assertContains(page, "Excludes 1 line whose amount is not yet known.")


def _empty_form_from(response, data) -> dict:
    """What the page now shows, as the next post: the extra rows are empty."""
    out = dict(data)
    for prefix, formset in response.context["parts"].items():
        out[f"{prefix}-TOTAL_FORMS"] = formset.total_form_count()
    return out


def test_a_row_is_removed_on_save_and_the_reference_must_be_unique(signed_in):
    client = signed_in("officer.norfolk")
    nch2 = Scheme.objects.get(plan=_plan(), reference="NCH2")
    url = reverse("scheme-edit", args=[NORFOLK, 2016, nch2.pk])
    data = _empty_form(client, url)
    assert data["investment_lines-TOTAL_FORMS"] == 4
    response = client.post(url, data | {"reference": "nch1"})
    assertContains(response, "NCH1 is already the reference of", status_code=400)
    assert client.post(url, data | {"investment_lines-3-DELETE": "on"}).status_code == 302
    assert nch2.investment_lines.count() == 3
    assert nch2.investment_lines.filter(amount__isnull=True).count() == 0


def test_sign_off_members_cannot_open_the_form(signed_in):
    nch2 = Scheme.objects.get(plan=_plan(), reference="NCH2")
    client = signed_in("signoff.norfolk")
    assert client.get(reverse("scheme-edit", args=[NORFOLK, 2016, nch2.pk])).status_code == 403
    assertNotContains(
        client.get(reverse("scheme", args=[NORFOLK, 2016, nch2.pk])), "Change this scheme"
    )


def test_a_scheme_is_copied_from_last_years_plan_keeping_its_reference(signed_in):
    from plans.services import plan_create
    from plans.tests.factories import FinancialYearFactory
    from schemes.services import scheme_copy

    client = signed_in("officer.norfolk")
    plan_2017 = plan_create(
        hwb_area=_plan().hwb_area, financial_year=FinancialYearFactory(start_year=2017), user=None
    )
    assert plan_2017.sign_off_blocks.count() == 7  # the 2016/17 blocks, unsigned
    nch2 = Scheme.objects.get(plan=_plan(), reference="NCH2")
    url = reverse("scheme-copy", args=[NORFOLK, 2017])
    assertContains(client.get(url), "NCH2")
    response = client.post(url, {"scheme": nch2.pk, "revision": plan_2017.revision})
    assert response.status_code == 302
    copy = Scheme.objects.get(plan=plan_2017, reference="NCH2")
    assert copy.investment_lines.count() == 4
    assert copy.overview == nch2.overview
    assertContains(client.get(url), "Already in this plan")
    plan_2017.refresh_from_db()
    with pytest.raises(Exception, match="already the reference"):
        scheme_copy(plan=plan_2017, user=None, revision=None, source_scheme=nch2)


def test_copying_is_offered_only_when_last_years_plan_has_schemes(signed_in):
    from plans.services import plan_create
    from plans.tests.factories import FinancialYearFactory

    client = signed_in("officer.norfolk")
    register = client.get(reverse("scheme-register", args=[NORFOLK, 2016]))
    assert Scheme.objects.filter(plan__financial_year__start_year=2015).count() == 0
    assertNotContains(register, "Copy a scheme from")  # 2015/16 has none
    plan_create(
        hwb_area=_plan().hwb_area, financial_year=FinancialYearFactory(start_year=2017), user=None
    )
    register = client.get(reverse("scheme-register", args=[NORFOLK, 2017]))
    assertContains(register, "Copy a scheme from 2016/17")


def _nch2_form(client):
    nch2 = Scheme.objects.get(plan=_plan(), reference="NCH2")
    url = reverse("scheme-edit", args=[NORFOLK, 2016, nch2.pk])
    return url, _empty_form(client, url)


def test_each_error_says_once_which_row_and_box_and_links_to_the_box(signed_in):
    client = signed_in("officer.norfolk")
    url, data = _nch2_form(client)
    data |= {"risks-TOTAL_FORMS": 1, "risks-0-risk": "Staff", "risks-0-likelihood": "7",
             "risks-0-impact": "2", "investment_lines-1-amount": "lots"}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 400
    summary = _error_summary(response)
    assert (
        '<a href="#id_investment_lines-1-amount">Investment requirements, investment line 2: '
        "Amount: enter an amount in pounds, like £1,234.</a>"
    ) in summary
    assert (
        '<a href="#id_risks-0-likelihood">Risks and mitigations, risk 1: Likelihood: score it '
        "from 1 to 5.</a>"
    ) in summary
    assert "amount: Amount" not in summary
    assertContains(response, 'id="id_risks-0-likelihood-error"', status_code=400)
    assertContains(response, "govuk-input--error", count=2, status_code=400)


def test_a_post_whose_row_counts_are_tampered_with_is_refused_and_the_counts_written_again(
    signed_in,
):
    """The hidden counts of rows are written as Django writes them; counts that are not
    numbers are refused, the error summary says so, and nothing is saved."""
    client = signed_in("officer.norfolk")
    url, data = _nch2_form(client)
    shown = client.get(url).content.decode()
    assert (
        '<input type="hidden" name="milestones-TOTAL_FORMS" value="4" '
        'id="id_milestones-TOTAL_FORMS"><input type="hidden" name="milestones-INITIAL_FORMS"'
    ) in shown
    before = Scheme.objects.get(plan=_plan(), reference="NCH2").milestones.count()
    response = client.post(url, data | {"milestones-TOTAL_FORMS": "many"})
    assert response.status_code == 400
    summary = _error_summary(response)
    assert (
        '<a href="#heading-milestones">Key milestones and activities: the page&#x27;s count of '
        "rows was not understood (milestones-TOTAL_FORMS missing or not a number). Reload the page"
    ) in summary
    assertContains(response, 'name="milestones-TOTAL_FORMS"', status_code=400)
    assert Scheme.objects.get(plan=_plan(), reference="NCH2").milestones.count() == before


def test_a_name_too_long_is_refused_with_a_message_not_cut_short(signed_in):
    client = signed_in("officer.norfolk")
    url, data = _nch2_form(client)
    page = client.get(url)
    assertNotContains(page, "maxlength")
    response = client.post(url, data | {"name": "x" * 320})
    assertContains(response, "Name must be 300 characters or fewer (it has 320)", status_code=400)
    assertContains(response, "x" * 320, status_code=400)  # what was typed is kept


def test_text_boxes_are_sized_to_what_they_hold(signed_in):
    page = signed_in("officer.norfolk").get(_nch2_form(signed_in("officer.norfolk"))[0])
    assertNotContains(page, 'rows="10"')
    assertContains(page, 'id="id_milestones-0-description"', html=False)
    text = page.content.decode()
    milestone = text[text.index('name="milestones-0-description"') - 200 :][:400]
    assert 'rows="2"' in milestone


def test_words_bullets_pasted_in_are_kept_as_bullets_and_the_demo_has_none_left(signed_in):
    client = signed_in("officer.norfolk")
    url, data = _nch2_form(client)
    client.post(url, data | {"overview": "Two teams:\n\uf0b7 nursing\n\uf0a7 therapy"})
    nch2 = Scheme.objects.get(plan=_plan(), reference="NCH2")
    assert nch2.overview == "Two teams:\n• nursing\n• therapy"
    narratives = "".join(NationalConditionStatement.objects.values_list("narrative", flat=True))
    texts = narratives + "".join(Scheme.objects.values_list("overview", flat=True))
    assert "•" in narratives
    assert not any(bullet in texts for bullet in "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8")


def test_the_form_costs_the_same_queries_however_many_rows_it_shows(signed_in):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in("officer.norfolk")
    nch2 = Scheme.objects.get(plan=_plan(), reference="NCH2")
    url = reverse("scheme-edit", args=[NORFOLK, 2016, nch2.pk])
    counts = []
    for more in (0, 5):
        partner = Partner.objects.filter(hwb_areas__ons_code=NORFOLK).first()
        for n in range(more):  # more delivery-chain members, each naming a partner
            nch2.delivery_chain.create(role="provider", partner=partner, position=100 + n)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_delivery_chain_member_names_one_of_the_areas_partners(signed_in):
    client = signed_in("officer.norfolk")
    url, data = _nch2_form(client)
    page = client.get(url)
    choices = page.context["parts"]["delivery_chain"].forms[0]["partner"].field.choices
    area = Partner.objects.filter(hwb_areas__ons_code=NORFOLK)
    assert [value for value, _ in choices] == ["", *area.values_list("pk", flat=True)]
    elsewhere = Partner.objects.exclude(hwb_areas__ons_code=NORFOLK).first()
    assert elsewhere is not None
    response = client.post(url, data | {"delivery_chain-0-partner": elsewhere.pk})
    assertContains(response, "Choose one of the options offered for the partner.", status_code=400)
    response = client.post(url, data | {"lead_partner": elsewhere.pk})
    assertContains(
        response, "Choose one of the options offered for the lead partner.", status_code=400
    )


def test_the_rows_the_script_copies_are_written_once_for_the_areas_partners(signed_in, monkeypatch):
    """Each part's empty row (the `<template>` the page's script copies for a new row) is
    the same on every form of the plan's area: written once, the same HTML as the row
    written afresh, and written again when the partners it offers change."""
    from schemes import part_html
    from schemes.forms import BasePartFormSet

    client = signed_in("officer.norfolk")
    nch2 = Scheme.objects.get(plan=_plan(), reference="NCH2")
    url = reverse("scheme-edit", args=[NORFOLK, 2016, nch2.pk])
    part_html.empty_rows_forget()
    first = client.get(url)
    made = []
    real = BasePartFormSet.empty_form

    def counted(self):
        made.append(self.prefix)
        return real.fget(self)

    monkeypatch.setattr(BasePartFormSet, "empty_form", property(counted))
    again = client.get(url)
    assert made == []  # no empty form built for the second page
    for formset in again.context["parts"].values():
        row = part_html.part_row(real.fget(formset), formset, "__number__")
        assert f'<template class="portal-part__template">{row}</template>' in again.content.decode()
        assert f'<template class="portal-part__template">{row}</template>' in first.content.decode()
    partner = Partner.objects.filter(hwb_areas__ons_code=NORFOLK).order_by("pk").first()
    Partner.objects.filter(pk=partner.pk).update(name="A partner renamed & <escaped>")
    renamed = client.get(url)
    assert made == ["delivery_chain"]  # the one part whose rows name a partner
    template = renamed.content.decode().split('id="part-delivery_chain"')[1]
    template = template.split('<template class="portal-part__template">')[1].split("</template>")[0]
    assert "A partner renamed &amp; &lt;escaped&gt;" in template


def _rows_by_forms(formset) -> str:
    """The part's rows as each row's own form writes them: the oracle of `part_rows`."""
    from schemes import part_html

    return "".join(part_html.part_row(row, formset, n) for n, row in enumerate(formset, 1))


def test_a_parts_rows_are_written_from_their_values_as_their_own_forms_write_them(signed_in):
    """The form as opened writes each part's rows from their values, without building a form
    a row: the same HTML, value for value, as the rows' forms write (text that needs
    escaping, several lines, an amount not known and one in millions, a partner named or
    not, scores), and Django's counts of rows."""
    from schemes import part_html

    client = signed_in("officer.norfolk")
    nch2 = Scheme.objects.get(plan=_plan(), reference="NCH2")
    awkward = 'A & B <b>"quoted"</b> it\'s\n\nsecond line __prefix__ __number__'
    nch2.investment_lines.create(position=90, description=awkward, amount=None)
    nch2.investment_lines.create(position=91, description="Big", amount=12_345_678,
                                 potential_efficiencies=awkward)  # fmt: skip
    nch2.milestones.create(position=90, description=awkward, timescale="\nQ1 2016/17")
    nch2.outcomes.create(position=90, objective=awkward, impact="", measure="x")
    nch2.risks.create(position=90, risk=awkward, likelihood=5, impact=1, mitigation=awkward)
    partner = Partner.objects.filter(hwb_areas__ons_code=NORFOLK).order_by("pk").last()
    nch2.delivery_chain.create(position=90, role="sro", partner=partner, person=awkward)
    nch2.delivery_chain.create(position=91, role="provider", partner=None, organisation=awkward)
    part_html.empty_rows_forget()
    url = reverse("scheme-edit", args=[NORFOLK, 2016, nch2.pk])
    for _ in range(2):  # the row writers made, then kept
        response = client.get(url)
        page = response.content.decode()
        for name, formset in response.context["parts"].items():
            assert "forms" not in formset.__dict__, f"{name}: a form was built for each row"
            written = part_html.part_rows(formset)
            assert formset.initial, name
            assert written == _rows_by_forms(formset), name
            assert written in page
            counts = str(part_html.management_form(formset))
            assert counts == "".join(str(field) for field in formset.management_form)
            assert counts in page
    assert "A &amp; B &lt;b&gt;&quot;quoted&quot;&lt;/b&gt; it&#x27;s\n\nsecond line" in page
    assert "__prefix__ __number__" in page  # a value is never taken for a row's mark
    assert 'value="12,345,678"' in page
    assert f'<option value="{partner.pk}" selected>' in page
    assert '<option value="sro" selected>' in page


def test_a_part_posted_back_is_written_by_its_forms_with_what_was_typed(signed_in):
    from schemes import part_html

    client = signed_in("officer.norfolk")
    url, data = _nch2_form(client)
    response = client.post(url, data | {"risks-0-likelihood": "9", "risks-0-risk": "<typed>"})
    assert response.status_code == 400
    risks = response.context["parts"]["risks"]
    assert risks.is_bound
    assert part_html.part_rows(risks) == _rows_by_forms(risks)
    assertContains(response, "Likelihood: score it from 1 to 5.", status_code=400)
    assertContains(response, "&lt;typed&gt;", status_code=400)


def test_a_part_is_asked_for_its_rows_by_number_only(signed_in):
    """A template asks `formset["noun"]` before `formset.noun`: refused at once, without
    building a form for each row to look in."""
    client = signed_in("officer.norfolk")
    nch2 = Scheme.objects.get(plan=_plan(), reference="NCH2")
    formset = client.get(reverse("scheme-edit", args=[NORFOLK, 2016, nch2.pk])).context["parts"][
        "risks"
    ]
    with pytest.raises(TypeError):
        formset["noun"]
    assert "forms" not in formset.__dict__
    assert formset[0].prefix == "risks-0"
    assert formset[:2] == formset.forms[:2]


def test_the_form_as_opened_reads_each_part_once_in_order(signed_in):
    """Each part's rows are read once, in their order, as the values its rows show; the
    investment total as saved is worked out from the lines read, not read again."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in("officer.norfolk")
    nch2 = Scheme.objects.get(plan=_plan(), reference="NCH2")
    nch2.investment_lines.create(position=0, description="First of all", amount=None)
    url = reverse("scheme-edit", args=[NORFOLK, 2016, nch2.pk])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    for table in ("investmentline", "milestone", "outcome", "risk", "deliverychainentry"):
        assert sum(f'"schemes_{table}"' in q["sql"].split(" FROM ")[1].split()[0]
                   for q in queries if " FROM " in q["sql"]) == 1, table  # fmt: skip
    lines = response.context["parts"]["investment_lines"].initial
    assert lines[0]["description"] == "First of all"
    saved = list(nch2.investment_lines.values_list("amount", flat=True))
    investment = response.context["investment"]
    assert investment.total == sum(a for a in saved if a is not None)
    assert investment.unknown_count == saved.count(None) >= 1


def test_a_scheme_of_another_plan_is_not_found_on_this_plans_form(signed_in):
    from schemes.tests.factories import SchemeFactory

    client = signed_in("officer.norfolk")
    elsewhere = SchemeFactory()
    this_year = Scheme.objects.get(plan=_plan(), reference="NCH2")
    assert client.get(reverse("scheme-edit", args=[NORFOLK, 2016, elsewhere.pk])).status_code == 404
    assert client.get(reverse("scheme-edit", args=[NORFOLK, 2016, this_year.pk])).status_code == 200
    gone = client.post(
        reverse("scheme-delete", args=[NORFOLK, 2016, elsewhere.pk]), {"revision": 0}
    )
    assert gone.status_code == 404
    assert Scheme.objects.filter(pk=elsewhere.pk).exists()


def test_the_scheme_forms_theme_options_are_written_once_for_every_form(demo, monkeypatch):
    """The theme's options, the status's radios and the reference's width are set once on the
    fields each scheme form copies: a second form writes no option again, and shows the
    same."""
    from governance import renderers
    from schemes import forms

    plan = _plan()
    partners = forms.area_partners(plan)
    first = forms.SchemeForm(plan=plan, partners=partners)
    shown = str(first["theme"]), str(first["status"]), str(first["reference"])
    written = []
    real = renderers._option
    monkeypatch.setattr(renderers, "_option", lambda *a: written.append(a) or real(*a))
    second = forms.SchemeForm(plan=plan, partners=partners)
    assert (str(second["theme"]), str(second["status"]), str(second["reference"])) == shown
    assert written == []
    assert 'value="" selected>No county-wide theme' in shown[0]
    assert 'type="radio"' in shown[1]
    assert "Not given" not in shown[1]
    assert "govuk-input--width-10" in shown[2]
