"""What a template definition is made of: questions, checks, sections, page blocks.

A `Template` is data. The forms, the checklist, the JSON interchange and the
workbook all read it; none of them knows a question id.
"""

import enum
from dataclasses import dataclass, field, replace
from functools import cached_property

from governance.glossary import plain

from .carry import CarryForward
from .logic import AllOf, Cond, Expr, answered_unless_not_needed
from .provenance import Mark
from .series import Measure
from .sources import Source
from .values import ValueType


class Kind(enum.StrEnum):
    """The template's colour key."""

    INPUT = "input"  # yellow: the HWB enters it
    PREPOP = "prepop"  # grey: filled from earlier returns or national data
    CALC = "calc"  # computed from other cells


@dataclass(frozen=True)
class Question:
    """One cell of the template, with the id that names it everywhere."""

    id: str
    kind: Kind
    type: ValueType
    label: str
    cell: str  # its address on the section's tab, e.g. "O8"
    hint: str = ""
    short_label: str = ""  # for a table cell, where row and column say the rest
    required: bool | Cond = False  # True, or "required when" this condition holds
    applicable_when: Cond | None = None  # asked only when this holds
    source: Source | None = None  # prepop: where it comes from; input: what pre-fills it
    calc: Expr | None = None

    @property
    def is_input(self) -> bool:
        return self.kind is Kind.INPUT

    @property
    def name(self) -> str:
        """What a person is told it is called: its short label (else its label) in words."""
        return plain(self.short_label or self.label)

    def refs(self) -> set[str]:
        refs: set[str] = set()
        for part in (self.applicable_when, self.calc, self.required_when):
            if part is not None:
                refs |= part.refs()
        return refs

    @property
    def required_when(self) -> Cond | None:
        return None if isinstance(self.required, bool) else self.required

    def check(self) -> "Check | None":
        """The checklist question a required input contributes."""
        if self.required is False:
            return None
        condition = self.required_when
        if self.applicable_when is not None and condition != self.applicable_when:
            # Not asked -> not needed.
            condition = (
                self.applicable_when
                if condition is None
                else AllOf((self.applicable_when, condition))
            )
        return Check(
            key=self.id,
            label=self.short_label or self.label,
            target=self.id,
            rule=answered_unless_not_needed(self.id, condition),
            needed_when=self.required_when,
            applies_when=condition,
        )


@dataclass(frozen=True)
class Check:
    """One checklist question: Yes when `rule` holds. `target` is the field it links to."""

    key: str
    label: str
    target: str
    rule: Cond
    message: str = ""  # shown when it fails; default: "Answer this question"
    needed_when: Cond | None = None  # for a question required only sometimes: when
    # When the question is asked at all (None: always). One that does not apply passes the
    # checklist (the Cover counts it), but is neither answered nor missing on the task list.
    applies_when: Cond | None = None

    def refs(self) -> set[str]:
        return self.rule.refs() | {self.target}


@dataclass(frozen=True)
class Caution:
    """An "are you sure?" check: not a rule of the template (its checklist and workbook do not
    hold it) but a figure worth a second look, declared beside the rules. When `when` holds,
    the officer confirms the figure with a short explanation before the return is marked
    ready; the confirmation stands while the figures it looked at stay as they were.

    `key` is stable (confirmations are kept under it); `target` is the question it is about;
    `ask` says, in words, what looks wrong, for the page that interrupts."""

    key: str
    target: str
    when: Cond
    ask: str

    def refs(self) -> set[str]:
        return self.when.refs() | {self.target}


# Page blocks: how a section's questions are laid out on its page (and its tab).


@dataclass(frozen=True)
class Fields:
    """Questions one under another, optionally in a fieldset with a heading."""

    ids: tuple[str, ...]
    heading: str = ""
    hint: str = ""

    def question_ids(self) -> tuple[str, ...]:
        return self.ids


@dataclass(frozen=True)
class Table:
    """A grid: each row a header and one id (or None for an empty cell) per column."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str | None, ...]], ...]
    row_header: str = ""
    previous_caption: str = ""  # when its inputs are amendable: the previously returned table

    def question_ids(self) -> tuple[str, ...]:
        return tuple(id_ for _, ids in self.rows for id_ in ids if id_)


@dataclass(frozen=True)
class Text:
    """Guidance shown on the page (NHS England's words)."""

    heading: str
    body: str

    def question_ids(self) -> tuple[str, ...]:
        return ()


Block = Fields | Table | Text


@dataclass(frozen=True)
class Section:
    number: int
    title: str  # the tab name, e.g. "4. Non-Elective and P4P"
    slug: str
    items: tuple[Question | Check, ...]  # in checklist order
    blocks: tuple[Block, ...] = ()
    intro: str = ""
    checklist_heading: str = ""
    # Headings on the section's tab that its tables and labels do not give: (cell, text).
    sheet_text: tuple[tuple[str, str], ...] = ()
    # How sure the spec is of its questions: one mark for the section, and the exceptions
    # as (id, mark). A section shared by two templates is `shared()` with each one's marks.
    mark: Mark = Mark.V
    marked: tuple[tuple[str, Mark], ...] = ()
    # The portal's "are you sure?" checks on the section's figures (not the template's).
    cautions: tuple[Caution, ...] = ()

    def mark_of(self, id_: str) -> Mark:
        return self._marks.get(id_, self.mark)

    @cached_property
    def _marks(self) -> dict[str, Mark]:
        """`marked` as a dict, made once (a question's mark is asked for every question)."""
        return dict(self.marked)

    def shared(self, number: int, title: str, slug: str | None = None, **changes) -> "Section":
        """This section's questions in another template: its own tab number, name and marks."""
        return replace(self, number=number, title=title, slug=slug or self.slug, **changes)

    @property
    def short_title(self) -> str:
        return self.title.split(". ", 1)[-1]

    @cached_property
    def questions(self) -> tuple[Question, ...]:
        return tuple(item for item in self.items if isinstance(item, Question))

    @cached_property
    def checks(self) -> tuple[Check, ...]:
        checks = []
        for item in self.items:
            check = item if isinstance(item, Check) else item.check()
            if check is not None:
                checks.append(check)
        return tuple(checks)

    @cached_property
    def inputs(self) -> tuple[Question, ...]:
        return tuple(question for question in self.questions if question.is_input)


@dataclass(frozen=True)
class FigureChart:
    """A chart of a template's figures: categories (quarters) down, a bar per series, each
    bar one question's figure (None where the template asks none)."""

    id: str
    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[str | None, ...]], ...]  # (name, an id per category)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(id_ for _, ids in self.series for id_ in ids if id_)


