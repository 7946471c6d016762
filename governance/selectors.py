"""Reads of who belongs where. Every read a user makes starts from `hwb_areas_for_user`."""

from collections import defaultdict

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from . import rules
from .models import HwbArea, Membership, Role


def hwb_areas_for_user(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet[HwbArea]:
    """The HWB areas a user belongs to; nothing for anyone signed out or without a membership."""
    if not user.is_authenticated:
        return HwbArea.objects.none()
    return HwbArea.objects.filter(memberships__user=user).distinct()


def roles_by_area(*, user: AbstractBaseUser) -> dict[int, list[str]]:
    """The labels of the roles a user holds, per HWB area id: {3: ['Commissioning officer']}."""
    roles = defaultdict(list)
    for area_id, role in Membership.objects.filter(user=user, hwb_area__isnull=False).values_list(
        "hwb_area_id", "role"
    ):
        roles[area_id].append(Role(role).label)
    return {area_id: sorted(labels) for area_id, labels in roles.items()}


def is_administrator(*, user: AbstractBaseUser | AnonymousUser) -> bool:
    return rules.allows(user, rules.Action.MANAGE)
