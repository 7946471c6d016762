"""What an upload may cost at most, and the plain messages a file is refused with."""

from dataclasses import dataclass

NOT_A_WORKBOOK = "This is not an Excel workbook (.xlsx). Upload the template file."


@dataclass(frozen=True)
class Limits:
    """The most any upload may cost. Each is many times what a real file needs: Norfolk's
    return workbook has 21 parts, 12 sheets, 212 KB of XML and about 3,000 cells, and a
    register at its row limits (200 schemes, 2,000 lines) about 11,400 cells and 35,000
    elements. The counted limits decide the worst file's cost: under a second."""

    file_bytes: int = 10 * 1024 * 1024
    parts: int = 300  # entries in the archive
    sheets: int = 60
    part_bytes: int = 32 * 1024 * 1024  # decompressed XML of one part that is read
    total_bytes: int = 64 * 1024 * 1024  # decompressed XML of every part that is read
    elements: int = 300_000  # XML elements of every part that is read
    cells: int = 50_000  # cells with a value, in the sheets read
    rows: int = 20_000  # rows with a cell, in one sheet read
    names: int = 20_000  # defined names
    strings: int = 100_000  # shared strings
    cell_chars: int = 32_767  # the text of one cell: Excel's own limit
    total_chars: int = 16_000_000  # all the text read


LIMITS = Limits()


class WorkbookRefused(Exception):
    """The whole file is refused, for this reason, and nothing was changed."""


def too_much(what: str) -> WorkbookRefused:
    return WorkbookRefused(
        f"The workbook expands to far more data than {what} holds, so it was not read. Export "
        "a fresh copy from the portal and fill that in."
    )


ZIP64 = (
    "The workbook is saved in the Zip64 format, which no workbook of 10 MB needs and the portal "
    "does not accept. Open it in Excel or LibreOffice, save it again as .xlsx and upload that."
)


def twice(name: str) -> WorkbookRefused:
    return WorkbookRefused(
        f"The workbook holds two parts named {name} (capitals aside): programs differ in which "
        "they read, so the portal reads neither. Open it in Excel or LibreOffice, save it "
        "again as .xlsx and upload that."
    )


def damaged() -> WorkbookRefused:
    return WorkbookRefused(
        "The workbook could not be read; it may be damaged. Open it in Excel or LibreOffice, "
        "save it again as .xlsx and upload that."
    )


def declarations() -> WorkbookRefused:
    return WorkbookRefused(
        "The workbook contains XML declarations that the portal does not accept. Export a fresh "
        "template from the portal and fill that in."
    )
