"""Reads of who belongs where. Every read a user makes starts from `hwb_areas_for_user`."""

from collections import defaultdict

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from . import rules
from .models import HwbArea, Membership, Role


def hwb_areas_for_user(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet[HwbArea]:
    """The HWB areas a user belongs to (every one, for a national analyst); nothing for
    anyone signed out or without a membership."""
    if not user.is_authenticated:
        return HwbArea.objects.none()
    if rules.is_national(user, Role.ANALYST):
        return HwbArea.objects.all()
    return HwbArea.objects.filter(memberships__user=user).distinct()


NATIONAL_ANALYST = "Analyst (every area)"


def roles_by_area(*, user: AbstractBaseUser) -> dict[int, list[str]]:
    """The labels of the roles a user holds, per HWB area id: {3: ['Commissioning officer']};
    a national analyst's is in every area."""
    national = [NATIONAL_ANALYST] if rules.is_national(user, Role.ANALYST) else []
    roles = defaultdict(lambda: list(national))
    memberships = Membership.objects.filter(user=user, hwb_area__isnull=False).order_by()
    for area_id, role in memberships.values_list("hwb_area_id", "role"):
        roles[area_id].append(Role(role).label)
    for labels in roles.values():
        labels.sort()
    return roles


def is_administrator(*, user: AbstractBaseUser | AnonymousUser) -> bool:
    return rules.allows(user, rules.Action.MANAGE)
