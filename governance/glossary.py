"""The abbreviations NHS England's templates use, in words: shown in full on the glossary page
and, wherever a page prints one, as an `<abbr>` with its expansion (`abbreviated`).

Symbols from the template's checklist wording (`>=`, `<>`), and the definitions' shorthand for
a national condition (`NC4A`), are put into words too (`plain`): the workbook keeps the
definition's own text.
"""

import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

GLOSSARY: dict[str, tuple[str, str]] = {
    # abbreviation: (in full, what it means here)
    "BCF": ("Better Care Fund", "The pooled budget of NHS and local government money that "
            "each Health and Wellbeing Board area plans and reports on."),
    "HWB": ("Health and Wellbeing Board", "The board of the council, NHS commissioners and "
            "others that signs off the area's plan and returns."),
    "CCG": ("clinical commissioning group", "The NHS body that commissioned hospital and "
            "community services for its patients in 2015/16."),
    "I&E": ("income and expenditure", "The money paid into the pooled budget and the money "
            "spent from it, by quarter: plan, forecast and actual."),
    "P4P": ("payment for performance", "The part of the fund paid out as non-elective "
            "admissions fall against the plan; what is not paid is unreleased."),
    "NEA": ("non-elective admission", "An emergency admission to hospital: one not planned "
            "in advance."),
    "NEAs": ("non-elective admissions", "Emergency admissions to hospital."),
    "NEL": ("non-elective", "Emergency, not planned in advance: NEL admissions are NEAs."),
    "NHS": ("National Health Service", ""),
    "s.75": ("section 75 of the NHS Act 2006", "The agreement that lets NHS and council "
             "money be pooled in one budget."),
    "DToC": ("delayed transfers of care", "Days a patient ready to leave hospital stays, "
             "waiting for care elsewhere."),
    "ICB": ("integrated care board", "The NHS body that took over from clinical "
            "commissioning groups in 2022."),
    "DTOC": ("delayed transfers of care", "Days a patient ready to leave hospital stays, "
             "waiting for care elsewhere."),
    "DFG": ("Disabled Facilities Grant", "Paid through the fund to housing authorities, for "
            "adaptations to disabled people's homes."),
    "CHC": ("NHS Continuing Healthcare", "Care arranged and funded by the NHS for someone "
            "with a primary health need."),
    "MAR": ("Monthly Activity Return", "The NHS data on hospital activity that counted "
            "non-elective admissions in 2015/16."),
    "SUS": ("Secondary Uses Service", "The NHS data on hospital activity used for "
            "non-elective admissions from 2016/17."),
    "PHB": ("personal health budget", "An amount of NHS money a person with health needs "
            "plans and spends with their care team."),
    "ONS": ("Office for National Statistics", "Its codes name each HWB area, like E10000020 "
            "for Norfolk."),
}  # fmt: skip
ABBREVIATION = re.compile(
    r"(?<![\w&.])("
    + "|".join(re.escape(a) for a in sorted(GLOSSARY, key=len, reverse=True))
    + r")(?![\w&])"
)
PLAIN = (
    (re.compile(r"\s*>=\s*"), " at least "),
    (re.compile(r"\s*<=\s*"), " at most "),
    (re.compile(r"\s*<>\s*"), " different from "),
)
# The definitions' shorthand for a national condition (NC4A) as the templates number it
# ("4) … i)", "3ii)"): National condition 4(i).
CONDITION = re.compile(r"\bNC(\d+)([A-D]?)\b")
PART = {"": "", "A": "(i)", "B": "(ii)", "C": "(iii)", "D": "(iv)"}


@lru_cache(maxsize=4096, typed=True)  # typed: safe text is kept apart from text
def plain(text: str) -> str:
    """NHS England's checklist symbols in words (`a >= b` -> `a at least b`), and the
    definitions' shorthand for a condition (`NC4A` -> `National condition 4(i)`)."""
    for pattern, words in PLAIN:
        text = pattern.sub(words, text)
    return CONDITION.sub(lambda m: f"National condition {m[1]}{PART[m[2]]}", text)


@lru_cache(maxsize=4096, typed=True)  # the same titles and labels on every page
def abbreviated(text: str) -> SafeString:
    """`text`, escaped, its abbreviations marked with their expansion."""

    def mark(match: re.Match) -> str:
        short = match.group(1)
        return f'<abbr title="{escape(GLOSSARY[short][0])}">{escape(short)}</abbr>'

    parts, last = [], 0
    for match in ABBREVIATION.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(mark(match))
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part escaped


def labelled(text) -> SafeString:
    """A label or title as a page shows it (the `abbr` filter): checklist symbols in words,
    abbreviations marked, the rest escaped."""
    return abbreviated(plain(str(text)))
