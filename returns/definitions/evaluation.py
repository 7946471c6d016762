"""A return's values worked through its definition: calculations, applicability, the checklist.

Pure functions of (template, values), with no database: the forms, the
checklist page, the JSON export and the workbook writer all call these.
"""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cached_property

from governance.glossary import plain
from governance.progress import Progress, progress

from .logic import Given
from .structure import Caution, Check, Question, Section, Template


def _as_value(number: Fraction | None, question: Question):
    if number is None:
        return None
    if number.denominator == 1:
        integral = int(number)
        return Decimal(integral) if question.type.name == "pct" else integral
    return Decimal(number.numerator) / Decimal(number.denominator)


def calculate(template: Template, values: dict) -> dict:
    """`values` (inputs and pre-populated) plus every calculated id."""
    everything = dict(values)
    for question in template.calc_order:
        everything[question.id] = _as_value(question.calc.evaluate(everything), question)
    return everything


def is_applicable(question: Question, values: dict) -> bool:
    """Whether the question is asked, given the other answers (always, when it has no rule)."""
    return question.applicable_when is None or question.applicable_when.holds(values)


@dataclass(frozen=True)
class CheckResult:
    check: Check
    passed: bool
    message: str = ""  # why it fails, in words; empty when it passes
    applies: bool = True  # False: the question is not asked, given the other answers

    @property
    def done(self) -> bool:
        """Answered (or otherwise passing) and asked: what the task list counts as done."""
        return self.passed and self.applies


@dataclass(frozen=True)
class SectionResult:
    section: Section
    results: tuple[CheckResult, ...]
    started: bool = False  # any of the section's own inputs holds a value

    @cached_property
    def answered(self) -> int:
        """The Cover's "No. of questions answered": the section's checks that pass (counted
        once: a page asks it of each section several times)."""
        return sum(result.passed for result in self.results)

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def complete(self) -> bool:
        return self.answered == self.total

    @cached_property
    def applicable(self) -> int:
        """The section's checks that apply now: a question not asked is neither done nor to do."""
        return sum(result.applies for result in self.results)

    @cached_property
    def done(self) -> int:
        return sum(result.done for result in self.results)

    @property
    def to_do(self) -> int:
        return self.total - self.answered

    @property
    def progress(self) -> Progress:
        return progress(started=self.started, to_do=self.to_do)


@dataclass(frozen=True)
class Checklist:
    sections: tuple[SectionResult, ...]

    @property
    def complete(self) -> bool:
        return all(section.complete for section in self.sections)

    @cached_property
    def answered(self) -> int:
        return sum(section.answered for section in self.sections)

    @cached_property
    def total(self) -> int:
        return sum(section.total for section in self.sections)

    @property
    def to_do(self) -> int:
        return self.total - self.answered

    def failing(self) -> list[CheckResult]:
        return [r for section in self.sections for r in section.results if not r.passed]

    def for_section(self, slug: str) -> SectionResult:
        return next(s for s in self.sections if s.section.slug == slug)


def failure_message(template: Template, check: Check) -> str:
    if check.message:
        return plain(check.message)
    if check.needed_when is not None:

        def label(id_: str) -> str:
            return template.question(id_).name

        return f"Answer this question: it is needed because {check.needed_when.describe(label)}."
    return "Answer this question."


def _result(template: Template, check: Check, values: dict) -> CheckResult:
    passed = check.rule.holds(values)
    applies = check.applies_when is None or check.applies_when.holds(values)
    return CheckResult(check, passed, "" if passed else failure_message(template, check), applies)


def checklist(template: Template, values: dict) -> Checklist:
    """Every checklist question's Yes/No, from values that include the calculations."""
    return Checklist(
        tuple(
            SectionResult(
                section,
                tuple(_result(template, c, values) for c in section.checks),
                started=any(is_answered(question, values) for question in section.inputs),
            )
            for section in template.sections
        )
    )


def is_answered(question: Question, values: dict) -> bool:
    return Given(question.id).holds(values)


def tripped(template: Template, values: dict) -> tuple[Caution, ...]:
    """The template's "are you sure?" checks that these values trip."""
    return tuple(caution for caution in template.cautions if caution.when.holds(values))


def caution_figures(caution: Caution, values: dict) -> dict[str, str | None]:
    """The figures a check looks at, as text: what a confirmation was given for."""
    return {id_: None if values.get(id_) is None else str(values.get(id_))
            for id_ in sorted(caution.refs())}  # fmt: skip