@dataclass(frozen=True)
class FigureSpread:
    """How far each area's `actual` is from its `plan`, in percent of the plan: compared
    across areas."""

    id: str
    title: str
    actual: str
    plan: str


@dataclass(frozen=True)
class Template:
    version: str  # e.g. "bcf-q3-2015-16"; a ReportingPeriod names it
    name: str
    period: str  # "fy1516_q3"
    sections: tuple[Section, ...]
    tabs: tuple[str, ...] = ()  # every workbook tab, in order
    guidance: str = ""
    # Which figures an area's and the national pages chart, by question id.
    charts: tuple["FigureChart", ...] = ()
    spread: "FigureSpread | None" = None
    # The measures that recur across templates, and which question holds each here.
    measures: tuple[Measure, ...] = ()
    # How the previous template's ids map into this one's (None: the first template).
    carry: CarryForward | None = None
    # The number of checklist questions in the spec's table, which the validator holds it to.
    spec_checks: int | None = None
    spec: str = ""  # the spec page it is written from, e.g. "q4-2015-16.md"
    # NHS England's key lines of enquiry for a submitted return (`enquiries.py`).
    enquiries: tuple = ()
    _by_id: dict = field(default_factory=dict, compare=False, repr=False, init=False)

    def __post_init__(self):
        for section in self.sections:
            for question in section.questions:
                self._by_id.setdefault(question.id, (question, section))

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for section in self.sections for q in section.questions)

    @property
    def checks(self) -> tuple[Check, ...]:
        return tuple(c for section in self.sections for c in section.checks)

    @property
    def cautions(self) -> tuple[Caution, ...]:
        return tuple(c for section in self.sections for c in section.cautions)

    def question(self, id_: str) -> Question:
        return self._by_id[id_][0]

    def section_of(self, id_: str) -> Section:
        return self._by_id[id_][1]

    def section(self, slug: str) -> Section:
        for section in self.sections:
            if section.slug == slug:
                return section
        raise KeyError(slug)

    def has(self, id_: str) -> bool:
        return id_ in self._by_id

    def mark(self, id_: str) -> Mark:
        return self.section_of(id_).mark_of(id_)

    @cached_property
    def reconstructed(self) -> tuple[Question, ...]:
        """The questions whose wording nobody has seen in this template: inferred from others."""
        return tuple(q for q in self.questions if self.mark(q.id).reconstructed)

    @cached_property
    def reconstructed_by_section(
        self,
    ) -> tuple[tuple[Section, tuple[tuple[Question, Mark], ...]], ...]:
        """((section, ((question, mark), …)), …) of the reconstructed questions: what a return's
        overview and its workbook's Guidance sheet list."""
        grouped = []
        for section in self.sections:
            rows = tuple((q, section.mark_of(q.id)) for q in section.questions
                         if section.mark_of(q.id).reconstructed)  # fmt: skip
            if rows:
                grouped.append((section, rows))
        return tuple(grouped)

    @property
    def financial_year(self) -> str:
        """`fy1516`, of the period it is for."""
        return self.period.split("_")[0]

    @property
    def quarter(self) -> int:
        return int(self.period.rsplit("_q", 1)[1])

    def of_kind(self, kind: Kind) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.kind is kind)

    @cached_property
    def calc_order(self) -> tuple[Question, ...]:
        """The calculated questions, each after every calculation it uses."""
        calcs = {q.id: q for q in self.of_kind(Kind.CALC)}
        ordered: list[Question] = []
        placed: set[str] = set()

        def place(question: Question, path: tuple[str, ...]) -> None:
            if question.id in placed:
                return
            if question.id in path:
                raise ValueError(f"Calculations refer to each other: {' -> '.join(path)}")
            for ref in sorted(question.calc.refs()):
                if ref in calcs:
                    place(calcs[ref], (*path, question.id))
            placed.add(question.id)
            ordered.append(question)

        for question in calcs.values():
            place(question, ())
        return tuple(ordered)
