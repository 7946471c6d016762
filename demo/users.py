"""The demo users, one per role, and the password they share (local use only)."""

import os
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, is_password_usable, make_password

from governance.models import HwbArea, Membership, NhsRegion, Partner, Role

from .borsetshire import BORSETSHIRE_ONS_CODE as BORSETSHIRE
from .norfolk import NORFOLK_ONS_CODE as NORFOLK
from .sync import sync


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    # (role, ONS code of the area or None, partner code or None[, NHS England region])
    memberships: list[tuple] = field(default_factory=list)
    administrator: bool = False

    def describe(self) -> str:
        """`Analyst in Norfolk; Analyst in Borsetshire`, from what the database holds."""
        return "; ".join(
            m.role_description
            for m in Membership.objects.filter(user__username=self.username).select_related(
                "hwb_area", "partner"
            )
        )


DEMO_USERS = [
    DemoUser(
        "officer.norfolk",
        "Norfolk Officer",
        [(Role.COMMISSIONING_OFFICER, NORFOLK, "NCC")],
    ),
    DemoUser("signoff.norfolk", "Norfolk Sign-off", [(Role.SIGN_OFF_MEMBER, NORFOLK, None)]),
    # Each of Norfolk's pooling partners signs its own block of the plan.
    *(
        DemoUser(
            f"signoff.{code.lower()}", f"{code} Sign-off", [(Role.SIGN_OFF_MEMBER, NORFOLK, code)]
        )
        for code in ("NCC", "GYW", "NN", "NCH", "SN", "WN")
    ),
    DemoUser(
        "analyst",
        "Demo Analyst",
        [(Role.ANALYST, NORFOLK, None), (Role.ANALYST, BORSETSHIRE, None)],
    ),
    # Granted national scope: one membership with no area, reading every area.
    DemoUser("analyst.national", "National Analyst", [(Role.ANALYST, None, None)]),
    DemoUser("admin", "Demo Administrator", [(Role.ADMINISTRATOR, None, None)], administrator=True),
    # NHS England: Norfolk's regional reviewer, and the national BCF team.
    DemoUser(
        "nhse.midlandseast",
        "NHSE Midlands",
        [(Role.NHSE_REVIEWER, None, None, NhsRegion.MIDLANDS_AND_EAST)],
    ),
    DemoUser("nhse.national", "NHSE National", [(Role.NHSE_NATIONAL, None, None)]),
    DemoUser(
        "officer.other",
        "Borsetshire Officer",
        [(Role.COMMISSIONING_OFFICER, BORSETSHIRE, "BCC")],
    ),
    DemoUser("signoff.other", "Borsetshire Sign-off", [(Role.SIGN_OFF_MEMBER, BORSETSHIRE, None)]),
]


def demo_password() -> str:
    """DEMO_PASSWORD when set; else the one generated on the first run, kept in a local file."""
    if given := os.environ.get("DEMO_PASSWORD"):
        return given
    path = settings.DEMO_PASSWORD_FILE
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    password = secrets.token_urlsafe(12)
    path.write_text(password + "\n", encoding="utf-8")
    path.chmod(0o600)
    return password


class _SharedHash:
    """One hash of the demo password, given to every demo user. They share the password, so
    sharing its hash tells no more; and each hash costs a third of a second with the
    production hasher. A stored hash is checked once, however many users hold it."""

    def __init__(self, password: str):
        self.password = password
        self.encoded: str | None = None
        self.checked: dict[str, bool] = {}  # a stored hash: whether it is of the password

    def holds(self, stored: str) -> bool:
        if stored not in self.checked:  # an empty or unusable hash is of no password
            usable = bool(stored) and is_password_usable(stored)
            self.checked[stored] = usable and check_password(self.password, stored)
        return self.checked[stored]

    def hash(self) -> str:
        if self.encoded is None:
            self.encoded = make_password(self.password)
            self.checked[self.encoded] = True
        return self.encoded


def demo_users_load(*, password: str) -> list[DemoUser]:
    User = get_user_model()
    shared = _SharedHash(password)
    for demo in DEMO_USERS:
        first, _, last = demo.full_name.partition(" ")
        user = sync(
            User,
            {"username": demo.username},
            {
                "first_name": first,
                "last_name": last,
                "email": f"{demo.username}@example.org",
                "is_active": True,
                "is_staff": demo.administrator,
                "is_superuser": demo.administrator,
            },
        )
        if not shared.holds(user.password):
            user.password = shared.hash()
            user.save(update_fields=["password"])
        wanted = [
            sync(
                Membership,
                {
                    "user": user,
                    "role": role,
                    "hwb_area": HwbArea.objects.get(ons_code=area) if area else None,
                },
                {
                    "partner": Partner.objects.get(code=partner) if partner else None,
                    "region": region[0] if region else "",
                },
            )
            for role, area, partner, *region in demo.memberships
        ]
        user.memberships.exclude(pk__in=[m.pk for m in wanted]).delete()
    return DEMO_USERS
