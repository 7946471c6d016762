"""The plain form of a sheet's cells, the shared strings, the defined names, the cell
formats, the content types and the workbook's relationships, read by pattern.

XlsxWriter, which writes the workbook an officer downloads, fills in and uploads, writes a
sheet's `<sheetData>`, the shared strings' `<si>`s, the workbook's `<definedName>`s, the
styles' `<cellXfs>`, the `<Types>` of `[Content_Types].xml` and the `<Relationships>` of a
`.rels` in one plain form: no white space between elements, attributes in the schema's
order, text with only XML's five entities and character references. LibreOffice writes all
but its defined names in that form too.
Where a part's region is in that form to the last byte, its elements are taken by one
pattern's `split`, in C, rather than by an expat callback for each, which was most of an
import's cost. Anything else (white space, comments, CDATA, rich text, inline strings,
another order, an attribute that is not expected, a character or reference XML refuses) is
not plain, and the part is read by expat as it always was: a region is taken only where
expat would read it the same way, and the reader checks everything around it with expat
(`reader.Reader._by_pattern`).
"""

import re

# Every repeat and option is possessive (`*+`, `{m,n}+`, `?+`): what follows a repeat is never
# a character it takes, and what follows an option never begins as it does, so giving any back
# could never match, and the engine keeps no place to go back to.
_TEXT = "([^<]*+)"  # checked afterwards, all the texts at once (`decoded`)
_VALUE = '="[0-9A-Za-z:. +$-]*+"'


def _ordered(*names: str) -> str:
    """Attributes that may each appear once, in this order (never twice, which expat
    refuses)."""
    return "".join(f"(?: {name}{_VALUE})?+" for name in names)


_ROW = '<row r="[1-9][0-9]{0,6}+"' + _ordered(
    "spans", "s", "customFormat", "ht", "hidden", "customHeight", "outlineLevel", "collapsed",
    "thickTop", "thickBot", "ph", "x14ac:dyDescent",
)  # fmt: skip
# A formula's end: `/>`, or its text and closing tag (the text is checked, never kept).
_FORMULA = "<f" + _ordered("t", "aca", "ref", "dt2D", "dtr", "del1", "del2", "r1", "r2", "ca",
                           "si", "bx") + "(/>|>[^<]*+</f>)"  # fmt: skip

# Each cell: (address, style, type, formula's end, value text); None where it has none.
CELLS = re.compile(
    '<c r="([A-Z]{1,3}+[0-9]{1,7}+)"(?: s="([0-9]{1,9}+)")?+(?: t="([a-zA-Z]{1,9}+)")?+'
    f"(?:/>|>(?:{_FORMULA})?+(?:<v>{_TEXT}</v>)?+</c>)"
)
# What lies between the cells, joined by a NUL for each cell (which no region holds): rows,
# each empty or holding cells, and nothing else. Joined with nothing, a cell written inside a
# row's tag (`<row r="1<c r="A1"/>">`), which expat refuses, would leave a row's tag whole.
CELL_MARK = "\x00"
ROWS = re.compile(f"(?:{_ROW}(?:/>|>\x00*+</row>))*+")
# Each shared string of one run of text, or of none.
STRINGS = re.compile(f'<si><t(?: xml:space="preserve")?+(?:/>|>{_TEXT}</t>)</si>')
# Each defined name: (name, the sheet it is scoped to, its text).
NAMES = re.compile(
    '<definedName name="([A-Za-z0-9_.\\\\?]*+)"(?: localSheetId="([0-9]{1,9}+)")?+'
    f'(?: hidden="(?:0|1|true|false)")?+>{_TEXT}</definedName>'
)

