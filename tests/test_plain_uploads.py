"""A workbook's plain regions (a sheet's cells, the shared strings, the defined names, the cell
formats, the content types, the workbook's relationships) are read by pattern
(`governance/uploads/plain.py`), and whatever a file holds, the reader says of it exactly what
expat alone says: the same values, counted the same, or the same refusal."""

import io
import re
from unittest import mock

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from governance.uploads import WorkbookRefused, read_workbook
from governance.uploads import parts as parts_module
from governance.uploads import reader as reading
from governance.uploads.parts import SheetHandler, StylesHandler, WorkbookHandler
from governance.uploads.refusals import Limits
from returns.tests.test_workbook_export import libreoffice_saved

from .hostile import parts, zipped

SHEET, STRINGS, WORKBOOK = "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml"
STYLES, TYPES, RELATIONS = "xl/styles.xml", "[Content_Types].xml", "xl/_rels/workbook.xml.rels"


def _written() -> bytes:
    """A workbook as XlsxWriter writes one: text with every character XML escapes, a date,
    numbers, a formula with its result, a boolean, names for the workbook and for a sheet."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Data")
    book.add_worksheet("Other").write("A1", "not read")
    dated = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write("A1", "Income & expenditure <Q3> \"plan\" 'actual' £ é ]] >")
    sheet.write("B2", 23268)
    sheet.write("C3", -1.5)
    sheet.write_number("D4", 42370, dated)
    sheet.write_formula("E5", '=IF(B2>0,"Yes","No")', None, "Yes")
    sheet.write_boolean("F6", True)
    sheet.write("G7", "  spaced  ")
    sheet.write("A1048576", "the last row")
    sheet.write("XFD9", "the last column")
    book.define_name("cover_hwb", "=Data!$A$1")
    book.define_name("bcf_template", '="bcf-q3-2015-16"')
    book.define_name("Data!local", "=Data!$B$2")
    book.close()
    return buffer.getvalue()


WRITTEN = _written()

CHECKED = settings(max_examples=500, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow])  # fmt: skip


def outcome(content: bytes, limits: Limits = reading.LIMITS):
    """What the reader says of `content`: the book and what it counted, or the refusal."""
    counted, read = [], reading.Reader.book

    def book(self, wanted):
        found = read(self, wanted)
        counted.append((self.elements, self.chars, self.cells, self.total_bytes))
        return found

    with mock.patch.object(reading.Reader, "book", book):
        try:
            return repr(
                read_workbook(content, sheets={"Data"}, what="a return", limits=limits)
            ), counted
        except WorkbookRefused as refused:
            return "refused", str(refused)


def by_expat(content: bytes, limits: Limits = reading.LIMITS):
    """`outcome`, with every part read by expat."""
    with mock.patch.object(reading, "PATTERN_BYTES", 0):
        return outcome(content, limits)


def parts_read_by_pattern(content: bytes) -> list[str]:
    reader = reading.Reader(content, reading.LIMITS, "a return")
    reader.book({"Data"})
    return reader.read_by_pattern


def test_a_workbook_as_xlsxwriter_writes_it_is_read_by_pattern_as_expat_reads_it():
    assert parts_read_by_pattern(WRITTEN) == [TYPES, WORKBOOK, RELATIONS, STYLES, STRINGS, SHEET]
    assert outcome(WRITTEN) == by_expat(WRITTEN)
    book = read_workbook(WRITTEN, sheets={"Data"}, what="a return")
    assert book.sheets["Data"].value("A1") == (
        "Income & expenditure <Q3> \"plan\" 'actual' £ é ]] >"
    )
    assert book.cell("cover_hwb", "Data", "B2") == ("Data", "A1", book.sheets["Data"].value("A1"))
    assert book.cell("Data!local", "Data", "B2") == ("Data", "B2", 23268)  # not the book's
    assert "local" not in book.names  # scoped to a sheet: not one of the workbook's names


def test_a_name_is_followed_to_one_cell_of_a_sheet_read_and_else_the_address_is():
    names = {"here": "Data!$B$2", "there": "Other!$A$1", "range": "Data!$A$1:$B$2"}
    sheet = reading.Sheet("Data", {(1, 1): "a", (2, 2): 5})
    book = reading.Book(["Data", "Other"], names, {"Data": sheet})
    assert book.cell("here", "Data", "A1") == ("Data", "B2", 5)
    assert book.cell("there", "Data", "A1") == ("Data", "A1", "a")  # a sheet not read
    assert book.cell("range", "Data", "A1") == ("Data", "A1", "a")
    assert book.cell("gone", "Data", "B2") == ("Data", "B2", 5)
    assert book.cell("gone", "Data", "C3") == ("Data", "C3", None)
    assert book.cell("gone", "Data", "not a cell") == ("Data", "not a cell", None)


@pytest.mark.libreoffice
def test_a_workbook_libreoffice_saved_has_all_but_its_names_read_by_pattern(tmp_path):
    saved = libreoffice_saved(WRITTEN, tmp_path)
    # Its defined names are not in the plain form (their order differs).
    assert parts_read_by_pattern(saved) == [TYPES, RELATIONS, STYLES, STRINGS, SHEET]
    assert outcome(saved) == by_expat(saved)
    assert read_workbook(saved, sheets={"Data"}, what="a return").sheets["Data"].cells == (
        read_workbook(WRITTEN, sheets={"Data"}, what="a return").sheets["Data"].cells
    )


def with_region(part: str, opening: str, closing: str, region: str) -> bytes:
    """WRITTEN with the content of one element of one part (from `opening` to `closing`)
    replaced by `region`."""
    files = parts(WRITTEN)
    xml = files[part].decode()
    start = xml.index(opening) + len(opening)
    files[part] = (xml[:start] + region + xml[xml.index(closing, start) :]).encode()
    return zipped(files)


def sheet_with(rows: str) -> bytes:
    return with_region(SHEET, "<sheetData>", "</sheetData>", rows)


def strings_with(items: str) -> bytes:
    """WRITTEN with these shared strings, and the sheet's cells two of them."""
    files = parts(with_region(STRINGS, '">', "</sst>", items))
    xml = files[SHEET].decode()
    start = xml.index("<sheetData>") + len("<sheetData>")
    files[SHEET] = (xml[:start] + '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s">'
                    "<v>1</v></c></row>" + xml[xml.index("</sheetData>") :]).encode()  # fmt: skip
    return zipped(files)


