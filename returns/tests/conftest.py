"""Fixtures shared by the return tests."""

import pytest

from returns.models import QuarterlyReturn
from returns.workbook import return_workbook_bytes


@pytest.fixture
def norfolk(demo):
    """Norfolk's real Q3 2015/16 return, as the demo loads it."""
    return QuarterlyReturn.objects.get(hwb_area__ons_code="E10000020", period__quarter=3)


@pytest.fixture
def exported(norfolk):
    """Norfolk's return exported as the workbook."""
    return return_workbook_bytes(quarterly_return=norfolk)
