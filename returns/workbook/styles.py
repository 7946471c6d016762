"""The template's colour key and number formats, as XlsxWriter formats.

Inputs are yellow and the only unlocked cells; pre-populated cells grey;
calculated cells grey in italics; an input whose question does not apply is
greyed out by conditional formatting, so it follows the answers when the
workbook is edited. Money is `£#,##0`, dates `DD/MM/YYYY`.
"""

from returns.definitions import Kind, Question
from returns.definitions.excel import condition
from returns.definitions.logic import Not

YELLOW, GREY, LIGHT_GREY, DARK_GREY = "#FFFF99", "#D9D9D9", "#EDEDED", "#808080"
GREEN, GREEN_TEXT, RED, RED_TEXT = "#C6EFCE", "#006100", "#FFC7CE", "#9C0006"

NUMBER_FORMATS = {
    "money": "£#,##0;-£#,##0",
    "int": "#,##0;-#,##0",
    "pct": "0.0",
    "date": "dd/mm/yyyy",
}


class Styles:
    """Every cell format of a template's workbook, made and numbered up front (`questions`:
    the template's), so a cell's style index never depends on which answers a return has:
    each return's workbook shares one style table, which the skeleton writer relies on."""

    def __init__(self, book, questions=()):
        self.book = book
        self._cache = {}
        border = {"border": 1, "border_color": "#BFBFBF", "valign": "top"}
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.heading = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.link = book.add_format({"font_color": "blue", "underline": 1, "text_wrap": True})
        self.checker = book.add_format({"align": "center", "bold": True, **border})
        self.count = book.add_format({"align": "center", **border})
        self.key_input = book.add_format({"bg_color": YELLOW, **border})
        self.key_prepop = book.add_format({"bg_color": GREY, **border})
        self.key_calc = book.add_format({"bg_color": LIGHT_GREY, "italic": True, **border})
        self.key_not_applicable = book.add_format({"bg_color": DARK_GREY, **border})
        self.prepop_text = book.add_format({"bg_color": GREY, "align": "center", **border})
        self._border = border
        self._green = book.add_format({"bg_color": GREEN, "font_color": GREEN_TEXT})
        self._red = book.add_format({"bg_color": RED, "font_color": RED_TEXT})
        self._greyed = book.add_format({"bg_color": DARK_GREY, "font_color": "#404040"})
        conditional = (self._green, self._red, self._greyed)
        for question in questions:
            self.for_question(question)
            self.previous(question)
        for format_ in book.formats[book.formats.index(self.title) :]:
            if format_ not in conditional:
                format_._get_xf_index()  # numbered in the order made, not the order first used

    def _format(self, kind: Kind, type_name: str, widget: str):
        key = (kind, type_name, widget)
        if key not in self._cache:
            properties = {**self._border, "text_wrap": widget == "textarea"}
            if type_name in NUMBER_FORMATS:
                properties["num_format"] = NUMBER_FORMATS[type_name]
            elif widget in ("text", "textarea", "month"):
                # Text stays text when typed over: 01603 keeps its 0, 04/16 does not become a date.
                properties["num_format"] = "@"
            if kind is Kind.INPUT:
                properties.update(bg_color=YELLOW, locked=False)
            elif kind is Kind.PREPOP:
                properties.update(bg_color=GREY)
            else:
                properties.update(bg_color=LIGHT_GREY, italic=True)
            self._cache[key] = self.book.add_format(properties)
        return self._cache[key]

    def for_question(self, question: Question):
        return self._format(question.kind, question.type.name, question.type.widget)

    def previous(self, question: Question):
        """A previously returned value: grey, whatever the question's kind now."""
        kind = Kind.CALC if question.kind is Kind.CALC else Kind.PREPOP
        return self._format(kind, question.type.name, question.type.widget)

    def yes_no(self, sheet, first_row: int, first_col: int, last_row: int, last_col: int):
        for text, style in (("Yes", self._green), ("No", self._red)):
            sheet.conditional_format(
                first_row,
                first_col,
                last_row,
                last_col,
                {"type": "cell", "criteria": "==", "value": f'"{text}"', "format": style},
            )

    def not_applicable(self, sheet, row: int, col: int, applicable_when, ref) -> None:
        """Grey the input out while its question does not apply."""
        sheet.conditional_format(
            row,
            col,
            row,
            col,
            {"type": "formula", "criteria": "=" + condition(Not(applicable_when), ref),
             "format": self._greyed},
        )  # fmt: skip