def styles_with(formats: str) -> bytes:
    """WRITTEN with these cell formats, and the sheet a number in each of the first six (a
    date where its format is one)."""
    files = parts(with_region(STYLES, '<cellXfs count="2">', "</cellXfs>", formats))
    files[SHEET] = parts(sheet_with("".join(
        f'<row r="{n + 1}"><c r="A{n + 1}" s="{n}"><v>42370</v></c></row>' for n in range(6)
    )))[SHEET]  # fmt: skip
    return zipped(files)


def names_with(names: str) -> bytes:
    return with_region(WORKBOOK, "<definedNames>", "</definedNames>", names)


def types_with(types: str) -> bytes:
    """WRITTEN with these content types before its own."""
    return with_region(TYPES, 'content-types">', '<Default Extension="rels"', types)


def relations_with(relations: str) -> bytes:
    """WRITTEN with these relationships of the workbook before its own."""
    return with_region(RELATIONS, 'relationships">', '<Relationship Id="rId1"', relations)


def with_head(content: bytes, part: str, root: str, container: str, head: str) -> bytes:
    """`content` with what lies in one part between its root's start tag and its
    container's (before the region) replaced by `head`."""
    files = parts(content)
    xml = files[part].decode()
    start = xml.index(">", xml.index(f"<{root}")) + 1
    files[part] = (xml[:start] + head + xml[xml.index(f"<{container}") :]).encode()
    return zipped(files)


def sheet_headed(head: str) -> bytes:
    return with_head(WRITTEN, SHEET, "worksheet", "sheetData", head)


# A date format's number, and the cell formats that use it: see which reach the sheet.
DATED_STYLES = styles_with("".join(f'<xf numFmtId="{n}"/>' for n in (0, 14, 164, 165, 166, 0)))


