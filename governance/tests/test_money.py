"""Money is whole pounds, shown as £1,234,567."""

import pytest

from governance.money import format_pounds


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        pytest.param(63573469, "£63,573,469", id="millions"),
        pytest.param(0, "£0", id="nothing"),
        pytest.param(999, "£999", id="no separator below a thousand"),
        pytest.param(-80997, "-£80,997", id="a fall"),
        pytest.param(None, "", id="not set"),
    ],
)
def test_format_pounds(amount, shown):
    assert format_pounds(amount) == shown


def test_an_empty_amount_can_say_why():
    assert format_pounds(None, empty="Not agreed yet") == "Not agreed yet"
