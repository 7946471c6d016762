"""The definition validator: what every template definition must hold to, in plain words.

Run by `manage.py check` (and so by CI and at every start of the portal) through
`returns.checks`, and by the tests. A definition is data written by hand from a spec
page; this catches what a slip in it would break far from the slip: an id twice, a
rule that names a question that is not there, two questions on one cell, a
checklist entry with nowhere to go, a mapping that carries text into a number, a
chart of words, a checklist that no longer matches the spec's count.
"""

import re
from collections import Counter

from .series import MEASURES
from .structure import Fields, Kind, Table, Template
from .values import Choice, Percent, ValueType, Whole

ADDRESS = re.compile(r"^[A-Z]{1,3}[1-9]\d*$")
ID = re.compile(r"^[a-z][a-z0-9_]*$")


def problems(definition: Template, others: dict[str, Template]) -> list[str]:
    """Everything wrong with `definition` (`others`: every definition, by version)."""
    found: list[str] = []
    found += _ids(definition)
    found += _references(definition)
    found += _cells(definition)
    found += _checklist(definition)
    found += _carry(definition, others)
    found += _charts(definition)
    found += _measures(definition)
    found += _cautions(definition)
    return found


def _cautions(definition: Template) -> list[str]:
    """Each "are you sure?" check: a key of its own, about a question of its section that
    an officer answers, looking only at questions."""
    found = [f"The check ‘{key}’ is declared more than once." for key in
             _repeated(c.key for c in definition.cautions)]  # fmt: skip
    for section in definition.sections:
        own = {q.id for q in section.inputs}
        for caution in section.cautions:
            for ref in sorted(ref for ref in caution.refs() if not definition.has(ref)):
                found.append(f"The check ‘{caution.key}’ refers to ‘{ref}’, which is not a "
                             "question.")  # fmt: skip
            if caution.target not in own:
                found.append(f"{section.title}: the check ‘{caution.key}’ is about "
                             f"‘{caution.target}’, not one of its answered questions.")  # fmt: skip
    return found


def _repeated(items) -> list:
    return sorted(item for item, count in Counter(items).items() if count > 1)


def _ids(definition: Template) -> list[str]:
    ids = [q.id for q in definition.questions]
    found = [f"The id ‘{id_}’ is used more than once." for id_ in _repeated(ids)]
    found += [f"The id ‘{id_}’ is not lower case with underscores." for id_ in ids
              if not ID.match(id_)]  # fmt: skip
    keys = [c.key for c in definition.checks]
    found += [f"The checklist key ‘{key}’ is used more than once." for key in _repeated(keys)]
    return found


def _references(definition: Template) -> list[str]:
    found = []
    for question in definition.questions:
        for ref in sorted(question.refs() - {q.id for q in definition.questions}):
            found.append(f"‘{question.id}’ refers to ‘{ref}’, which is not a question.")
        if question.kind is Kind.CALC and question.calc is None:
            found.append(f"‘{question.id}’ is calculated but has no calculation.")
        if question.kind is not Kind.CALC and question.calc is not None:
            found.append(f"‘{question.id}’ has a calculation but is not calculated.")
        if question.kind is Kind.PREPOP and question.source is None:
            found.append(f"‘{question.id}’ is pre-populated but says nothing of where from.")
        if question.type.widget == "select" and not question.type.choices:
            found.append(f"‘{question.id}’ is a choice with nothing to choose.")
    for check in definition.checks:
        for ref in sorted(ref for ref in check.refs() if not definition.has(ref)):
            found.append(f"The checklist entry ‘{check.key}’ refers to ‘{ref}’, which is not "
                         "a question.")  # fmt: skip
    for section in definition.sections:
        shown = [i for block in section.blocks for i in block.question_ids()]
        own = {q.id for q in section.questions}
        for id_ in sorted(set(shown) - own):
            found.append(f"{section.title}: its page shows ‘{id_}’, not one of its questions.")
        for id_ in sorted(own - set(shown)):
            found.append(f"{section.title}: its page does not show ‘{id_}’.")
        for id_ in _repeated(shown):
            found.append(f"{section.title}: its page shows ‘{id_}’ more than once.")
        if any(not isinstance(b, Fields | Table) and b.question_ids() for b in section.blocks):
            found.append(f"{section.title}: a text block holds questions.")
    try:
        definition.calc_order  # noqa: B018 (it raises on a loop)
    except ValueError as error:
        found.append(str(error))
    return found