def styles_headed(head: str) -> bytes:
    return with_head(DATED_STYLES, STYLES, "styleSheet", "cellXfs", head)


# Pieces of what comes before a sheet's cells and the styles' cell formats: elements the
# handler reads nothing of (most), those it reads, with a prefix or not, and what could hide a
# tag or looks like one (a comment, a processing instruction, CDATA, text, `>` in a value).
SHEET_HEAD = st.sampled_from([
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>', '<dimension ref="A1:C9"/>',
    '<sheetViews><sheetView workbookViewId="0"><selection activeCell="B2" sqref="B2"/>'
    "</sheetView></sheetViews>", '<sheetFormatPr defaultRowHeight="15"/>',
    '<cols><col min="1" max="3" width="12.7" customWidth="1"/></cols>',
] * 4 + [
    '<row r="7"><c r="A7"><v>5</v></c></row>', '<c r="B8" t="s"><v>0</v></c>',
    '<x:c r="C8"><v>6</v></x:c>', '<row r="9"/>', '<c r="D9"/>', "<v>4</v>", "<t>x</t>",
    '<cx r="A1"/>', "<rows/>", "<col/>", '<!-- <c r="A1"><v>9</v></c> -->',
    "<!-- <x/> -->", '<?pi <c r="A1"?>', '<![CDATA[<c r="A2"><v>1</v></c>]]>', "\n", "text>",
    '<sheetPr codeName="a>b"/>', '<sheetPr\tcodeName="x"/>', "&amp;", "<c\nr=\"E5\"><v>2</v></c>",
    "</c>",
])  # fmt: skip
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STYLES_HEAD = st.sampled_from([
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>',
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>',
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>',
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>',
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0"/></cellStyleXfs>',
] * 4 + [
    '<numFmt numFmtId="165" formatCode="yyyy"/>', '<numFmts><numFmt numFmtId="164" '
    'formatCode="0.0"/></numFmts>', f'<x:numFmt xmlns:x="{MAIN_NS}" numFmtId="166" '
    'formatCode="mm"/>', f'<x:cellXfs xmlns:x="{MAIN_NS}"><xf numFmtId="14"/></x:cellXfs>',
    '<numFmts count="0"/>', '<numFmtX numFmtId="165" formatCode="yyyy"/>', "<cellXfsY/>",
    '<font name="a>b"/>', '<font\tname="c"/>', "<font>text</font>",
    '<!-- <numFmt numFmtId="165" formatCode="yyyy"/> -->', '<?pi <numFmt?>', "\n",
])  # fmt: skip


@pytest.mark.parametrize(("pieces", "made"), [(SHEET_HEAD, sheet_headed),
                                               (STYLES_HEAD, styles_headed)],
                         ids=["sheet", "styles"])  # fmt: skip
@CHECKED
@given(data=st.data())
def test_whatever_lies_before_a_region_reads_as_expat_reads_it(pieces, made, data):
    content = made("".join(data.draw(st.lists(pieces, max_size=6))))
    assert outcome(content) == by_expat(content)


def test_a_head_is_parsed_without_the_handler_past_the_last_tag_it_reads():
    """A sheet reads nothing before its cells, the styles their number formats before their
    cell formats: past those, expat parses the head without the handler's callbacks. Not
    where a comment or the like could hide a tag, nor in a part whose head is short."""
    files = parts(WRITTEN)

    def quiet(data: bytes, handler, container: bytes):
        return reading._quiet_from(handler, data, data.index(b"<" + container))

    assert quiet(files[SHEET], SheetHandler, b"sheetData") == 0
    styles = files[STYLES]
    assert styles[quiet(styles, StylesHandler, b"cellXfs") :].startswith(b"</numFmts><fonts")
    commented = styles.replace(b"<fonts", b"<!-- a comment --><fonts")
    assert quiet(commented, StylesHandler, b"cellXfs") is None
    processed = files[SHEET].replace(b"<sheetViews", b"<?pi x?><sheetViews")
    assert quiet(processed, SheetHandler, b"sheetData") is None
    late = files[SHEET].replace(b"<sheetFormatPr", b'<c r="A1"/><sheetFormatPr')
    assert late[quiet(late, SheetHandler, b"sheetData") :].startswith(b"<sheetFormatPr")
    assert quiet(files[WORKBOOK], WorkbookHandler, b"definedNames") is None


