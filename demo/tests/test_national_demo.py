"""`seed_demo --national`: every other real area gets a return of made-up figures, in a mix
of states, marked synthetic on its pages and in its files; Norfolk keeps its real figures;
a second run changes nothing."""

import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from national.figures import national_figures
from returns.models import QuarterlyReturn, ReportingPeriod
from returns.selectors import return_answers
from returns.workbook import return_workbook_bytes

# The national demo is made once per test database (conftest.py: `national`): these tests
# share one, on one worker (conftest.py: SHARED_SET_UP).
pytestmark = pytest.mark.django_db


def test_the_national_demo_fills_the_other_areas_in_a_mix_of_states(national):
    from demo.national import SYNTHETIC_PERIODS
    from returns.definitions import template

    made, seconds = national
    assert seconds < 120
    synthetic = QuarterlyReturn.objects.filter(synthetic=True).select_related("period")
    assert synthetic.count() == made
    for code in SYNTHETIC_PERIODS:  # Q3 and Q4 2015/16, Q1 and Q2 2016/17
        of_period = [r for r in synthetic if r.period.code == code]
        assert 100 < len(of_period) < 150, code  # some areas have not started
        assert {r.status for r in of_period} == {"draft", "ready", "signed_off", "submitted"}
        checks = len(template(of_period[0].template_version).checks)
        assert all(r.checks_passed == checks for r in of_period if r.status != "draft"), code
    norfolk = QuarterlyReturn.objects.get(hwb_area__ons_code="E10000020", period__quarter=3)
    assert not norfolk.synthetic
    assert return_answers(quarterly_return=norfolk)["nea_actual_fy1516_q3"] == 23268
    from demo.national import national_demo_load

    assert national_demo_load() == 0  # again: nothing more


def test_synthetic_figures_say_so_on_their_pages_and_in_their_files(national, signed_in):
    client = signed_in("analyst.national")
    one = QuarterlyReturn.objects.filter(
        synthetic=True,
        status="signed_off",
        period__quarter=3,
        period__financial_year__start_year=2015,
    ).first()
    args = [one.hwb_area.ons_code, "fy1516_q3"]
    for url in (reverse("return", args=args), reverse("area-metrics", args=args[:1]),
                reverse("return-section", args=[*args, "cover"])):  # fmt: skip
        assertContains(client.get(url), "Synthetic figures: made up by the portal’s national demo")
    assertNotContains(client.get(reverse("return", args=["E10000020", "fy1516_q3"])),
                      "Synthetic figures")  # fmt: skip
    assert one.workbook_filename.endswith("-SYNTHETIC.xlsx")
    cover = openpyxl.load_workbook(io.BytesIO(return_workbook_bytes(quarterly_return=one)))
    assert "SYNTHETIC FIGURES" in cover["1. Cover"]["B2"].value
    figures = national_figures(
        period=ReportingPeriod.objects.get(quarter=3, financial_year__start_year=2015)
    )
    assert one.hwb_area.ons_code in figures.synthetic
    page = client.get(reverse("national-figures", args=["fy1516_q3"]))
    assertContains(page, f"{len(figures.synthetic)} with synthetic figures")
    assertContains(client.get(reverse("round-status", args=["fy1516_q3"])), "Synthetic figures")


def test_seed_demo_national_run_again_makes_nothing_and_says_where_to_look(national, capsys):
    before = QuarterlyReturn.objects.count()
    call_command("seed_demo", national=True)
    out = capsys.readouterr().out
    assert "National demo: 0 synthetic returns made" in out
    assert "/national/rounds/fy1516_q3/" in out
    assert QuarterlyReturn.objects.count() == before


def test_a_second_run_puts_each_areas_people_back_as_the_demo_gives_them(national):
    """An area's officer renamed and given a password, its sign-off member's membership
    given a partner, another area's officer's membership deleted: a second run puts each
    back (and makes no return)."""
    from django.contrib.auth import get_user_model

    from demo.national import national_demo_load
    from governance.models import Membership, Partner, Role

    User = get_user_model()
    officer = User.objects.get(username="officer.e09000001")
    officer.first_name = "Renamed"
    officer.set_password("a-password")
    officer.save()
    signer = Membership.objects.get(user__username="signoff.e09000001")
    signer.partner = Partner.objects.first()
    signer.save()
    Membership.objects.filter(user__username="officer.e09000002").delete()
    users, memberships = User.objects.count(), Membership.objects.count()

    assert national_demo_load() == 0

    officer.refresh_from_db()
    assert (officer.first_name, officer.has_usable_password()) == ("Officer", False)
    assert Membership.objects.get(user__username="signoff.e09000001").partner is None
    again = Membership.objects.get(user__username="officer.e09000002")
    assert (again.role, again.hwb_area.ons_code) == (Role.COMMISSIONING_OFFICER, "E09000002")
    assert (User.objects.count(), Membership.objects.count()) == (users, memberships + 1)


def test_nhs_england_has_queried_some_submissions_and_accepted_others(national):
    from governance.conversations import conversations_on
    from governance.models import Submission
    from national.assurance import STATUS_LABELS, status_of, with_status

    statuses = {status_of(s) for s in with_status(Submission.objects.filter(kind="return"))}
    assert {"queried", "accepted", "awaiting"} <= statuses, [STATUS_LABELS[s] for s in statuses]
    accepted = next(s for s in with_status(Submission.objects.all()) if status_of(s) == "accepted")
    (query,) = conversations_on(accepted)
    assert not query.is_open
    assert query.comments.count() == 2  # asked, and answered by the area's officer


def test_a_plan_in_each_region_is_approved_subject_to_conditions_one_met(national):
    from governance.models import Submission
    from national.assurance import assurance_of

    plans = Submission.objects.filter(kind="plan").select_related("hwb_area")
    assert sorted(p.hwb_area.region for p in plans) == [
        "London", "Midlands and East", "North", "South"]  # fmt: skip
    for submission in plans:
        state = assurance_of(submission)
        assert state.status_label == "Approved subject to conditions"
        assert [c.met_at is not None for c in state.conditions] == [False, True]


def _seen(state) -> tuple:
    """What a return's pages and workbook take from its state."""
    from returns.selectors import return_cautions

    cautions = [
        (one.caution.key, one.confirmation and one.confirmation.pk, one.figures)
        for one in return_cautions(state=state)
    ]
    return (state.answers, state.values, state.previous_values, state.checklist, cautions)


def test_every_national_demo_return_reads_in_a_batch_as_it_does_alone(national):
    """The national batch reads many returns' states at once: their answers in one query,
    their confirmations prefetched."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from returns.selectors import return_state, return_states

    returns = list(
        QuarterlyReturn.objects.select_related("hwb_area", "period__financial_year")
        .prefetch_related("confirmations__user")
        .order_by("pk")
    )
    with CaptureQueriesContext(connection) as queries:
        states = return_states(returns=returns)
        together = [_seen(state) for state in states]
    alone = [_seen(return_state(quarterly_return=QuarterlyReturn.objects.get(pk=r.pk)))
             for r in returns]  # fmt: skip
    assert together == alone
    assert len(queries) == 1  # the answers; the confirmations came with the returns
    assert any(cautions for *_, cautions in together)  # some confirmed, some asked
