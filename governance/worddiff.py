"""Two values side by side with the words that changed marked, for the history and the
comparison of versions: both values in full, so a sentence added at the end of a long
narrative shows (cutting both at the same length hid it).

Words removed are wrapped in `<del>`, words added in `<ins>`; HTML's own elements, which
screen readers can announce and which the style sheet also marks without colour (struck
through, underlined). Everything else is escaped.
"""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Words and the spaces between them, each a token: marks cover whole words, spacing is kept.
WORDS = re.compile(r"\S+|\s+")


@dataclass(frozen=True)
class Marked:
    before: SafeString
    after: SafeString


def _joined(tokens: list[str]) -> str:
    return escape("".join(tokens))


def _wrapped(tag: str, tokens: list[str]) -> str:
    if not tokens:
        return ""
    text = "".join(tokens)
    core = text.strip()
    if not core:
        return escape(text)
    start = text.index(core)
    leading, trailing = text[:start], text[start + len(core) :]
    return f"{escape(leading)}<{tag}>{escape(core)}</{tag}>{escape(trailing)}"


def word_diff(before: str, after: str) -> Marked:
    """`before` and `after`, each in full, with removed and added words marked."""
    a, b = WORDS.findall(before or ""), WORDS.findall(after or "")
    old, new = [], []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            old.append(_joined(a[i1:i2]))
            new.append(_joined(b[j1:j2]))
        else:
            old.append(_wrapped("del", a[i1:i2]))
            new.append(_wrapped("ins", b[j1:j2]))
    return Marked(mark_safe("".join(old)), mark_safe("".join(new)))  # noqa: S308 (escaped)