def test_cell_formats_around_the_region_are_read_as_expat_reads_them():
    """An element the styles read only inside cell formats (`xf`) comes after the last tag
    they read, inside cell formats opened before: the handler reads on there."""
    files = parts(DATED_STYLES)
    files[STYLES] = (
        files[STYLES]
        .replace(b"<cellXfs", f'<x:cellXfs xmlns:x="{MAIN_NS}"><xf numFmtId="14"/><cellXfs'
                 .encode(), 1)
        .replace(b"</cellXfs>", b"</cellXfs></x:cellXfs>", 1)
    )  # fmt: skip
    content = zipped(files)
    assert STYLES in parts_read_by_pattern(content)
    assert outcome(content) == by_expat(content)
    assert "datetime" in outcome(content)[0]


# Pieces of text, the plain (most of them) and the not: references good and bad, characters
# XML refuses or changes, the escapes of OOXML, and what ends a CDATA section.
PLAIN_TEXT = ["a", "1", "0", "-", ".", " ", "E+5", "é", "€", "£", "&amp;", "&lt;", "&gt;",
              "&quot;", "&apos;", "&#65;", "&#x41;", "&#x1F600;", ">", "]", "\n", "\t", "_x000D_",
              "_x005F_x000D_"]  # fmt: skip
ODD_TEXT = ["&#0;", "&#xD800;", "&#xFFFE;", "&#1114112;", "&bogus;", "&", "&amp", "]]>", "\r",
            "\x01", "\ufffe", "<"]  # fmt: skip
TEXT = st.lists(st.sampled_from(PLAIN_TEXT * 8 + ODD_TEXT), max_size=6).map("".join)
JUNK = st.sampled_from([""] * 24 + [" ", "\n", "<!-- c -->", "<x/>", "<![CDATA[x]]>"])


@st.composite
def cells(draw) -> str:
    address = draw(st.sampled_from(["A1", "B2", "C14", "XFD1", "A1048576"] * 3
                                   + ["ZZZ1", "A0", "A1048577", "$A$1"]))  # fmt: skip
    style = draw(st.sampled_from(["", ' s="0"', ' s="1"'] * 3 + [' s="x"', ' s=""']))
    kind = draw(st.sampled_from(["", ' t="s"', ' t="str"', ' t="n"', ' t="b"', ' t="e"',
                                 ' t="d"', ' t="inlineStr"', ' t=""']))  # fmt: skip
    attributes = draw(st.sampled_from([f' r="{address}"{style}{kind}'] * 6 + [
        f'{style} r="{address}"{kind}', f"{style}{kind}", f' r="{address}"{style}{kind} r="A2"',
    ]))  # fmt: skip
    formula = draw(st.sampled_from([
        "", "<f>{}</f>", '<f t="shared" si="0"/>', '<f t="shared" ref="A1:A3" si="0">{}</f>',
        '<f si="0" t="x"/>',
    ])).replace("{}", draw(TEXT))  # fmt: skip
    value = draw(st.sampled_from(["", "<v>{}</v>", "<v>{}</v>", "<v>{}</v>", "<v/>",
                                  "<is><t>{}</t></is>"])).replace("{}", draw(TEXT))  # fmt: skip
    inner = formula + draw(JUNK) + value
    if not inner and draw(st.booleans()):
        return f"<c{attributes}/>"
    return f"<c{attributes}>{inner}</c>"