def _cells(definition: Template) -> list[str]:
    found = [f"The tab ‘{tab}’ is listed twice." for tab in _repeated(definition.tabs)]
    found += [f"The tab name ‘{tab}’ is longer than Excel's 31 characters."
              for tab in definition.tabs if len(tab) > 31]  # fmt: skip
    for section in definition.sections:
        if section.title not in definition.tabs:
            found.append(f"The section ‘{section.title}’ has no tab.")
        cells = [q.cell for q in section.questions]
        headings = [address for address, _ in section.sheet_text]
        for address in cells + headings:
            if not ADDRESS.match(address):
                found.append(f"{section.title}: ‘{address}’ is not a cell address.")
        for address in _repeated(cells + headings):
            found.append(f"{section.title}: two things are on cell {address}.")
    return found


def _checklist(definition: Template) -> list[str]:
    found = []
    for check in definition.checks:
        if not definition.has(check.target):
            continue  # reported with the references
        if definition.question(check.target).kind is Kind.CALC:
            found.append(f"The checklist entry ‘{check.key}’ links to a calculated cell, "
                         "which nobody can answer.")  # fmt: skip
    if definition.spec_checks is not None and len(definition.checks) != definition.spec_checks:
        found.append(f"{len(definition.checks)} checklist questions, where its spec "
                     f"({definition.spec}) counts {definition.spec_checks}.")  # fmt: skip
    return found


def takes(old: ValueType, new: ValueType) -> bool:
    """Whether every value of `old` is a value of `new`."""
    if isinstance(old, Choice) or isinstance(new, Choice):
        return (
            isinstance(old, Choice)
            and isinstance(new, Choice)
            and set(old.options) <= set(new.options)
        )
    numeric = (Whole, Percent)
    if isinstance(old, numeric) or isinstance(new, numeric):
        return type(old) is type(new) and getattr(old, "money", 0) == getattr(new, "money", 0)
    if type(old) is not type(new):
        return False
    return old.max_length <= new.max_length


def _carry(definition: Template, others: dict[str, Template]) -> list[str]:
    carry = definition.carry
    if carry is None:
        return []
    before = others.get(carry.after)
    if before is None:
        return [f"It carries answers on from ‘{carry.after}’, which is not a definition."]
    found = []
    ids = {q.id for q in definition.questions}
    targets = [(old, new) for old, new in carry.renamed]
    targets += [(old, new) for old, news in carry.split for new in news]
    for old, new in targets:
        if not before.has(old):
            found.append(f"Its mapping names ‘{old}’, which {before.version} does not have.")
        elif not definition.has(new):
            found.append(f"Its mapping carries ‘{old}’ to ‘{new}’, which is not a question.")
        elif not takes(before.question(old).type, definition.question(new).type):
            found.append(f"Its mapping carries ‘{old}’ to ‘{new}’, which cannot hold its "
                         "values.")  # fmt: skip
    for question in before.questions:
        fate = carry.fate(question.id, ids)
        if fate == "unlisted":
            found.append(f"‘{question.id}’ of {before.version} is neither here nor listed as "
                         "renamed, split or retired.")  # fmt: skip
        elif fate == "same" and not takes(question.type, definition.question(question.id).type):
            found.append(f"‘{question.id}’ is in {before.version} too, with values this one "
                         "cannot hold: list it as renamed or retired.")  # fmt: skip
    return found


def _charts(definition: Template) -> list[str]:
    found = []
    charted = [(chart.id, id_) for chart in definition.charts for id_ in chart.ids]
    if definition.spread is not None:
        charted += [(definition.spread.id, definition.spread.actual),
                    (definition.spread.id, definition.spread.plan)]  # fmt: skip
    for chart, id_ in charted:
        if not definition.has(id_):
            found.append(f"The chart ‘{chart}’ shows ‘{id_}’, which is not a question.")
        elif not isinstance(definition.question(id_).type, Whole | Percent):
            found.append(f"The chart ‘{chart}’ shows ‘{id_}’, which is not a number.")
    return found


def _measures(definition: Template) -> list[str]:
    found = []
    keys = [measure.key for measure in definition.measures]
    found += [f"The measure ‘{key}’ is held twice." for key in _repeated(keys)]
    for measure in definition.measures:
        kind = MEASURES.get(measure.key)
        if kind is None:
            found.append(f"‘{measure.key}’ is not a measure that recurs across templates.")
        elif not definition.has(measure.id):
            found.append(f"The measure ‘{measure.key}’ is ‘{measure.id}’, not a question.")
        elif kind == "figure" and not isinstance(
            definition.question(measure.id).type, Whole | Percent
        ):
            found.append(f"The measure ‘{measure.key}’ is a figure; ‘{measure.id}’ is not.")
        elif kind == "progress" and not isinstance(definition.question(measure.id).type, Choice):
            found.append(
                f"The measure ‘{measure.key}’ is a metric's progress; ‘{measure.id}’ "
                "is not a choice."
            )
    return found  # fmt: skip
