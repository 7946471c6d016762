"""A sheet's plain cells, the shared strings and the defined names are read in C
(`governance/uploads/_cells.c`) where the install built it, and whatever a region holds, the C
reads it exactly as the Python beside it does: the same values in the same order, counted the
same, or a failure where the Python fails (the reader then reads the part with expat, which
says what the file is). Where the C is not sure, it leaves the region to the Python."""

from pathlib import Path
from unittest import mock

import pytest
from django.core import checks
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from governance.uploads import parts
from governance.uploads.reader import Reader
from governance.uploads.refusals import LIMITS, Limits

from .test_plain_uploads import WRITTEN, defined_names, outcome, shared_strings, sheet_with

STRINGS = ["first", "second", "", "fourth"]
DATE_STYLES = {1, 7}  # cell styles that show a number as a date

needs_c = pytest.mark.skipif(parts._cells is None, reason="the C part is not built")


def test_the_install_built_the_c_part():
    """The README's machines have a C compiler and Python's headers: without them the
    install goes on, and uploads are read in Python, more slowly (docs/PERFORMANCE.md)."""
    assert parts._cells is not None, "pip install -e . with gcc and python3-dev installed"


@needs_c
def test_the_c_part_is_built_from_its_source_as_it_is():
    """An editable install builds it once: after a change to the source, install again."""
    built = Path(parts._cells.__file__).stat().st_mtime
    assert built >= (Path(parts.__file__).parent / "_cells.c").stat().st_mtime, (
        "governance/uploads/_cells.c changed since it was built: pip install -e . again"
    )


def test_without_the_c_part_manage_py_check_says_so():
    assert not [m for m in checks.run_checks() if m.id == "governance.W001"]
    with mock.patch.object(parts, "_cells", None):
        (warning,) = [m for m in checks.run_checks() if m.id == "governance.W001"]
    assert "read in Python" in warning.msg
    assert "gcc" in warning.hint
    assert "pip install -e ." in warning.hint


def sheet(reader: Reader) -> parts.SheetHandler:
    return parts.SheetHandler(reader, STRINGS, DATE_STYLES, date1904=False)


# What each handler keeps of its region, in order.
KEPT = {
    parts.SheetHandler: lambda handler: list(handler.cells.items()),
    parts.StringsHandler: lambda handler: handler.strings,
    parts.WorkbookHandler: lambda handler: list(handler.names.items()),
}


def read_part(make, region: str, in_c: bool, limits: Limits = LIMITS):
    """What the handler `make(reader)` makes of `region` by its `read_plain`: what it keeps
    and the reader's counts, or "failed" (the reader then reads the part with expat)."""
    reader = Reader(WRITTEN, limits, "a return")
    handler = make(reader)
    with mock.patch.object(parts, "_cells", parts._cells if in_c else None):
        try:
            handler.read_plain(region)
        except Exception:  # any failure sends the part to expat
            return "failed"
    return KEPT[type(handler)](handler), reader.elements, reader.chars, reader.cells


def read(region: str, in_c: bool, limits: Limits = LIMITS):
    """What `SheetHandler.read_plain` makes of `region`."""
    return read_part(sheet, region, in_c, limits)


def taken_by_c(region: str) -> bool:
    """Whether the C read the region itself (rather than leaving it to the Python)."""
    handler = sheet(Reader(WRITTEN, LIMITS, "a return"))
    try:
        return handler._read_plain_in_c(region)
    except Exception:  # failed in C: taken, and refused there
        return True


# What a region is made of: mostly as XlsxWriter writes it, and the edges of the form.
def mostly(usual: list[str], edges: list[str]):
    return st.sampled_from(usual * 6 + edges)