@st.composite
def rows(draw) -> str:
    out = []
    for _ in range(draw(st.integers(0, 4))):
        number = draw(st.sampled_from(["1", "2", "30", "999999", "1000000", "1048576"] * 3
                                      + ["1048577", "0", "x"]))  # fmt: skip
        attributes = draw(st.sampled_from(["", ' spans="1:3"', ' spans="1:3" ht="15"',
                                           ' x14ac:dyDescent="0.25"'] * 3
                                          + [' ht="15" spans="1:3"', ' spans="1" spans="2"',
                                             ' ht="1&amp;"', ' spans="<c r="A1"/>"']))  # fmt: skip
        content = "".join(draw(JUNK) + draw(cells()) for _ in range(draw(st.integers(0, 4))))
        if not content and draw(st.booleans()):
            out.append(f'<row r="{number}"{attributes}/>')
        else:
            out.append(f'<row r="{number}"{attributes}>{content}</row>{draw(JUNK)}')
    return "".join(out)


def repeated(draw, one) -> str:
    """None to a few of what `one()` draws, each followed by junk, mostly none."""
    return "".join(one() + draw(JUNK) for _ in range(draw(st.integers(0, 5))))


@st.composite
def shared_strings(draw) -> str:
    def one() -> str:
        text = draw(TEXT)
        return draw(st.sampled_from([
            f"<si><t>{text}</t></si>", f"<si><t>{text}</t></si>", f"<si><t>{text}</t></si>",
            f'<si><t xml:space="preserve">{text}</t></si>', "<si><t/></si>",
            f"<si><r><t>{text}</t></r></si>",
            f"<si><t>{text}</t><rPh><t>x</t></rPh></si>", f"<si>{text}</si>",
        ]))  # fmt: skip

    return repeated(draw, one)


@st.composite
def defined_names(draw) -> str:
    def one() -> str:
        name = draw(st.sampled_from(["a", "cover_hwb", "_xlnm.Print_Area"] * 3
                                    + ["", "a b", "a&amp;b"]))  # fmt: skip
        scope = draw(st.sampled_from(["", "", ' localSheetId="0"', ' localSheetId=""']))
        hidden = draw(st.sampled_from(["", "", ' hidden="1"', ' hidden="yes"']))
        return f'<definedName name="{name}"{scope}{hidden}>{draw(TEXT)}</definedName>'

    return repeated(draw, one)


# An attribute's value: plain (most), or with a reference, white space expat turns into a
# space, or a character that ends it or that XML refuses there.
ATTRIBUTE = st.sampled_from(["a", "xml", "xl/a.xml", "é", ">", "'", " ", ""] * 4
                            + ["&amp;", "&#65;", "a\tb", "a\nb", "&#9;", '"', "<",
                               "&bogus;"])  # fmt: skip
MAIN = reading.MAIN_CONTENT_TYPE  # the type the reader takes the workbook part by
STYLES_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"


@st.composite
def content_types(draw) -> str:
    def one() -> str:
        value = draw(ATTRIBUTE)
        return draw(st.sampled_from([
            f'<Default Extension="{value}" ContentType="application/{value}"/>',
            f'<Override PartName="/{value}" ContentType="{value}"/>',
            f'<Override PartName="/xl/{value}" ContentType="{MAIN}"/>',  # another main part
            '<Override PartName="/xl/vbaProject.bin" ContentType="application/vnd.ms-office.'
            'vbaProject"/>',
            '<Override ContentType="x" PartName="/y"/>', '<Default Extension="a"/>',
            '<Default Extension="a" ContentType="b"></Default>',
            '<Override PartName="/a" ContentType="b" Extra="1"/>',
        ]))  # fmt: skip

    return repeated(draw, one)


@st.composite
def relationships(draw) -> str:
    def one() -> str:
        value = draw(ATTRIBUTE)
        return draw(st.sampled_from([
            f'<Relationship Id="rId9{value}" Type="http://x/{value}" Target="{value}"/>',
            f'<Relationship Id="rId8" Type="{STYLES_TYPE}" Target="{value}"/>',  # other styles
            f'<Relationship Id="rId7" Type="{STYLES_TYPE}" Target="http://{value}" '
            'TargetMode="External"/>',  # not read
            f'<Relationship Id="rId5" Type="{STYLES_TYPE}" Target="{value}" '
            'TargetMode="Internal"/>',  # read
            '<Relationship Type="x" Id="rId6" Target="y"/>',
            '<Relationship Id="rId4" Type="x" Target="y"></Relationship>',
        ]))  # fmt: skip

    return repeated(draw, one)


