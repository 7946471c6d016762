"""seed_demo: Norfolk's real figures come out as the source gives them, and a second run
changes nothing."""

import io
import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management import call_command

from demo.sync import fixture
from metrics.models import MetricValue
from plans.models import NationalCondition, Plan
from plans.selectors import plan_contributions, plan_expenditure
from schemes.models import Scheme
from schemes.selectors import scheme_investment

pytestmark = pytest.mark.django_db

PORTAL_APPS = ["governance", "plans", "schemes", "metrics", "returns", "national", "auth"]
# A verbatim copy of ../shared/spec/norfolk-plan-2016-17.json.
NORFOLK_SPEC = fixture("norfolk-plan-2016-17.json")


def everything() -> dict[str, list]:
    """Every row of the portal's tables (and users), serialised, per model."""
    return {
        model._meta.label: json.loads(serializers.serialize("json", model.objects.order_by("pk")))
        for app in PORTAL_APPS
        for model in apps.get_app_config(app).get_models()
    }


def seed(monkeypatch, tmp_path, settings, password="demo-pass-for-tests") -> str:
    settings.DEMO_PASSWORD_FILE = tmp_path / "demo-password"
    monkeypatch.setenv("DEMO_PASSWORD", password)
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_running_it_twice_changes_nothing(monkeypatch, tmp_path, settings):
    seed(monkeypatch, tmp_path, settings)
    first = everything()

    seed(monkeypatch, tmp_path, settings)
    second = everything()

    assert {label: len(rows) for label, rows in second.items()} == {
        label: len(rows) for label, rows in first.items()
    }
    assert second == first  # not a field, not a timestamp, not a password hash moved


def test_norfolks_q3_return_is_signed_off_as_in_the_source_and_locked(
    monkeypatch, tmp_path, settings
):
    from returns.models import AnswerChange, QuarterlyReturn
    from returns.services import ReturnLocked, answers_save

    seed(monkeypatch, tmp_path, settings)
    norfolk = QuarterlyReturn.objects.get(hwb_area__ons_code="E10000020", period__quarter=3)
    body = fixture("norfolk-q3-2015-16.json")["signed_off"]["body"]
    assert norfolk.status == "signed_off"
    assert [(e.kind, e.user.username) for e in norfolk.events.all()] == [
        ("ready", "officer.norfolk"), ("signed_off", "signoff.norfolk")
    ]  # fmt: skip
    assert norfolk.versions.get().on_behalf_of == body
    with pytest.raises(ReturnLocked):
        answers_save(quarterly_return=norfolk, values={"narrative": "x"}, user=None, source="form")
    # Its history runs from the grey cells filled at creation to every answer imported.
    sources = set(
        AnswerChange.objects.filter(quarterly_return=norfolk).values_list("source", flat=True)
    )
    assert sources == {"created", "import"}
    assert (
        AnswerChange.objects.filter(quarterly_return=norfolk)
        .values("question_id")
        .distinct()
        .count()
        >= 188
    )


def test_norfolks_plan_went_to_nhs_england_twice_as_a_draft_as_in_the_source(
    monkeypatch, tmp_path, settings
):
    """The Board's April 2016 paper (4.8): two drafts, without the financial allocations or
    a risk share; without financial resolution the plan will not be approved."""
    from governance.submissions import submissions_of
    from national.assurance import assurance_of
    from plans.models import Plan

    seed(monkeypatch, tmp_path, settings)
    plan = Plan.objects.get(hwb_area__ons_code="E10000020", financial_year__start_year=2016)
    second, first = submissions_of(plan)
    assert [(s.kind, s.number) for s in (first, second)] == [("plan_draft", 1), ("plan_draft", 2)]
    assert (plan.status, second.replaces) == ("draft", first)
    feedback = assurance_of(first)
    assert feedback.status == "superseded"
    assert feedback.outcome.get_outcome_display() == "Feedback given"
    assert "without financial resolution" in feedback.outcome.text.lower()
    assert next(line for line in feedback.lines if line.key == "finance").rating == "red"
    queried = assurance_of(second)
    assert queried.status == "queried"
    (query,) = queried.queries
    assert [c.user.username for c in query.comments.all()] == ["nhse.midlandseast",
                                                               "officer.norfolk"]  # fmt: skip


