"""E-mail to the people of an area who act next: who they are, and one message each."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail


def area_people(area, roles, *, partners: bool = True) -> list:
    """The area's active users holding any of these roles who have an e-mail address, by
    name (without `partners`, only memberships naming no partner: a sign-off member for the
    Board): whom a step tells."""
    if not roles:
        return []
    users = get_user_model().objects.filter(
        memberships__hwb_area=area, memberships__role__in=roles, is_active=True
    )
    if not partners:
        users = users.filter(memberships__partner__isnull=True)
    people = {user.pk: user for user in users.exclude(email="")}
    return sorted(people.values(), key=lambda user: (user.get_full_name(), user.get_username()))


def area_recipients(area, roles, *, partners: bool = True) -> list[str]:
    """The e-mail addresses of `area_people`."""
    return sorted({user.email for user in area_people(area, roles, partners=partners)})


def send_each(subject: str, body: str, to: list[str]) -> int:
    """One message per address (no one sees the others'); how many went."""
    if not to:
        return 0
    signed = f"{body}\n\nBCF portal"
    return send_mass_mail(
        [(subject, signed, settings.DEFAULT_FROM_EMAIL, [address]) for address in to]
    )
