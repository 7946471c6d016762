"""The key lines of enquiry every template declares for NHS England's reviewers: each line the
portal answers turns red on the data that should make it red, and green on the data that
should make it green, in every template."""

import pytest

from returns.definitions import all_templates
from returns.definitions.enquiries import NO_IMPROVEMENT, ON_TARGET
from returns.definitions.values import NC_STATUS

BY_VERSION = {definition.version: definition for definition in all_templates()}
versions = pytest.mark.parametrize("version", sorted(BY_VERSION))


def line(version: str, key: str):
    return next(e for e in BY_VERSION[version].enquiries if e.key == key)


def rating(version: str, key: str, values: dict) -> tuple[str, str]:
    finding = line(version, key).evaluate(values)
    return finding.rating, finding.finding


def conditions_met(version: str) -> dict:
    return {q.id: "Yes" for q in BY_VERSION[version].questions
            if q.type is NC_STATUS and q.id.endswith("_status") and q.is_input}  # fmt: skip


@versions
def test_every_template_declares_its_key_lines(version):
    keys = [e.key for e in BY_VERSION[version].enquiries]
    assert keys == ["conditions", "income-and-expenditure", "metrics", "narrative"]
    assert line(version, "narrative").evaluate is None  # the reviewer judges it


@versions
def test_conditions_green_when_all_met_red_when_one_is_not_and_has_no_date(version):
    values = conditions_met(version)
    assert rating(version, "conditions", values)[0] == "green"
    first = next(iter(values))
    not_met = {**values, first: "No"}
    red, found = rating(version, "conditions", not_met)
    assert red == "red"
    assert "no date given" in found
    dated = {**not_met, first.removesuffix("_status") + "_date": "2016-03-31"}
    assert rating(version, "conditions", dated)[0] == "amber"


@versions
def test_income_and_expenditure_green_near_plan_red_far_from_it(version):
    definition = BY_VERSION[version]
    cautions = [c for c in definition.cautions if c.key.endswith("_far_from_plan")]
    near = {ref: 1_000_000 for c in cautions for ref in c.when.refs()}
    assert rating(version, "income-and-expenditure", near)[0] == "green"
    actual = cautions[0].target
    red, found = rating(version, "income-and-expenditure", {**near, actual: 2_000_000})
    assert red == "red"
    assert "differs from the plan" in found


@versions
def test_metrics_green_on_track_amber_short_red_with_no_improvement(version):
    progress = [q.id for q in BY_VERSION[version].questions
                if q.is_input and q.type.name == "metric_progress"]  # fmt: skip
    on_track = dict.fromkeys(progress, ON_TARGET)
    assert rating(version, "metrics", on_track)[0] == "green"
    short = {**on_track, progress[0]: "Data not available to assess progress"}
    assert rating(version, "metrics", short)[0] == "amber"
    worse = {**on_track, progress[-1]: NO_IMPROVEMENT}
    assert rating(version, "metrics", worse)[0] == "red"