ADDRESSES = mostly(
    ["A1", "B2", "C14", "XFD1", "A1048576", "AB12", "A01"],
    ["ZZZ1", "XFE1", "A0", "A1048577", "A12345678", "ABCD1", "a1", "$A$1", ""],
)
STYLES = mostly(
    ["", ' s="0"', ' s="1"', ' s="7"', ' s="123456789"'], [' s="1234567890"', ' s=""', ' s="x"']
)
KINDS = mostly(
    ["", ' t="s"', ' t="str"', ' t="n"', ' t="b"', ' t="e"', ' t="d"'],
    [' t="inlineStr"', ' t="abcdefghij"', ' t=""', ' t="s1"'],
)
TEXTS = mostly(
    [
        "",
        "0",
        "1",
        "3",
        "4",
        "-1",
        "1.5",
        "42370",
        "007",
        "123456789012345678",
        "1234567890123456789",
        "Yes",
        "true",
        "a&amp;b",
        "&#49;",
        "é £",
        "x" * 40,
    ],
    [" 1", "\uff11", "a_x000D_b", "_x", "&bogus;", "]]>", "a>b", "€", "\U0001f600_x", "\u20ac&"],
)
FORMULAS = mostly(
    [
        "",
        "",
        "<f>SUM(A1:A2)</f>",
        '<f t="shared" si="0"/>',
        '<f t="shared" ref="A1:A3" si="0">A1&amp;"x"</f>',
    ],
    ["<f>&#0;</f>", "<f>]]></f>", "<f>a>b</f>", '<f si="0" t="shared"/>', "<f>", "<f/>"],
)
VALUES = mostly(["", "<v>{}</v>", "<v>{}</v>"], ["<v>{}", "<v/>"])
ROW_NUMBERS = mostly(["1", "2", "30", "1048576"], ["1048577", "0", "01", "12345678", "x"])
ROW_ATTRIBUTES = mostly(
    ["", ' spans="1:3"', ' spans="1:3" ht="15" customHeight="1"', ' x14ac:dyDescent="0.25"'],
    [' ht="15" spans="1:3"', ' spans="1:3', ' spans="1&amp;"'],
)


@st.composite
def cell(draw) -> str:
    head = f'<c r="{draw(ADDRESSES)}"{draw(STYLES)}{draw(KINDS)}'
    inner = draw(FORMULAS) + draw(VALUES).replace("{}", draw(TEXTS))
    if not inner and draw(st.booleans()):
        return head + "/>"
    return f"{head}>{inner}</c>"


@st.composite
def region(draw) -> str:
    out = []
    for _ in range(draw(st.integers(0, 3))):
        tag = f'<row r="{draw(ROW_NUMBERS)}"{draw(ROW_ATTRIBUTES)}'
        content = "".join(draw(cell()) for _ in range(draw(st.integers(0, 3))))
        if not content and draw(st.booleans()):
            out.append(tag + "/>")
        else:
            out.append(f"{tag}>{content}</row>")
    return draw(changed("".join(out), ["<c", "</row>", "<row"]))


@st.composite
def changed(draw, text: str, tags: list[str]) -> str:
    """`text`, or cut short, or with something out of the form put in, anywhere."""
    change = draw(st.sampled_from(["none"] * 6 + ["cut", "insert"]))
    if change != "none" and text:
        at = draw(st.integers(0, len(text)))
        inserted = draw(st.sampled_from(["<", ">", '"', " ", "\n", "&", *tags]))
        text = text[:at] if change == "cut" else text[:at] + inserted + text[at:]
    return text


CHECKED = settings(max_examples=2000, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow])  # fmt: skip


@needs_c
@CHECKED
@given(text=region())
def test_any_region_reads_in_c_as_in_python(text):
    assert read(text, in_c=True) == read(text, in_c=False)


@needs_c
@pytest.mark.parametrize("limits", [
    Limits(cell_chars=3), Limits(total_chars=12), Limits(cells=2), Limits(rows=1),
    Limits(elements=6),
], ids=repr)  # fmt: skip
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=region())
@example(text='<row r="1"><c r="A1" t="str"><v>' + "x" * 40 + "</v></c></row>")
@example(text='<row r="1"><c r="A1"><v>42370</v></c><c r="B1" t="s"><v>1</v></c></row>')
def test_at_each_limit_a_region_reads_in_c_as_in_python(limits, text):
    assert read(text, True, limits) == read(text, False, limits)


@needs_c
@pytest.mark.parametrize(("text", "in_c"), [
    ('<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1"><v>12</v></c></row>', True),
    ('<row r="1" spans="1:2"><c r="A1" s="1"><v>42370</v></c></row><row r="2"/>', True),
    ('<row r="1"><c r="A1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>', True),
    ('<row r="1"><c r="A1" t="str"><v>a&amp;b</v></c></row>', True),
    ('<row r="1"><c r="A1" t="str"><v>a_x000D_b</v></c></row>', True),
    ('<row r="1"><c r="A1" t="s"><v>4</v></c></row>', True),
    ('<row r="1"><c r="A1" t="str"><v>]]></v></c></row>', True),
    ("", True),
    ('<row r="1"><c r="A1" t="str"><v>1</v></c></row>'.replace("1</v>", "\u20ac</v>"), True),
    ('<c r="A1"><v>1</v></c>', False),
    ('<row r="1"><c r="A1" s="1234567890"><v>1</v></c></row>', False),
], ids=["strings and numbers", "a date and an empty row", "a formula with an ampersand",
        "a text with an ampersand", "an escaped character", "past the last string",
        "a text XML refuses", "no cells", "a character of two bytes",
        "a cell outside a row", "a style too long"])  # fmt: skip
