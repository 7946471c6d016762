"""What returns add to an area's page (each reporting period, with the area's return) and to
the home page (the returns that wait for the user)."""

from plans import additions

from .selectors import periods_with_returns, returns_to_do


def register() -> None:
    additions.add_area_section("returns", lambda area: periods_with_returns(hwb_area=area))
    additions.add_home_section(
        "returns", lambda user: returns_to_do(user=user), "returns/includes/home_to_do.html"
    )
