"""The portal's own spreadsheets (the plan workbook, the scheme register): one look, and
tables written so that no text is ever read as a formula."""


def sheet_formats(book) -> dict:
    """The portal's spreadsheet look: a grey bold header, wrapped text, whole pounds."""
    return {
        "header": book.add_format({"bold": True, "bg_color": "#DDDDDD", "text_wrap": True}),
        "text": book.add_format({"num_format": "@", "text_wrap": True, "valign": "top"}),
        "money": book.add_format({"num_format": "£#,##0", "valign": "top"}),
        "number": book.add_format({"num_format": "#,##0.##", "valign": "top"}),
    }


def table_write(book, name: str, headers, widths, rows, formats) -> None:
    """A sheet with a header row and one row per record: whole numbers are pounds, other
    numbers (metric values) plain, the rest text (never read as a formula)."""
    sheet = book.add_worksheet(name)
    sheet.freeze_panes(1, 1)
    for c, (header, width) in enumerate(zip(headers, widths, strict=True)):
        sheet.set_column(c, c, width)
        sheet.write_string(0, c, header, formats["header"])
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, int) and not isinstance(value, bool):
                sheet.write_number(r, c, value, formats["money"])
            elif isinstance(value, float):
                sheet.write_number(r, c, value, formats["number"])
            else:
                sheet.write_string(r, c, "" if value is None else str(value), formats["text"])