def test_it_prints_every_demo_login_and_the_password(monkeypatch, tmp_path, settings):
    output = seed(monkeypatch, tmp_path, settings, password="s3cret-demo")

    for username in ["officer.norfolk", "signoff.norfolk", "analyst", "admin", "officer.other"]:
        assert username in output
        assert get_user_model().objects.get(username=username).check_password("s3cret-demo")
    assert "password for all: s3cret-demo" in output
    assert "local use only" in output


def test_the_password_is_hashed_once_for_every_demo_user(monkeypatch, tmp_path, settings):
    """A password hash costs a third of a second with production's hasher: the demo's users
    share their password, so they share one hash of it, worked out once per run, and a
    second run checks it once."""
    from django.contrib.auth.hashers import get_hasher

    hasher = type(get_hasher())
    counts = {"salt": 0, "verify": 0}  # a new hash takes a new salt; a check, verify

    def counting(name):
        original = getattr(hasher, name)

        def counted(self, *args):
            counts[name] += 1
            return original(self, *args)

        return counted

    for name in counts:
        monkeypatch.setattr(hasher, name, counting(name))

    seed(monkeypatch, tmp_path, settings)
    assert counts == {"salt": 1, "verify": 0}
    hashes = set(get_user_model().objects.values_list("password", flat=True))
    assert len(hashes) == 1
    assert "" not in hashes

    seed(monkeypatch, tmp_path, settings)
    assert counts == {"salt": 1, "verify": 1}

    seed(monkeypatch, tmp_path, settings, password="another-password")
    assert counts == {"salt": 2, "verify": 2}
    assert get_user_model().objects.get(username="admin").check_password("another-password")


def test_it_e_mails_no_one_for_the_steps_it_replays(
    monkeypatch, tmp_path, settings, django_capture_on_commit_callbacks
):
    """The demo's sign-off is history being loaded, not news: no notification goes out (and
    none is printed between the plans and the logins)."""
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        seed(monkeypatch, tmp_path, settings)
    assert callbacks == []
    assert mail.outbox == []


def test_without_demo_password_one_is_generated_once_and_kept(monkeypatch, tmp_path, settings):
    settings.DEMO_PASSWORD_FILE = tmp_path / "demo-password"
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)

    call_command("seed_demo", stdout=io.StringIO())
    generated = settings.DEMO_PASSWORD_FILE.read_text().strip()
    out = io.StringIO()
    call_command("seed_demo", stdout=out)

    assert len(generated) >= 12
    assert f"password for all: {generated}" in out.getvalue()
    assert get_user_model().objects.get(username="officer.norfolk").check_password(generated)


def test_changing_demo_password_updates_the_users(monkeypatch, tmp_path, settings):
    seed(monkeypatch, tmp_path, settings, password="first-password")
    seed(monkeypatch, tmp_path, settings, password="second-password")
    assert get_user_model().objects.get(username="analyst").check_password("second-password")


