"""Template definitions: one per NHS England template version, looked up by its version.

A ReportingPeriod names its template version; everything about a return's
questions comes from `template(version)`. Adding a version is adding a module
here and a line in `_TEMPLATES`: no new views, forms or export code.
"""

from .q3_2015_16 import TEMPLATE as Q3_2015_16
from .structure import Check, Kind, Question, Section, Template
from .values import Percent, Whole

_TEMPLATES = {definition.version: definition for definition in (Q3_2015_16,)}


class UnknownTemplate(LookupError):
    pass


def is_numeric(question: Question) -> bool:
    """A whole number, an amount or a percentage: a figure that adds up across areas."""
    return isinstance(question.type, Whole | Percent)


def template(version: str) -> Template:
    try:
        return _TEMPLATES[version]
    except KeyError:
        raise UnknownTemplate(f"There is no template definition called ‘{version}’.") from None


def all_templates() -> tuple[Template, ...]:
    return tuple(_TEMPLATES.values())


__all__ = ["Check", "Kind", "Question", "Section", "Template", "all_templates", "template"]
