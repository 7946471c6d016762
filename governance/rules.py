"""Who may do what: every permission in the portal, in one place.

A user holds roles in HWB areas (`plans.Membership`). Each role grants a set of
actions (a sign-off member whose membership names a partner signs only that partner's
block of the plan: `PARTNER_SIGNER`); an administrator's actions hold in every area, with
no membership there, and so do an analyst's granted national scope (a membership with no
area), who reads every area's pages as its own analyst would. `require()` is what every
view, download, export, import and command that acts for a user calls:

- a user with no role in the area gets a 404, exactly as if the thing did not
  exist (the portal does not confirm that another area's return exists);
- a user in the area whose roles do not grant the action gets a 403 that says
  who may do it.

Whether the thing is in a state that allows the action (a draft can be edited,
a signed-off return cannot) is the workflow's business, not this module's.
"""

import enum

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from governance.models import HwbArea, Membership, Role
from governance.prepared import Prepared, together


class Action(enum.StrEnum):
    READ = "read"  # an area's plans, schemes and returns
    EDIT = "edit"  # drafts of returns, plans and schemes; imports into them
    EXPORT = "export"  # a return's workbook
    MARK_READY = "mark_ready"
    SIGN_OFF = "sign_off"  # a return, for the Board
    SIGN_BLOCK = "sign_block"  # a plan's sign-off block, for the member's own partner
    SEND_BACK = "send_back"
    REOPEN = "reopen"
    SUBMIT = "submit"  # send a signed-off return or plan to NHS England, for the Board
    SUBMIT_DRAFT = "submit_draft"  # send NHS England a draft of the plan
    ASSURE = "assure"  # NHS England: rate key lines, raise and close queries, give outcomes
    NATIONAL_EXPORT = "national_export"  # every readable return of a period at once
    COMMENT = "comment"  # start, answer, resolve and reopen conversations
    INVITE = "invite"  # invite people to the area with a role
    MANAGE = "manage"  # users, partners, reporting periods, templates (the admin)


GRANTS: dict[Role, frozenset[Action]] = {
    Role.COMMISSIONING_OFFICER: frozenset(
        {
            Action.READ,
            Action.EDIT,
            Action.EXPORT,
            Action.MARK_READY,
            Action.COMMENT,
            Action.INVITE,
            Action.SUBMIT_DRAFT,
        }
    ),
    # A sign-off member signs for the Health and Wellbeing Board itself: returns are signed
    # off, sent back and reopened on behalf of the Board.
    Role.SIGN_OFF_MEMBER: frozenset(
        {
            Action.READ,
            Action.EXPORT,
            Action.MARK_READY,
            Action.SIGN_OFF,
            Action.SIGN_BLOCK,
            Action.SEND_BACK,
            Action.REOPEN,
            Action.SUBMIT,
            Action.COMMENT,
        }
    ),
    Role.ANALYST: frozenset({Action.READ, Action.EXPORT, Action.NATIONAL_EXPORT}),
    # National: these hold in every area, without a membership there. An administrator
    # reopens a signed-off return (with a reason) from the admin; reads no area's pages.
    Role.ADMINISTRATOR: frozenset({Action.MANAGE, Action.NATIONAL_EXPORT, Action.REOPEN}),
    # NHS England reads, exports and assures what areas send it: a reviewer in one region's
    # areas, the national BCF team in every area (held with no area; a reviewer holds a
    # region).
    Role.NHSE_REVIEWER: frozenset({Action.READ, Action.EXPORT, Action.ASSURE}),
    Role.NHSE_NATIONAL: frozenset({Action.READ, Action.EXPORT, Action.ASSURE}),
}
# A sign-off member whose membership names a partner signs for that partner: its block of
# the plan, and nothing on behalf of the Board.
PARTNER_SIGNER = frozenset({Action.READ, Action.EXPORT, Action.SIGN_BLOCK})

