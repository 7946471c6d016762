"""Reads of who belongs where. Every read a user makes starts from `hwb_areas_for_user`."""

from collections import defaultdict

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from . import rules
from .models import HwbArea, Membership, Role
from .prepared import PreparedModels


def hwb_areas_for_user(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet[HwbArea]:
    """The HWB areas a user belongs to (every one, for a national analyst); nothing for
    anyone signed out or without a membership."""
    if not user.is_authenticated:
        return HwbArea.objects.none()
    if rules.reads_every_area(user):
        return HwbArea.objects.all()
    if Role.NHSE_REVIEWER in rules.roles(user):
        return (HwbArea.objects.filter(memberships__user=user) | _reviewed(user)).distinct()
    return HwbArea.objects.filter(memberships__user=user).distinct()


def areas_of(*, user: AbstractBaseUser | AnonymousUser) -> list[HwbArea]:
    """`hwb_areas_for_user` read once per request: kept on the user object, as its roles
    are (`rules`), for the home page's several lists that each walk the user's areas."""
    areas = getattr(user, "_bcf_areas", None)
    if areas is None:
        plain = user.is_authenticated and not (
            rules.reads_every_area(user) or Role.NHSE_REVIEWER in rules.roles(user)
        )
        # A member of a few areas (most people): the same query, compiled once.
        if plain:
            areas = _MEMBER_OF(user=user.pk)
        elif rules.reads_every_area(user):
            areas = _EVERY_AREA()  # the same query as hwb_areas_for_user's, compiled once
        else:
            areas = list(hwb_areas_for_user(user=user))
        if user.is_authenticated:
            user._bcf_areas = areas
    return areas


_EVERY_AREA = PreparedModels(lambda: HwbArea.objects.all())
_MEMBER_OF = PreparedModels(
    lambda user: HwbArea.objects.filter(memberships__user_id=user).distinct(), user=int
)


def _reviewed(user) -> QuerySet[HwbArea]:
    """The areas of the regions an NHS England reviewer holds."""
    regions = Membership.objects.filter(user=user, role=Role.NHSE_REVIEWER).values("region")
    return HwbArea.objects.filter(region__in=regions)


NATIONAL_ANALYST = "Analyst (every area)"


def roles_by_area(*, user: AbstractBaseUser) -> dict[int, list[str]]:
    """The labels of the roles a user holds, per HWB area id: {3: ['Commissioning officer']};
    a national analyst's is in every area."""
    national = [NATIONAL_ANALYST] if rules.is_national(user, Role.ANALYST) else []
    national += [Role.NHSE_NATIONAL.label] if rules.is_national(user, Role.NHSE_NATIONAL) else []
    roles = defaultdict(lambda: list(national))
    for area_id, held in rules.roles_in_areas(user).items():  # the memberships, read once
        roles[area_id] += (role.label for role in held)
    if Role.NHSE_REVIEWER in rules.roles(user):  # the areas of their region
        for area_id in _reviewed(user).values_list("pk", flat=True):
            roles[area_id].append(Role.NHSE_REVIEWER.label)
    for labels in roles.values():
        labels.sort()
    return roles


def is_administrator(*, user: AbstractBaseUser | AnonymousUser) -> bool:
    return rules.allows(user, rules.Action.MANAGE)
