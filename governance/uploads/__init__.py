"""Reading uploaded spreadsheets within fixed bounds: see `reader`."""

from .reader import Book, Sheet, read_workbook
from .refusals import LIMITS, Limits, WorkbookRefused

__all__ = ["LIMITS", "Book", "Limits", "Sheet", "WorkbookRefused", "read_workbook"]