def test_the_c_takes_its_form_and_leaves_the_rest_to_the_python(text, in_c):
    assert taken_by_c(text) is in_c
    assert read(text, in_c=True) == read(text, in_c=False)


@needs_c
def test_a_workbook_reads_the_same_with_its_cells_read_in_c_or_in_python():
    for content in (WRITTEN, sheet_with('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')):
        in_c = outcome(content)
        assert in_c[0] != "refused"
        with mock.patch.object(parts, "_cells", None):
            assert outcome(content) == in_c


NAME_EDGES = ['<definedName name="a" localSheetId="1234567890">x</definedName>',
              '<definedName name="a" hidden="true">x</definedName>',
              '<definedName name="a" hidden="false" localSheetId="0">x</definedName>',
              '<definedName name="a\\b?" localSheetId="1" hidden="0">x</definedName>',
              '<definedName name="a">Data!$A$1</definedName>' * 2,
              '<definedName name="a">"\u20ac\U0001f600"</definedName>']  # fmt: skip
STRING_EDGES = [
    '<si><t xml:space="preserve"> a </t></si>',
    '<si><t xml:space="x">a</t></si>',
    "<si><t>a_x000D_b</t></si>",
    "<si><t>\u20ac&</t></si>",
    "<si><t>\u20ac</t></si>",
    "<si><t/></si>",
]


@st.composite
def names_region(draw) -> str:
    text = draw(defined_names()) + "".join(draw(st.lists(st.sampled_from(NAME_EDGES), max_size=2)))
    return draw(changed(text, ["<definedName", "</definedName>"]))


@st.composite
def strings_region(draw) -> str:
    text = draw(shared_strings()) + "".join(draw(st.lists(st.sampled_from(STRING_EDGES),
                                                          max_size=2)))  # fmt: skip
    return draw(changed(text, ["<si>", "</t>", "<t>"]))


@needs_c
@pytest.mark.parametrize(("handler_class", "regions"), [
    (parts.StringsHandler, strings_region()), (parts.WorkbookHandler, names_region()),
], ids=["shared strings", "defined names"])  # fmt: skip
@CHECKED
@given(data=st.data())
def test_any_strings_or_names_read_in_c_as_in_python(handler_class, regions, data):
    text = data.draw(regions)
    assert read_part(handler_class, text, True) == read_part(handler_class, text, False)


@needs_c
@pytest.mark.parametrize(("handler_class", "text", "in_c"), [
    (parts.StringsHandler,
     '<si><t>a</t></si><si><t xml:space="preserve"> b&amp;c </t></si><si><t/></si>', True),
    (parts.StringsHandler, "<si><t>\u20ac</t></si><si><t>\U0001f600 &amp;</t></si>", True),
    (parts.StringsHandler, "<si><r><t>a</t></r></si>", False),
    (parts.WorkbookHandler,
     '<definedName name="a" localSheetId="2" hidden="1">Data!$A$1</definedName>', True),
    (parts.WorkbookHandler, '<definedName name="_xlnm.a\\b?" hidden="false">x</definedName>',
     True),
    (parts.WorkbookHandler, '<definedName name="a">&quot;x&quot;</definedName>', True),
    (parts.WorkbookHandler, '<definedName name="a" comment="c">x</definedName>', False),
], ids=["strings", "characters of two and four bytes", "rich text", "names",
        "every character of a name", "a quoted text", "another attribute"])  # fmt: skip
def test_the_c_takes_plain_strings_and_names_and_leaves_the_rest(handler_class, text, in_c):
    in_c_reader = {parts.StringsHandler: parts._cells.strings,
                   parts.WorkbookHandler: parts._cells.names}[handler_class]  # fmt: skip
    assert (in_c_reader(text, lambda t: t) is not None) is in_c
    assert read_part(handler_class, text, True) == read_part(handler_class, text, False)
