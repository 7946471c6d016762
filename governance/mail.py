"""E-mail to the people of an area who act next: who they are, and one message each."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail


def area_recipients(area, roles, *, partners: bool = True) -> list[str]:
    """The e-mail addresses of the area's active users holding any of these roles (without
    `partners`, only memberships naming no partner: a sign-off member for the Board)."""
    if not roles:
        return []
    users = get_user_model().objects.filter(
        memberships__hwb_area=area, memberships__role__in=roles, is_active=True
    )
    if not partners:
        users = users.filter(memberships__partner__isnull=True)
    return sorted({user.email for user in users if user.email})


def send_each(subject: str, body: str, to: list[str]) -> int:
    """One message per address (no one sees the others'); how many went."""
    if not to:
        return 0
    signed = f"{body}\n\nBCF portal"
    return send_mass_mail(
        [(subject, signed, settings.DEFAULT_FROM_EMAIL, [address]) for address in to]
    )