# An attribute's value as expat gives it: one with no reference, and no tab or line break
# (which expat turns into spaces), is as it is written.
_ATTRIBUTE = '"([^"<&\t\n\r]*+)"'
# Each content type of `[Content_Types].xml`: a Default's (extension, type) or an Override's
# (part name, type), the other two None.
TYPES = re.compile(
    f"<Default Extension={_ATTRIBUTE} ContentType={_ATTRIBUTE}/>"
    f"|<Override PartName={_ATTRIBUTE} ContentType={_ATTRIBUTE}/>"
)
# Each relationship of a part's `.rels`: (id, type, target, target mode or None).
RELATIONSHIPS = re.compile(
    f"<Relationship Id={_ATTRIBUTE} Type={_ATTRIBUTE} Target={_ATTRIBUTE}"
    f"(?: TargetMode={_ATTRIBUTE})?+/>"
)

# Each cell format of the styles' `cellXfs`: its number format.
FORMATS = re.compile(
    '<xf(?: numFmtId="([0-9]{1,9}+)")?+' + _ordered(
        "fontId", "fillId", "borderId", "xfId", "quotePrefix", "pivotButton",
        "applyNumberFormat", "applyFont", "applyFill", "applyBorder", "applyAlignment",
        "applyProtection",
    ) + "(?:/>|>(?:<alignment" + _ordered(
        "horizontal", "vertical", "textRotation", "wrapText", "indent", "relativeIndent",
        "justifyLastLine", "shrinkToFit", "readingOrder",
    ) + "/>)?+(?:<protection" + _ordered("locked", "hidden") + "/>)?+</xf>)"
)  # fmt: skip

# Characters no XML holds, and the carriage return, which expat turns into a line feed.
_NOT_PLAIN_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, 0x0D, *range(0x0E, 0x20)])
_BAD_REFERENCE = re.compile(r"&(?!(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});)")
_ENTITY = re.compile(r"&(?:#x([0-9a-fA-F]+)|#([0-9]+)|([a-z]+));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


class NotPlain(Exception):
    """The region is not in the plain form after all: expat reads the part."""


def region_text(region: bytes) -> str:
    """The region as text, where it holds only characters that expat would pass on as
    they are (NotPlain otherwise)."""
    if len(region.translate(None, _NOT_PLAIN_BYTES)) != len(region):
        raise NotPlain
    text = region.decode("utf-8")  # UnicodeDecodeError, as expat refuses it
    if "\ufffe" in text or "\uffff" in text:  # instant where no character is that high
        raise NotPlain
    return text


def decoded(texts: list) -> list[str]:
    """The texts of elements (None: no text) as expat gives them, checked and decoded all
    at once: NotPlain unless each is text as XML allows it, with no reference but XML's
    own. (A NUL, which `region_text` refuses and no reference makes, joins them.)"""
    if None in texts:
        texts = [text or "" for text in texts]
    joined = "\x00".join(texts)
    _check_joined(joined)
    if "&" not in joined:
        return texts
    return _ENTITY.sub(_character, joined).split("\x00")


def decoded_one(text: str) -> str:
    """One text as `decoded` gives it."""
    return decoded([text])[0]


def check(texts: list) -> None:
    """NotPlain unless each text (None: none) is as `decoded` would take it, none of them
    decoded: a formula's, which is never kept. The texts may come with the ends of their
    tags (`>` and `</f>`, or `/>`), which hold no reference and make no `]]>`."""
    joined = "\x00".join(filter(None, texts))
    _check_joined(joined)
    if "&#" in joined:
        for match in _ENTITY.finditer(joined):
            _character(match)  # NotPlain for a character XML does not allow


def _check_joined(joined: str) -> None:
    """NotPlain where the texts (joined) hold what XML refuses in text outside a character
    reference's value: `]]>`, or a reference but XML's own."""
    if ">" in joined and "]]>" in joined:
        raise NotPlain
    if "&" in joined and _BAD_REFERENCE.search(joined):
        raise NotPlain


def _character(match: re.Match) -> str:
    if match[3]:
        return _NAMED[match[3]]
    code = int(match[1], 16) if match[1] else int(match[2])
    if not (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF):  # fmt: skip
        raise NotPlain  # a character XML does not allow: expat refuses the part
    return chr(code)
