"""The skeleton writer makes, for any return, the very file XlsxWriter makes writing it whole.

Every part of the zip is compared byte for byte (the file's date apart): so every cell's
value, formula, stored value and style, every name, validation, conditional format, link,
width and protection is the whole-workbook writer's. The LibreOffice recalculation test
and the rest of test_workbook_export.py run on the skeleton writer's files, which the
portal serves.
"""

import io
import re
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from returns.definitions.evaluation import calculate, checklist
from returns.selectors import return_state
from returns.workbook import skeleton, workbook_data, writer
from returns.workbook.skeleton import skeleton_for, skeleton_write
from returns.workbook.writer import WorkbookData, workbook_write

from .norfolk import Q3, norfolk_values
from .strategies import RETURN_VALUES

DATE = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]+<")


def parts(content: bytes) -> dict[str, bytes]:
    """Every part of the file, read through zipfile (which checks each part's CRC)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert archive.testzip() is None
        found = {name: archive.read(name) for name in archive.namelist()}
    found["docProps/core.xml"] = DATE.sub(rb"<dcterms:\1>DATE<", found["docProps/core.xml"])
    return found


def whole(data: WorkbookData) -> bytes:
    buffer = io.BytesIO()
    workbook_write(data, buffer)
    return buffer.getvalue()


def into_skeleton(data: WorkbookData) -> bytes:
    buffer = io.BytesIO()
    skeleton_write(data, buffer)
    return buffer.getvalue()


def assert_same_file(data: WorkbookData) -> None:
    expected, made = parts(whole(data)), parts(into_skeleton(data))
    assert list(made) == list(expected)  # the same parts, in the same order
    for name, content in expected.items():
        assert made[name] == content, name


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("draft", "synthetic"), [(False, False), (True, False), (False, True), (True, True)]
)
def test_norfolks_workbook_is_the_whole_writers_byte_for_byte(norfolk, draft, synthetic):
    norfolk.synthetic = synthetic
    assert_same_file(workbook_data(state=return_state(quarterly_return=norfolk), draft=draft))


def generated(values: dict, previous: dict, *, hwb: str = "E10000020") -> WorkbookData:
    every = calculate(Q3, values)
    return WorkbookData(
        definition=Q3,
        hwb_name="Borsetshire & <Felpersham>",
        hwb_ons_code=hwb,
        period="fy1516_q3",
        values=every,
        previous_values=calculate(Q3, {**values, **previous}),
        previous_ids=frozenset(previous),
        checklist=checklist(Q3, every),
    )


AMENDABLE = sorted(
    {
        id_
        for section in Q3.sections
        for block in section.blocks
        if getattr(block, "previous_caption", None)
        for _, ids in block.rows
        for id_ in ids
        if id_ and Q3.question(id_).is_input
    }
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    values=RETURN_VALUES,
    previous=st.sets(st.sampled_from(AMENDABLE)),
    draft=st.booleans(),
    synthetic=st.booleans(),
)
def test_any_returns_workbook_is_the_whole_writers_byte_for_byte(
    values, previous, draft, synthetic
):
    data = generated(values, {id_: values.get(id_) for id_ in previous})
    assert_same_file(WorkbookData(**{**data.__dict__, "draft": draft, "synthetic": synthetic}))


def test_the_skeleton_is_made_once_and_the_next_return_needs_no_xlsxwriter(monkeypatch):
    first = generated(norfolk_values(), {})
    made = skeleton_for(first)
    monkeypatch.setattr(writer, "new_book", lambda target: pytest.fail("XlsxWriter was used"))
    monkeypatch.setattr(skeleton, "new_book", lambda target: pytest.fail("XlsxWriter was used"))
    second = generated(norfolk_values(nea_actual_fy1516_q3=12345), {}, hwb="E06000001")
    content = into_skeleton(second)
    assert skeleton_for(second) is made
    assert b"E06000001" in parts(content)["xl/workbook.xml"]


def test_a_returns_write_leaves_nothing_for_the_garbage_collector():
    """What one return's write makes is freed as the write ends: none of it is left in a
    reference cycle, which only the garbage collector frees. The batch writes thousands; a
    worker's collections of what they left cost a chunk of 25 returns 6-9 ms (issue 33)."""
    import gc

    data = generated(norfolk_values(), {})
    into_skeleton(data)  # the skeleton made, and its caches filled
    gc.collect()
    gc.disable()
    try:
        into_skeleton(generated(norfolk_values(nea_actual_fy1516_q3=12345), {}))
        left = gc.collect()
    finally:
        gc.enable()
    assert left == 0


def test_a_return_the_skeleton_cannot_hold_is_written_whole_and_still_right(monkeypatch):
    data = generated(norfolk_values(), {}, hwb="E1&0")  # an ONS code that needs escaping
    used = []
    real = writer.new_book
    monkeypatch.setattr(writer, "new_book", lambda target: used.append(1) or real(target))
    content = into_skeleton(data)
    assert used  # written whole
    assert parts(content) == parts(whole(data))


def test_text_that_looks_like_rich_text_stays_text():
    """XlsxWriter copies a string reading "<r>…</r>" into the file unescaped, as rich text:
    an answer could write its own XML into the workbook (here, text the cell never held)."""
    answer = "<r><t>Signed off by the Board</t></r>"
    data = generated(norfolk_values(nc1_comment=answer), {})
    strings = parts(into_skeleton(data))["xl/sharedStrings.xml"].decode()
    assert "&lt;r&gt;&lt;t&gt;Signed off by the Board&lt;/t&gt;&lt;/r&gt;" in strings
    assert "<si><r><t>Signed off" in parts(whole(data))["xl/sharedStrings.xml"].decode()


@pytest.mark.parametrize(
    "formula",
    [
        "=SUM(A1:A3)",
        '=IF(A1="","FILTER(",A1)',  # a dynamic function's name only inside a string
        "=STDEV.S(A1:A3)",  # a future function, which XlsxWriter prefixes
        "=FILTER(A1:A3,A1:A3>0)",  # dynamic: XlsxWriter writes an array
        "{=SUM(A1:A3*B1:B3)}",  # an array formula
    ],
)
def test_a_formula_is_stored_as_the_installed_xlsxwriter_stores_it(formula):
    """Which formulas become arrays, and how the rest are rewritten, differ between
    XlsxWriter's versions: the skeleton follows whatever XlsxWriter is installed."""
    book = io.BytesIO()
    whole_book = writer.new_book(book)
    whole_book.add_worksheet().write_formula(0, 0, formula)
    whole_book.close()
    sheet = parts(book.getvalue())["xl/worksheets/sheet1.xml"].decode()
    written = re.search(r"<c r=\"A1\"[^>]*><f([^>]*)>([^<]*)</f>", sheet)
    if written.group(1):  # <f t="array" ...>: a return needing it is written whole
        with pytest.raises(skeleton.SkeletonMiss):
            skeleton._prepare_formula(formula)
    else:
        assert skeleton._prepare_formula(formula) == written.group(2)
