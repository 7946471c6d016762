"""Where pre-populated (grey) cells, and the pre-filled inputs, take their values from.

A source is data in the definition; it resolves against `SourceData`, a plain
snapshot of what the portal holds for the area (loaded in one go by
`returns.selectors.source_data`), so a definition never touches the database.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class SourceData:
    """What the portal holds for one HWB area when its return is created."""

    area_name: str = ""
    population: int | None = None
    pooled_fund: int | None = None  # the plan of the return's financial year
    fund_quarters: dict[tuple[str, int], int] = field(
        default_factory=dict
    )  # ("income" | "expenditure", quarter) -> the plan's quarterly profile
    plan_metrics: dict[str, str] = field(default_factory=dict)  # metric key -> description
    metric_values: dict[tuple[str, str, str], Decimal] = field(default_factory=dict)
    earlier_answers: dict[str, dict[str, object]] = field(
        default_factory=dict
    )  # period -> id -> value
    # The area's latest earlier return of the same financial year, under the new template's
    # ids (its definition's `carry`): id -> value. Empty at the first return of a year.
    previous: dict[str, object] = field(default_factory=dict)
    # The year's plan: national condition key -> (status, target date or None).
    plan_conditions: dict[str, tuple[str, object]] = field(default_factory=dict)


class Source(ABC):
    @abstractmethod
    def resolve(self, data: SourceData): ...

    @abstractmethod
    def describe(self) -> str: ...


@dataclass(frozen=True)
class AreaName(Source):
    def resolve(self, data):
        return data.area_name or None

    def describe(self):
        return "the HWB area's name"


@dataclass(frozen=True)
class AreaPopulation(Source):
    def resolve(self, data):
        return data.population

    def describe(self):
        return "the HWB area's mid-year population"


@dataclass(frozen=True)
class PooledFund(Source):
    def resolve(self, data):
        return data.pooled_fund

    def describe(self):
        return "the pooled fund total of the year's BCF plan"


@dataclass(frozen=True)
class PlanFundQuarter(Source):
    """The plan's planned income into (or expenditure from) the fund in one quarter."""

    flow: str  # income | expenditure
    quarter: int

    def resolve(self, data):
        return data.fund_quarters.get((self.flow, self.quarter))

    def describe(self):
        return f"the planned {self.flow} of Q{self.quarter} in the year's BCF plan"


@dataclass(frozen=True)
class FirstOf(Source):
    """The first of these sources that gives a value."""

    sources: tuple[Source, ...]

    def resolve(self, data):
        for source in self.sources:
            value = source.resolve(data)
            if value is not None:
                return value
        return None

    def describe(self):
        return ", else ".join(source.describe() for source in self.sources)


@dataclass(frozen=True)
class PlanMetricText(Source):
    metric: str

    def resolve(self, data):
        return data.plan_metrics.get(self.metric) or None

    def describe(self):
        return f"the plan's description of the {self.metric.replace('_', ' ')} metric"


@dataclass(frozen=True)
class MetricFigure(Source):
    """A metric value the portal holds, e.g. the NEA baseline for Q3 2014/15."""

    metric: str
    kind: str  # baseline | plan | actual
    period: str  # fy1415_q3

    def resolve(self, data):
        value = data.metric_values.get((self.metric, self.kind, self.period))
        if value is None:
            return None
        return int(value) if value == value.to_integral_value() else value

    def describe(self):
        return f"the {self.kind} {self.metric.replace('_', ' ')} figure for {self.period}"


@dataclass(frozen=True)
class Earlier(Source):
    """The answer given in this area's return for an earlier period: the first of `ids` given."""

    period: str
    ids: tuple[str, ...]

    def resolve(self, data):
        answers = data.earlier_answers.get(self.period, {})
        for id_ in self.ids:
            if answers.get(id_) not in (None, ""):
                return answers[id_]
        return None

    def describe(self):
        return f"{' or '.join(self.ids)} in the {self.period} return"


def earlier(period: str, *ids: str) -> Earlier:
    return Earlier(period, ids)


@dataclass(frozen=True)
class Previous(Source):
    """The answer in the area's previous return of the year (whatever its template), through
    this definition's mapping of ids: the first of `ids` given."""

    ids: tuple[str, ...]

    def resolve(self, data):
        for id_ in self.ids:
            if data.previous.get(id_) not in (None, ""):
                return data.previous[id_]
        return None

    def describe(self):
        return f"{' or '.join(self.ids)} in the area's previous return of the year"


def previous(*ids: str) -> Previous:
    return Previous(ids)


@dataclass(frozen=True)
class PlanCondition(Source):
    """How the year's plan says it meets a national condition: its status or target date."""

    key: str  # the plan's condition key, e.g. nc3 for the return's nc3a
    field: str  # status | date

    def resolve(self, data):
        status, date = data.plan_conditions.get(self.key, (None, None))
        return (status or None) if self.field == "status" else date

    def describe(self):
        what = "status" if self.field == "status" else "target date"
        return f"the {what} of national condition {self.key[2:]} in the year's BCF plan"
