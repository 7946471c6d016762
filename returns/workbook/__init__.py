"""NHS England's submission workbook: written from, and read back through, the definition."""

import io

from returns.models import QuarterlyReturn
from returns.selectors import return_state

from .writer import WorkbookData, workbook_write


def return_workbook_bytes(*, quarterly_return: QuarterlyReturn) -> bytes:
    """The return as an .xlsx file, exactly as the portal holds and computes it."""
    state = return_state(quarterly_return=quarterly_return)
    data = WorkbookData(
        definition=state.definition,
        hwb_name=quarterly_return.hwb_area.name,
        hwb_ons_code=quarterly_return.hwb_area.ons_code,
        period=quarterly_return.period.code,
        values=state.values,
        previous_values=state.previous_values,
        previous_ids=frozenset(state.previous),
        checklist=state.checklist,
    )
    buffer = io.BytesIO()
    workbook_write(data, buffer)
    return buffer.getvalue()
