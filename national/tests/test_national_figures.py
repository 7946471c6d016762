"""National figures: every numeric question of the template summed across the included
returns in SQL, checked against an independent computation: pandas over each included
area's JSON export."""

import json
import math
import random
import statistics
from decimal import Decimal

import pandas as pd
import pytest
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from national.figures import national_figures
from national.rounds import round_open
from returns.definitions import Kind, is_numeric, template
from returns.interchange import return_to_json
from returns.models import QuarterlyReturn, ReportingPeriod, ReturnStatus
from returns.services import answers_save

pytestmark = pytest.mark.django_db

Q3 = template("bcf-q3-2015-16")
NUMERIC = [q for q in Q3.questions if is_numeric(q)]
STATUSES = [ReturnStatus.DRAFT, ReturnStatus.READY, ReturnStatus.SIGNED_OFF,
            ReturnStatus.SUBMITTED]  # fmt: skip


def filled_round(seed: int = 2016) -> ReportingPeriod:
    """The round opened, and twenty areas' numeric inputs and grey cells filled with random
    figures (some left blank), in a mix of statuses."""
    period = ReportingPeriod.objects.get(quarter=3, financial_year__start_year=2015)
    round_open(period=period)
    chance = random.Random(seed)  # noqa: S311 - test figures, not secrets
    for quarterly_return in QuarterlyReturn.objects.filter(period=period).order_by("pk")[2:22]:
        values = {}
        for question in NUMERIC:
            if question.kind is Kind.CALC or chance.random() < 0.15:
                continue
            if question.type.name == "pct":
                values[question.id] = Decimal(chance.randint(0, 1000)) / 10
            else:
                values[question.id] = chance.randint(0, 5_000_000)
        answers_save(quarterly_return=quarterly_return, values=values, user=None,
                     source="import", prepopulated=True)  # fmt: skip
        quarterly_return.status = chance.choice(STATUSES)
        quarterly_return.save(update_fields=["status"])
    return period


def expected(period, include_drafts: bool) -> tuple[dict, dict, list]:
    """pandas over the JSON export of every included return: sums and areas answering."""
    returns = QuarterlyReturn.objects.filter(period=period)
    if not include_drafts:
        returns = returns.filter(status__in=(ReturnStatus.SIGNED_OFF, ReturnStatus.SUBMITTED))
    exports = [return_to_json(quarterly_return=r) for r in returns]
    frame = pd.DataFrame([e["answers"] for e in exports], columns=[q.id for q in Q3.questions])
    numbers = frame[[q.id for q in NUMERIC]].astype(float)
    return (numbers.sum().to_dict(), numbers.notna().sum().to_dict(),
            sorted(e["hwb"]["ons_code"] for e in exports), numbers)  # fmt: skip


@pytest.mark.parametrize("include_drafts", [False, True])
def test_national_figures_equal_pandas_over_every_included_areas_export(demo, include_drafts):
    period = filled_round()
    figures = national_figures(period=period, include_drafts=include_drafts)
    totals, answered, included, numbers = expected(period, include_drafts)
    assert figures.included == included
    assert 5 < len(included) <= 152
    percentages = {q.id for q in NUMERIC if q.type.name == "pct"}
    assert percentages == {"nea_plan_pct_change", "nim_phb_chc_pct"}
    # A percentage is never summed: its mean and median over the areas that answered it are.
    assert set(figures.totals) == {q.id for q in NUMERIC} - percentages
    assert set(figures.means) == set(figures.medians) == percentages
    assert set(figures.answered) == {q.id for q in NUMERIC}
    for id_ in figures.answered:
        assert figures.answered[id_] == answered[id_], id_
    for id_ in figures.totals:
        assert math.isclose(figures.totals[id_], totals[id_], rel_tol=1e-9, abs_tol=1e-6), id_
    for id_ in percentages:
        given = numbers[id_].dropna()
        assert figures.answered[id_] == len(given) > 0
        assert math.isclose(figures.means[id_], given.mean(), rel_tol=1e-9), id_
        assert math.isclose(figures.medians[id_], given.median(), rel_tol=1e-9), id_
    assert sum(figures.answered.values()) > 100  # figures there to sum, calculated ones too
    assert figures.answered["p4p_total_fund"] > 0


def test_the_command_writes_every_areas_status_and_every_numeric_total(demo, tmp_path):
    period = filled_round()
    path = tmp_path / "figures.json"
    call_command("national_figures", period="fy1516_q3", include_drafts=True, output=str(path))
    written = json.loads(path.read_text())
    assert set(written) == {"period", "include_drafts", "areas", "included", "totals", "answered",
                            "means", "medians", "synthetic"}  # fmt: skip
    assert written["period"] == "fy1516_q3"
    assert len(written["areas"]) == 152
    norfolk = written["areas"]["E10000020"]
    assert norfolk == {"status": "draft", "checks_passed": 142}
    assert {a["status"] for a in written["areas"].values()} <= {
        "not_started", "draft", "ready", "signed_off", "submitted"}  # fmt: skip
    _, answered, included, _ = expected(period, include_drafts=True)
    assert written["included"] == included
    assert written["answered"] == {k: int(v) for k, v in answered.items()}
    signed = national_figures(period=period)
    assert "E10000020" in written["included"]
    assert "E10000020" not in signed.included  # a draft


def test_no_return_signed_off_gives_totals_of_nothing_from_no_area(demo):
    figures = national_figures(
        period=ReportingPeriod.objects.get(quarter=3, financial_year__start_year=2015)
    )
    assert figures.included == []
    assert set(figures.answered.values()) == {0}
    assert figures.total("nea_actual_fy1516_q3") is None


def test_every_figure_the_charts_name_is_a_numeric_question_of_the_template():
    for chart in Q3.charts:
        for id_ in chart.ids:
            assert is_numeric(Q3.question(id_)), (chart.id, id_)
        assert all(len(ids) == len(chart.categories) for _, ids in chart.series)
    assert is_numeric(Q3.question(Q3.spread.actual))
    assert is_numeric(Q3.question(Q3.spread.plan))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.decimals(min_value=-1000, max_value=1000, places=2), min_size=1, max_size=160))
def test_a_percentages_mean_is_statistics_mean(values):
    from national.figures import _mean

    assert _mean(values) == statistics.mean(values)