@st.composite
def cell_formats(draw) -> str:
    def one() -> str:
        number = draw(st.sampled_from([' numFmtId="0"', ' numFmtId="14"', ' numFmtId="164"'] * 3
                                      + ["", ' numFmtId="x"', ' numFmtId="1.5"']))  # fmt: skip
        attributes = draw(st.sampled_from([f'{number} fontId="0" xfId="0"'] * 4 + [
            f' fontId="0"{number}', f'{number} applyNumberFormat="1" fontId="0"',
            f"{number}{number}" if number else ' fontId="0" fontId="1"',
        ]))  # fmt: skip
        inside = draw(st.sampled_from(["", "", '<alignment vertical="top"/>',
                                       '<alignment vertical="top"/><protection locked="0"/>',
                                       '<protection locked="0"/><alignment vertical="top"/>',
                                       "<alignment>x</alignment>"]))  # fmt: skip
        if not inside and draw(st.booleans()):
            return f"<xf{attributes}/>"
        return f"<xf{attributes}>{inside}</xf>"

    return repeated(draw, one)


@pytest.mark.parametrize(("regions", "made"), [
    (rows(), sheet_with), (shared_strings(), strings_with), (defined_names(), names_with),
    (cell_formats(), styles_with), (content_types(), types_with),
    (relationships(), relations_with),
], ids=["cells", "shared strings", "defined names", "cell formats", "content types",
        "relationships"])  # fmt: skip
@CHECKED
@given(data=st.data())
def test_any_region_read_by_pattern_reads_as_expat_reads_it(regions, made, data):
    content = made(data.draw(regions))
    assert outcome(content) == by_expat(content)


@pytest.mark.parametrize(("regions", "made"), [
    (rows(), sheet_with), (shared_strings(), strings_with), (defined_names(), names_with),
], ids=["cells", "shared strings", "defined names"])  # fmt: skip
@CHECKED
@given(data=st.data())
def test_any_region_read_in_python_reads_as_expat_reads_it(regions, made, data):
    """As the reader reads where the install did not build its C part
    (`tests/test_uploads_in_c.py`)."""
    content = made(data.draw(regions))
    with mock.patch.object(parts_module, "_cells", None):
        assert outcome(content) == by_expat(content)


@pytest.mark.parametrize("limits", [
    Limits(cell_chars=3), Limits(total_chars=40), Limits(cells=3), Limits(rows=1),
    Limits(elements=80), Limits(strings=2), Limits(names=2),
], ids=repr)  # fmt: skip
def test_past_each_limit_the_refusal_is_expats(limits):
    refused = outcome(WRITTEN, limits)
    assert refused[0] == "refused"
    assert refused == by_expat(WRITTEN, limits)


def test_at_every_count_of_elements_the_refusal_is_expats():
    """Wherever the limit on elements falls (in a head parsed without the handler, too),
    the reader refuses the file where expat alone would, or reads it the same."""
    for most in range(1, 120):
        assert outcome(WRITTEN, Limits(elements=most)) == by_expat(WRITTEN, Limits(elements=most))


