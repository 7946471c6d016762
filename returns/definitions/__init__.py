"""Template definitions: one per NHS England template version, looked up by its version.

A ReportingPeriod names its template version; everything about a return's
questions comes from `template(version)`. Definitions are found, not listed: every
package beside this file that has a `TEMPLATE` (or `TEMPLATES`) is one. Adding a
version is adding a package here (see docs/ARCHITECTURE.md, "How to add a template"):
no new views, forms or export code, and no list to edit.
"""

import importlib
import pkgutil
from collections.abc import Iterable

from .structure import Check, Kind, Question, Section, Template
from .values import Percent, Whole


class UnknownTemplate(LookupError):
    pass


def is_numeric(question: Question) -> bool:
    """A whole number, an amount or a percentage: a figure that adds up across areas."""
    return isinstance(question.type, Whole | Percent)


def found_in(package: str, paths: Iterable[str]) -> list[Template]:
    """Every definition in the packages under `paths` (a package's `__path__`)."""
    definitions: list[Template] = []
    for info in sorted(pkgutil.iter_modules(list(paths)), key=lambda info: info.name):
        if not info.ispkg:
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        one = getattr(module, "TEMPLATE", None)
        definitions += [one] if one is not None else list(getattr(module, "TEMPLATES", ()))
    return definitions


def _by_version(definitions: Iterable[Template]) -> dict[str, Template]:
    by_version: dict[str, Template] = {}
    for definition in definitions:
        if definition.version in by_version:
            raise ImportError(f"Two definitions are called ‘{definition.version}’.")
        by_version[definition.version] = definition
    # In the order of their periods: Q3 2015/16 first.
    return dict(sorted(by_version.items(), key=lambda item: item[1].period))


_TEMPLATES = _by_version(found_in(__name__, __path__))


def register(definition: Template) -> None:
    """Add a definition found elsewhere (a test's): as discovery would have."""
    global _TEMPLATES
    _TEMPLATES = _by_version((*_TEMPLATES.values(), definition))


def unregister(version: str) -> None:
    _TEMPLATES.pop(version, None)


def template(version: str) -> Template:
    try:
        return _TEMPLATES[version]
    except KeyError:
        raise UnknownTemplate(f"There is no template definition called ‘{version}’.") from None


def all_templates() -> tuple[Template, ...]:
    return tuple(_TEMPLATES.values())


__all__ = ["Check", "Kind", "Question", "Section", "Template", "all_templates", "template"]
