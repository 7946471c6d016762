"""Text the portal keeps: only what both a database column and a workbook cell can hold.

Control characters other than tab and the line breaks, and code points that are not
characters (lone surrogates, U+FFFE, U+FFFF), have no place in XML, so no workbook cell
holds them, and PostgreSQL keeps no NUL. Every way text arrives refuses them with the same
message: return values (their value types), plans and schemes (their forms and the register
import) and the workflow's reasons.
"""

import re

UNKEEPABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
UNKEEPABLE_MESSAGE = (
    "Remove the invisible control character (pasted from another program?): only letters, "
    "numbers, punctuation, tabs and line breaks can be kept."
)


def text_problem(text: str) -> str | None:
    """Why this text cannot be kept, or None."""
    return UNKEEPABLE_MESSAGE if UNKEEPABLE.search(text) else None


def required_text(value: str | None, *, limit: int, empty: str, too_long: str, refuse) -> str:
    """Text a person must give (a reason, a comment), stripped. `refuse(message)` is raised
    when it is empty (`empty`), longer than `limit` (`too_long`, formatted with `limit` and
    `length`), or holds what cannot be kept."""
    value = (value or "").strip()
    if not value:
        raise refuse(empty)
    if len(value) > limit:
        raise refuse(too_long.format(limit=limit, length=len(value)))
    if problem := text_problem(value):
        raise refuse(problem)
    return value


# Word's bullets pasted from the Symbol and Wingdings fonts arrive as private-use characters
# that no other font draws (an empty box): shown as the bullet they were. (A pattern, not
# str.translate with a table: translating a scheme's long overview looked up each of its
# characters in the table, 3 ms of the plan page.)
WORD_BULLETS = re.compile("[\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8]")


def readable(text: str) -> str:
    """`text` as a page shows it: Word's font-specific bullets as bullets."""
    return WORD_BULLETS.sub("•", text)