# Who may, in words, for the 403 page.
WHO = {
    Action.READ: "members of {area}",
    Action.EDIT: "a commissioning officer of {area}",
    Action.EXPORT: "members of {area}",
    Action.MARK_READY: "a commissioning officer or HWB sign-off member of {area}",
    Action.SIGN_OFF: "an HWB sign-off member who signs for the {area} Board",
    Action.SIGN_BLOCK: "an HWB sign-off member of {area}",
    Action.SEND_BACK: "an HWB sign-off member who signs for the {area} Board",
    Action.REOPEN: "an HWB sign-off member who signs for the {area} Board, or an administrator,",
    Action.SUBMIT: "an HWB sign-off member who signs for the {area} Board",
    Action.SUBMIT_DRAFT: "a commissioning officer of {area}",
    Action.ASSURE: "NHS England's reviewers of {area}'s region, or its national BCF team,",
    Action.NATIONAL_EXPORT: "analysts",
    Action.MANAGE: "administrators",
    Action.COMMENT: "a commissioning officer of {area}, or an HWB sign-off member who signs for "
    "its Board,",
    Action.INVITE: "a commissioning officer of {area}, or an administrator,",
}
WHAT = {
    Action.READ: "see this",
    Action.EDIT: "change this",
    Action.EXPORT: "export this",
    Action.MARK_READY: "mark this ready for sign-off",
    Action.SIGN_OFF: "sign a return off",
    Action.SIGN_BLOCK: "sign a plan's sign-off block",
    Action.SEND_BACK: "send this back",
    Action.REOPEN: "reopen this once it is signed off",
    Action.SUBMIT: "submit this to NHS England",
    Action.SUBMIT_DRAFT: "send NHS England a draft of the plan",
    Action.ASSURE: "assure what an area submits",
    Action.NATIONAL_EXPORT: "build national exports",
    Action.MANAGE: "manage the portal",
    Action.COMMENT: "comment on this",
    Action.INVITE: "invite people to the area",
}

User = AbstractBaseUser | AnonymousUser


# Unordered: Membership's ordering (by username, area name) joined two tables. Compiled once:
# every page reads it (governance/prepared.py).
_MEMBERSHIPS = Prepared(
    lambda user: (
        Membership.objects.filter(user_id=user)
        .order_by()
        .values_list("hwb_area_id", "role", "partner_id", "region")
    ),
    user=int,
)


def _held(user: User) -> dict[int | None, tuple[set[Role], set[Action]]]:
    """The user's roles and the actions they grant, by area id (None: national), read once
    per request."""
    held = getattr(user, "_bcf_roles", None)
    if held is None:
        held = _hold(user, _MEMBERSHIPS(user=user.pk))
    return held


def _hold(user: User, memberships: list[tuple]) -> dict:
    """Keep on the user, for the request, the roles their memberships give."""
    held, signs = {}, {}
    for area_id, role, partner_id, region in memberships:
        key = area_id if area_id is not None else _region_key(region) if region else None
        roles_, actions = held.setdefault(key, (set(), set()))
        roles_.add(Role(role))
        partner_signer = role == Role.SIGN_OFF_MEMBER and partner_id is not None
        actions |= PARTNER_SIGNER if partner_signer else GRANTS[Role(role)]
        if role == Role.SIGN_OFF_MEMBER and area_id is not None:
            signs.setdefault(area_id, set()).add(partner_id)
    user._bcf_signs = signs  # `signs_for`: read with the roles
    if user.is_superuser:
        roles_, actions = held.setdefault(None, (set(), set()))
        roles_.add(Role.ADMINISTRATOR)
        actions |= GRANTS[Role.ADMINISTRATOR]
    user._bcf_roles = held
    return held


def read_with_roles(user: User, *runs: tuple) -> list:
    """`together(*runs)`, and the user's roles with them if the request has not read them:
    every page of a plan or a return reads what its address names, then asks whether the
    user may read it; the two answers come back together (one wait, not two)."""
    if not user.is_authenticated or getattr(user, "_bcf_roles", None) is not None:
        return together(*runs)
    *found, memberships = together(*runs, (_MEMBERSHIPS, {"user": user.pk}))
    _hold(user, memberships)
    return found


def _region_key(region: str) -> str:
    """Where a regional reviewer's roles are held: under their region, not an area's id."""
    return f"region:{region}"


def _keys(area: HwbArea) -> tuple:
    """Where roles in `area` are held: the area, nationally, and its NHS England region."""
    return (area.pk, None, _region_key(area.region)) if area.region else (area.pk, None)