class TestNorfolkAsTheSourceGivesIt:
    @pytest.fixture(autouse=True)
    def _seeded(self, demo):
        self.plan_1617 = Plan.objects.get(
            hwb_area__ons_code="E10000020", financial_year__start_year=2016
        )
        self.plan_1516 = Plan.objects.get(
            hwb_area__ons_code="E10000020", financial_year__start_year=2015
        )

    def test_2016_17_contributions_total_63_573_469_and_match_the_pooled_fund(self):
        table = plan_contributions(plan=self.plan_1617)
        assert table.total == 63_573_469
        assert table.difference_from_pooled_fund == 0
        assert table.total_last_year == 62_461_000
        assert len(table.rows) == 6  # the council and five CCGs

    def test_each_partners_contribution_is_the_sources(self):
        table = plan_contributions(plan=self.plan_1617)
        got = {row.partner.code: (row.amount, row.amount_last_year) for row in table.rows}
        assert got == {
            p["code"]: (p["contribution_2016_17"], p["contribution_2015_16"])
            for p in NORFOLK_SPEC["partners"]
        }

    def test_2015_16_planned_expenditure_totals_62_462_000(self):
        table = plan_expenditure(plan=self.plan_1516)
        assert table.total == 62_462_000
        assert {row.label: row.amount for row in table.rows}["Social Care"] == 37_099_000
        # The source's own figures differ by £1,000 from the pooled fund; we show that.
        assert table.difference_from_pooled_fund == 1_000

    def test_2016_17_planned_expenditure_is_blank_as_in_the_draft(self):
        assert plan_expenditure(plan=self.plan_1617).is_empty

    def test_21_schemes_with_the_sources_references(self):
        references = set(self.plan_1617.schemes.values_list("reference", flat=True))
        assert references == {s["reference"] for s in NORFOLK_SPEC["schemes"]}
        assert len(references) == 21

    def test_nch1_investment_totals_982_676(self):
        investment = scheme_investment(scheme=Scheme.objects.get(reference="NCH1"))
        assert (investment.total, investment.line_count, investment.unknown_count) == (
            982_676,
            6,
            0,
        )

    def test_nch2_investment_totals_5_425_424_with_one_unknown_line(self):
        investment = scheme_investment(scheme=Scheme.objects.get(reference="NCH2"))
        assert (investment.total, investment.line_count, investment.unknown_count) == (
            5_425_424,
            4,
            1,
        )

    def test_both_national_condition_catalogues(self):
        by_year = {
            year: list(
                NationalCondition.objects.filter(financial_year__start_year=year).values_list(
                    "key", flat=True
                )
            )
            for year in (2015, 2016)
        }
        assert by_year[2015] == ["nc1", "nc2", "nc3", "nc4a", "nc4b", "nc4c", "nc5", "nc6"]
        assert by_year[2016] == [f"nc{n}" for n in range(1, 9)]
        numbers_1516 = set(
            NationalCondition.objects.filter(financial_year__start_year=2015).values_list(
                "number", flat=True
            )
        )
        assert numbers_1516 == {1, 2, 3, 4, 5, 6}  # six conditions, the fourth in three parts

    def test_nea_baseline_plan_and_actual_figures_of_p4p_md(self):
        values = {
            f"{v.kind}_{v.period_code}": int(v.value)
            for v in MetricValue.objects.filter(
                hwb_area__ons_code="E10000020", definition__key="non_elective_admissions"
            ).select_related("financial_year")
        }
        assert values == {
            "baseline_fy1314_q4": 22905,
            "baseline_fy1415_q1": 23320,
            "baseline_fy1415_q2": 23029,
            "baseline_fy1415_q3": 23835,
            "plan_fy1415_q4": 22667,
            "plan_fy1516_q1": 22702,
            "plan_fy1516_q2": 21812,
            "plan_fy1516_q3": 22642,
            "plan_fy1516_q4": 23331,
            "actual_fy1415_q4": 23331,
            "actual_fy1516_q1": 23335,
            "actual_fy1516_q2": 24104,
            "actual_fy1516_q3": 23268,
        }

    def test_sign_off_blocks_for_the_five_ccgs_the_council_and_the_hwb(self):
        blocks = list(self.plan_1617.sign_off_blocks.all())
        assert [b.on_behalf_of for b in blocks] == NORFOLK_SPEC["signatories"]
        assert [b.partner is None for b in blocks] == [False] * 6 + [True]
        assert not any(b.is_signed for b in blocks)  # the source's blocks are blank
