"""What returns add to an area's page (each reporting period, with the area's return) and to
the home page (the returns that wait for the user, and how each period stands across an
analyst's areas)."""

from governance import rules
from governance.conversations import open_conversations
from plans import additions

from .selectors import (
    period_states,
    periods_with_returns,
    returned_to_user,
    returns_to_do,
    signed_by,
)


def register() -> None:
    additions.add_area_section("returns", lambda area: periods_with_returns(hwb_area=area))
    additions.add_to_do("returns", lambda user: returns_to_do(user=user))
    additions.add_home_section(
        "returned",
        lambda user: returned_to_user(user=user),
        "returns/includes/home_returned.html",
        banner=True,
    )
    additions.add_home_section(
        "conversations",
        lambda user: open_conversations(user=user),
        "conversations/includes/home.html",
    )
    additions.add_home_section(
        "signed", lambda user: signed_by(user=user), "returns/includes/home_signed.html"
    )
    additions.add_home_section(
        "periods", lambda user: period_states_to_show(user), "returns/includes/home_periods.html"
    )


def period_states_to_show(user) -> list:
    """For those who read across areas (analysts): how each period stands."""
    if not rules.allows(user, rules.Action.NATIONAL_EXPORT):
        return []
    return period_states(user=user)