def roles(user: User, area: HwbArea | None = None) -> frozenset[Role]:
    """The user's roles in the area (or, with no area, anywhere)."""
    if not user.is_authenticated:
        return frozenset()
    held = _held(user)
    if area is None:
        return frozenset(role for roles_, _ in held.values() for role in roles_)
    # Administrators are national: they manage the portal, and hold no area's pages. A
    # national analyst reads every area as an analyst of it; a reviewer, their region's.
    found: set[Role] = set()
    for key in _keys(area):
        held_here = held.get(key, (set(), set()))[0]
        found |= held_here - {Role.ADMINISTRATOR} if key is None else held_here
    return frozenset(found)


def roles_in_areas(user: User) -> dict[int, frozenset[Role]]:
    """The roles the user's memberships give them in each area, by the area's id (not those
    held nationally or for a region)."""
    if not user.is_authenticated:
        return {}
    return {key: frozenset(roles_) for key, (roles_, _) in _held(user).items() if type(key) is int}


def reads(user: User, area: HwbArea) -> bool:
    """Whether `area` is one of the user's areas, as `governance.selectors.hwb_areas_for_user`
    finds them (a test holds the two equal for every user and area), from the memberships
    already read: a member of it, a national analyst or NHS England's national team, or a
    reviewer of its region. An administrator reads no area's pages."""
    if not user.is_authenticated:
        return False
    if reads_every_area(user):
        return True
    held = _held(user)
    if area.pk in held:
        return True
    return (
        bool(area.region)
        and Role.NHSE_REVIEWER in held.get(_region_key(area.region), (set(), set()))[0]
    )


def reads_every_area(user: User) -> bool:
    """A national analyst or NHS England's national team: every area is theirs to read."""
    return is_national(user, Role.ANALYST) or is_national(user, Role.NHSE_NATIONAL)


def is_national(user: User, role: Role) -> bool:
    """Whether the user holds `role` for every area (an analyst granted national scope)."""
    return user.is_authenticated and role in _held(user).get(None, (set(), set()))[0]


def allows(user: User, action: Action, area: HwbArea | None = None) -> bool:
    if not user.is_authenticated:
        return False
    held = _held(user)
    if area is None:
        return any(action in actions for _, actions in held.values())
    return any(action in held.get(key, (set(), set()))[1] for key in _keys(area))


def areas_allowing(user: User, action: Action, areas) -> list[HwbArea]:
    """The areas of `areas` where `allows(user, action, area)`, in their order: one look at
    the user's roles, not one for each area (a national analyst's home asks this of 152
    areas four times, and is allowed none)."""
    if not user.is_authenticated:
        return []
    held = _held(user)
    if action in held.get(None, (set(), set()))[1]:
        return list(areas)
    granted = {key for key, (_, actions) in held.items() if action in actions}
    if not granted:
        return []
    return [area for area in areas if any(key in granted for key in _keys(area))]


def require(user: User, action: Action, area: HwbArea | None = None) -> None:
    """Return quietly when allowed; else a 404 for outsiders, a 403 that explains for members."""
    if allows(user, action, area):
        return
    if area is not None and not roles(user, area):
        raise Http404("Not found")
    who = WHO[action].format(area=area.name if area is not None else "")
    raise PermissionDenied(f"Only {who} can {WHAT[action]}.")


def signs_for(user: User, area: HwbArea) -> set[int | None]:
    """Whose sign-off blocks in the area the user signs: partner ids, and None for the HWB's.

    A sign-off member whose membership names a partner signs that partner's block; one
    whose membership names none signs for the Health and Wellbeing Board itself.
    """
    if not user.is_authenticated:
        return set()
    _held(user)  # the user's memberships, read once a request: their partners with them
    return set(user._bcf_signs.get(area.pk, ()))


def require_block(user: User, area: HwbArea, partner_id: int | None, on_behalf_of: str) -> None:
    """A partner signs only its own block; the Board's block is the Board members'."""
    require(user, Action.SIGN_BLOCK, area)
    if partner_id not in signs_for(user, area):
        raise PermissionDenied(
            f"Only an HWB sign-off member for {on_behalf_of} can sign its block."
        )
