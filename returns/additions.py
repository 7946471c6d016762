"""What returns add to an area's page: each reporting period, with the area's return."""

from plans import additions

from .selectors import periods_with_returns


def register() -> None:
    additions.add_area_section("returns", lambda area: periods_with_returns(hwb_area=area))