@pytest.mark.parametrize(("content", "part", "plain"), [
    (sheet_with('<row r="1"><c r="A1"><v>1</v></c></row>'), SHEET, True),
    (sheet_with('<row r="1">\n<c r="A1"><v>1</v></c></row>'), SHEET, False),
    (sheet_with('<row r="1"><c r="A1"><v>1\r</v></c></row>'), SHEET, False),
    (sheet_with('<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>'), SHEET, False),
    (sheet_with('<row r="1"><c s="1" r="A1"><v>1</v></c></row>'), SHEET, False),
    (sheet_with('<c r="A1"><v>1</v></c><row r="1"></row>'), SHEET, False),
    (sheet_with('<row r="1"><c r="A1"><f>"a&amp;b&#65;"</f><v>a&amp;bA</v></c></row>'), SHEET,
     True),
    (strings_with("<si><t>a</t></si><si><t>b</t></si>"), STRINGS, True),
    (strings_with("<si><r><t>a</t></r></si><si><t>b</t></si>"), STRINGS, False),
    (names_with('<definedName name="a">Data!$A$1</definedName>'), WORKBOOK, True),
    (names_with('<definedName name="a" comment="c">Data!$A$1</definedName>'), WORKBOOK, False),
    (styles_with('<xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/>'), STYLES, True),
    (styles_with('<xf fontId="0" numFmtId="164"/>'), STYLES, False),
    (types_with(""), TYPES, True),
    (types_with('<Override ContentType="x" PartName="/y"/>'), TYPES, False),
    (relations_with(""), RELATIONS, True),
    (relations_with('<Relationship Id="rId9" Type="x" Target="a&amp;b"/>'), RELATIONS, False),
], ids=["cells", "white space", "a carriage return", "an inline string", "another order",
        "a cell outside a row", "a formula's references",
        "strings", "rich text", "names", "a comment", "formats", "formats in order", "types",
        "types in order", "relationships", "a reference"])  # fmt: skip
def test_a_region_is_read_by_pattern_only_where_it_is_plain(content, part, plain):
    assert (part in parts_read_by_pattern(content)) is plain
    assert outcome(content) == by_expat(content)


def test_a_cell_written_inside_a_rows_tag_is_refused_as_expat_refuses_it():
    """Joined, what lies around such a cell would read as a row's tag whole."""
    content = sheet_with('<row r="1<c r="A1"><v>1</v></c>"></row>')
    assert outcome(content)[0] == "refused"
    assert outcome(content) == by_expat(content)


@pytest.mark.parametrize("formula", ['"&#0;"', '"&bogus;"', '"]]>"'],
                         ids=["a NUL", "an unknown entity", "a CDATA end"])  # fmt: skip
def test_a_formula_xml_refuses_is_refused_as_expat_refuses_it(formula):
    """A formula's text is never kept, but it is checked as expat checks it."""
    content = sheet_with(f'<row r="1"><c r="A1"><f>{formula}</f><v>1</v></c></row>')
    refused = outcome(content)
    assert refused[0] == "refused"
    assert refused == by_expat(content)


@pytest.mark.parametrize(("part", "container", "near_end"), [
    (SHEET, "sheetData", False), (STRINGS, "sst", True), (WORKBOOK, "definedNames", True),
    (STYLES, "cellXfs", True), (TYPES, "Types", True), (RELATIONS, "Relationships", True),
])  # fmt: skip
def test_a_closing_tag_written_again_after_its_element_reads_as_expat_reads_it(
    part, container, near_end
):
    """A container that ends near its part's end has its closing tag found from there: one
    written again later (here in a comment after the root) leaves the region holding a
    closing tag, which no region's pattern takes, so expat reads that part. A sheet's cells
    end where their closing tag first comes."""
    files = parts(WRITTEN)
    files[part] += f"<!-- </{container}> -->".encode()
    content = zipped(files)
    assert (part in parts_read_by_pattern(content)) is not near_end
    read = outcome(content)
    assert read == by_expat(content)
    assert read[0] == outcome(WRITTEN)[0]  # the same values (more bytes read)


def test_styles_written_with_a_prefix_read_as_without():
    """Every element of the styles prefixed (`x:numFmt`), as some writers do: the same cell
    formats are dates."""
    files = parts(DATED_STYLES)
    xml = files[STYLES].decode()
    body = xml.index("<styleSheet")
    prefixed = re.sub(r"<(/?)(?=[A-Za-z])", r"<\1x:", xml[body:])
    files[STYLES] = (xml[:body] + prefixed.replace("xmlns=", "xmlns:x=", 1)).encode()
    content = zipped(files)
    assert b"<x:numFmt " in files[STYLES]
    assert b"<x:xf " in files[STYLES]
    assert STYLES not in parts_read_by_pattern(content)  # no `<cellXfs` to find
    assert outcome(content)[0] == outcome(DATED_STYLES)[0]
    assert "datetime" in outcome(content)[0]
