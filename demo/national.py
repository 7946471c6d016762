"""The national demo (`seed_demo --national`): every other real HWB area gets an officer, a
sign-off member and a Q3 2015/16 return of made-up figures, in a mix of states, so the
round's pages, the national figures and the reminders have something to show.

Each return is marked `synthetic`: its pages, workbook and the national figures say so.
Its words are Norfolk's (a complete return, so the synthetic ones pass their checks) with
the area's name; its figures are drawn, per area, from a generator seeded with the area's
ONS code, scaled to plausible sizes (non-elective admissions of a few thousand to thirty
thousand a quarter, a pooled fund of £10m to £120m). Norfolk keeps its real figures and
Borsetshire its own; an area that already has a return is left as it is, so a second run
changes nothing.
"""

import hashlib
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from governance.models import HwbArea, Membership, Role
from governance.workflow import without_notifications
from returns.definitions import Kind, is_numeric, template
from returns.exports import export_request, export_run
from returns.models import AnswerSource, QuarterlyReturn
from returns.selectors import period_by_code
from returns.services import answers_save, return_create
from returns.workflow import return_mark_ready, return_sign_off, return_submit

from .borsetshire import BORSETSHIRE_ONS_CODE
from .norfolk import NORFOLK_ONS_CODE
from .sync import fixture, set_differing

# Out of twenty areas: not started, draft, ready for sign-off, signed off, submitted.
STATES = (
    ["not_started"] * 2 + ["draft"] * 4 + ["ready"] * 3 + ["signed_off"] * 9 + ["submitted"] * 2
)
KEEP_THEIR_OWN = {NORFOLK_ONS_CODE, BORSETSHIRE_ONS_CODE}


def _chance(ons_code: str) -> random.Random:
    seed = int(hashlib.sha256(ons_code.encode()).hexdigest()[:16], 16)
    return random.Random(seed)  # noqa: S311 - made-up figures, not secrets


PEOPLE = ((Role.COMMISSIONING_OFFICER, "officer"), (Role.SIGN_OFF_MEMBER, "signoff"))


def _people(areas: list[HwbArea]) -> dict[int, list]:
    """Each area's demo officer and sign-off member (they do not sign in: no password), by
    the area's id: made, or brought back to what the demo gives them, for every area in a
    few queries (one area at a time, it was 3 s of the national demo)."""
    User = get_user_model()
    wanted = {
        f"{prefix}.{area.ons_code.lower()}": (area, role, prefix)
        for area in areas
        for role, prefix in PEOPLE
    }
    users = {user.username: user for user in User.objects.filter(username__in=list(wanted))}
    new = []
    for username, (area, _role, prefix) in wanted.items():
        values = {
            "first_name": prefix.capitalize(), "last_name": f"of {area.name}",
            "email": f"{username}@example.org", "is_active": True,
        }  # fmt: skip
        user = users.get(username)
        if user is None:
            user = users[username] = User(username=username, **values)
            user.set_unusable_password()
            new.append(user)
            continue
        changed = set_differing(user, values)
        if user.has_usable_password():
            user.set_unusable_password()
            changed.append("password")
        if changed:
            user.save(update_fields=changed)
    User.objects.bulk_create(new)
    held = {
        (m.user_id, m.role, m.hwb_area_id): m
        for m in Membership.objects.filter(user__in=list(users.values()))
    }
    memberships, people = [], {}
    for username, (area, role, _prefix) in wanted.items():
        user = users[username]
        membership = held.get((user.pk, role, area.pk))
        if membership is None:
            memberships.append(Membership(user=user, role=role, hwb_area=area))
        elif set_differing(membership, {"partner": None}):
            membership.save(update_fields=["partner"])
        people.setdefault(area.pk, []).append(user)
    Membership.objects.bulk_create(memberships)
    return people


def synthetic_answers(area: HwbArea, chance: random.Random, norfolk: dict) -> dict:
    """Norfolk's words (`norfolk`: its answers) with the area's name, and made-up figures
    of the area's own size."""
    definition = template("bcf-q3-2015-16")
    size = chance.uniform(0.2, 1.4)  # against Norfolk's
    trend = chance.uniform(0.94, 1.06)  # this year's admissions against the plan
    values = {}
    for id_, value in norfolk.items():
        question = definition.question(id_)
        if question.kind is Kind.CALC or value is None:
            continue
        if is_numeric(question) and question.type.name != "pct":
            scaled = Decimal(value) * Decimal(size)
            if id_.startswith("nea_actual"):
                scaled *= Decimal(trend)
            if id_.startswith("p4p_actual_payment"):
                scaled = Decimal(0)  # never more than suggested
            values[id_] = min(int(scaled), 100_000_000)
        else:
            values[id_] = value
    values.update({
        "cover_hwb": area.name,
        "cover_completed_by": f"Officer of {area.name}",
        "cover_email": f"officer.{area.ons_code.lower()}@example.org",
        "cover_signed_off_by": f"Chair of the {area.name} Health and Wellbeing Board",
        "p4p_payment_comment": "Synthetic figures: the demo records no payment made.",
        "narrative": f"Synthetic figures made up by the BCF portal's national demo for "
                     f"{area.name}: not its real return.",
    })  # fmt: skip
    return values


def national_demo_load() -> int:
    """A synthetic Q3 return for each real area that has none; how many were made."""
    period = period_by_code("fy1516_q3")
    definition = template(period.template_version)
    norfolk = fixture("norfolk-q3-2015-16.json")["answers"]  # read once, for every area
    started = set(QuarterlyReturn.objects.filter(period=period).values_list("hwb_area", flat=True))
    made = 0
    areas = list(HwbArea.objects.exclude(ons_code__in=KEEP_THEIR_OWN).order_by("ons_code"))
    people = _people(areas)
    for area in areas:
        officer, signer = people[area.pk]
        if area.pk in started:
            continue
        chance = _chance(area.ons_code)
        state = chance.choice(STATES)
        if state == "not_started":
            continue
        with transaction.atomic(), without_notifications():
            quarterly_return = return_create(hwb_area=area, period=period, user=officer)
            QuarterlyReturn.objects.filter(pk=quarterly_return.pk).update(synthetic=True)
            quarterly_return.refresh_from_db()
            values = synthetic_answers(area, chance, norfolk)
            if state == "draft":  # part of the way through
                values = {k: v for k, v in values.items() if chance.random() < 0.7}
            cleaned = {id_: definition.question(id_).type.clean(v) for id_, v in values.items()}
            answers_save(quarterly_return=quarterly_return, values=cleaned, user=officer,
                         source=AnswerSource.IMPORT, prepopulated=True)  # fmt: skip
            if state != "draft":
                return_mark_ready(quarterly_return=quarterly_return, user=officer)
            if state in ("signed_off", "submitted"):
                return_sign_off(quarterly_return=quarterly_return, user=signer,
                                on_behalf_of=f"{area.name} Health and Wellbeing Board")  # fmt: skip
            if state == "submitted":
                export = export_run(export_id=export_request(
                    quarterly_return=quarterly_return, user=signer).pk)  # fmt: skip
                return_submit(quarterly_return=quarterly_return, user=signer, export=export)
        made += 1
    return made
