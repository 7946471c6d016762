"""The national demo (`seed_demo --national`): every other real HWB area gets an officer, a
sign-off member and returns of made-up figures for Q3 and Q4 2015/16 and Q1 and Q2 2016/17
(`SYNTHETIC_PERIODS`), in a mix of states, so the rounds' pages, the national figures and the
reminders have something to show; NHS England's national team has queried some of the
submitted ones (their officers answered) and accepted others (`_assured`).

Each return is marked `synthetic`: its pages, workbook and the national figures say so.
Its words are Norfolk's Q3 ones where the template asks the same question (a complete return,
so the synthetic ones pass their checks), with the area's name, and otherwise say they are
made up; its figures are drawn, per area and period, from a generator seeded with the area's
ONS code, scaled to plausible sizes (non-elective admissions of a few thousand to thirty
thousand a quarter, a pooled fund of £10m to £120m). Norfolk keeps its real figures and
Borsetshire its own; an area that already has a return is left as it is, so a second run
changes nothing.
"""

import datetime
import hashlib
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from governance.models import HwbArea, Membership, Role
from governance.workflow import without_notifications
from returns.definitions import Kind, is_numeric, template
from returns.definitions.evaluation import calculate, is_applicable
from returns.definitions.values import Choice, Date, Month
from returns.models import AnswerSource, QuarterlyReturn
from returns.selectors import period_by_code, return_cautions, return_state, unconfirmed
from returns.services import answers_save, confirmation_give, return_create
from returns.workflow import return_mark_ready, return_sign_off, return_submit

from .borsetshire import BORSETSHIRE_ONS_CODE
from .norfolk import NORFOLK_ONS_CODE
from .sync import fixture, set_differing

# Out of twenty areas: not started, draft, ready for sign-off, signed off, submitted.
STATES = (
    ["not_started"] * 2 + ["draft"] * 4 + ["ready"] * 3 + ["signed_off"] * 9 + ["submitted"] * 2
)
KEEP_THEIR_OWN = {NORFOLK_ONS_CODE, BORSETSHIRE_ONS_CODE}
SYNTHETIC_PERIODS = ("fy1516_q3", "fy1516_q4", "fy1617_q1", "fy1617_q2")
MADE_UP = "Synthetic answer made up by the BCF portal's national demo."


def _chance(ons_code: str, period: str = "fy1516_q3") -> random.Random:
    key = ons_code if period == "fy1516_q3" else f"{ons_code}:{period}"  # Q3's as before
    seed = int(hashlib.sha256(key.encode()).hexdigest()[:16], 16)
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


def _made_up(question, definition):
    """An answer to a question Norfolk's Q3 return does not hold: plainly made up."""
    type_ = question.type
    if isinstance(type_, Choice):
        return type_.options[1 if question.id.endswith("_2") else 0]  # a second pick differs
    if isinstance(type_, Date):
        return datetime.date(2000 + int(definition.financial_year[4:]), 3, 31)
    if isinstance(type_, Month):
        return "Live"
    if is_numeric(question):
        flow = question.id.split("_")[1] if question.id.startswith("ie_") else ""
        return 0 if not flow else None  # an I&E figure: the year's plan, below
    return MADE_UP


SYNTHETIC_REASON = "Synthetic figures, made up by the portal's national demo."


def _confirm_figures(quarterly_return: QuarterlyReturn, officer) -> None:
    """Made-up figures trip the "are you sure?" checks as real ones do: confirmed, saying so."""
    state = return_state(quarterly_return=quarterly_return)
    for asked in unconfirmed(return_cautions(state=state)):
        confirmation_give(quarterly_return=quarterly_return, key=asked.caution.key,
                          explanation=SYNTHETIC_REASON, user=officer)  # fmt: skip


def synthetic_answers(area: HwbArea, chance: random.Random, norfolk: dict,
                      definition=None) -> dict:  # fmt: skip
    """Norfolk's words (`norfolk`: its Q3 answers) with the area's name, and made-up figures
    of the area's own size, for any template (Q3 2015/16 unless `definition` says)."""
    definition = definition or template("bcf-q3-2015-16")
    size = chance.uniform(0.2, 1.4)  # against Norfolk's
    trend = chance.uniform(0.94, 1.06)  # this year's admissions against the plan
    values = {}
    for question in definition.questions:
        id_ = question.id
        if question.kind is Kind.CALC:
            continue
        value = norfolk.get(id_)
        if value is None and id_.startswith("ie_") and "_actual_" in id_:
            value = norfolk.get(id_.replace("_actual_", "_plan_"))  # an actual as planned
        if value is None and id_ not in norfolk:
            value = _made_up(question, definition)
        if value is None:
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
        "narrative": f"Synthetic figures made up by the BCF portal's national demo for "
                     f"{area.name}: not its real return.",
    })  # fmt: skip
    if definition.has("p4p_payment_comment"):
        values["p4p_payment_comment"] = "Synthetic figures: the demo records no payment made."
    # Nothing stored for a question the other answers say is not asked.
    everything = calculate(definition, {
        id_: definition.question(id_).type.clean(v) for id_, v in values.items()})  # fmt: skip
    return {id_: v for id_, v in values.items()
            if is_applicable(definition.question(id_), everything)}  # fmt: skip


def national_demo_load() -> int:
    """Synthetic returns of each of `SYNTHETIC_PERIODS` for each real area that has none of
    that period, in period order (so each is pre-filled from the one before); how many."""
    norfolk = fixture("norfolk-q3-2015-16.json")["answers"]  # read once, for every area
    areas = list(HwbArea.objects.exclude(ons_code__in=KEEP_THEIR_OWN).order_by("ons_code"))
    people = _people(areas)
    made = sum(_period_load(code, areas, people, norfolk) for code in SYNTHETIC_PERIODS)
    national_plans_load()
    return made


def _period_load(code: str, areas: list[HwbArea], people: dict, norfolk: dict) -> int:
    period = period_by_code(code)
    if period is None:
        return 0
    definition = template(period.template_version)
    started = set(QuarterlyReturn.objects.filter(period=period).values_list("hwb_area", flat=True))
    made = 0
    for area in areas:
        officer, signer = people[area.pk]
        if area.pk in started:
            continue
        chance = _chance(area.ons_code, code)
        state = chance.choice(STATES)
        if state == "not_started":
            continue
        with transaction.atomic(), without_notifications():
            quarterly_return = return_create(hwb_area=area, period=period, user=officer)
            QuarterlyReturn.objects.filter(pk=quarterly_return.pk).update(synthetic=True)
            quarterly_return.refresh_from_db()
            values = synthetic_answers(area, chance, norfolk, definition)
            if state == "draft":  # part of the way through
                values = {k: v for k, v in values.items() if chance.random() < 0.7}
            cleaned = {id_: definition.question(id_).type.clean(v) for id_, v in values.items()}
            answers_save(quarterly_return=quarterly_return, values=cleaned, user=officer,
                         source=AnswerSource.IMPORT, prepopulated=True)  # fmt: skip
            if state != "draft":
                _confirm_figures(quarterly_return, officer)
                return_mark_ready(quarterly_return=quarterly_return, user=officer)
            if state in ("signed_off", "submitted"):
                return_sign_off(quarterly_return=quarterly_return, user=signer,
                                on_behalf_of=f"{area.name} Health and Wellbeing Board")  # fmt: skip
            if state == "submitted":
                event = return_submit(quarterly_return=quarterly_return, user=signer)
                _assured(event.submission, officer, chance)
        made += 1
    return made


# What NHS England's national team has done with a synthetic submission, out of three:
# queried (the officer answered; the query stays open), accepted after a query answered and
# closed, or not yet looked at.
ASSURANCE = ("queried", "accepted", "awaiting")
QUERY = "Synthetic query made up by the BCF portal's national demo: please explain this figure."
ANSWER = "Synthetic answer made up by the BCF portal's national demo: the figure is right."


def _assured(submission, officer, chance: random.Random) -> None:
    from governance.conversations import comment_add, conversation_resolve, conversation_start
    from national.assurance import line_rate, outcome_record

    step = chance.choice(ASSURANCE)
    if step == "awaiting":
        return
    reviewer = get_user_model().objects.get(username="nhse.national")
    query = conversation_start(subject=submission, hwb_area=submission.hwb_area,
                               about="", title="A figure to explain",
                               text=QUERY, user=reviewer)  # fmt: skip
    comment_add(conversation=query, text=ANSWER, user=officer)
    if step == "accepted":
        conversation_resolve(conversation=query, user=reviewer)
        for found in submission.enquiries:
            if not found["rating"]:
                line_rate(submission=submission, line=found["key"], rating="green", comment="",
                          user=reviewer)  # fmt: skip
        outcome_record(submission=submission, outcome="accepted", note="", user=reviewer)


# Plans: in each NHS England region, one area's made-up 2016/17 plan, signed off by its Board
# and approved by NHS England's national team subject to conditions, one of them met.
CONDITIONS = (
    "Synthetic condition made up by the BCF portal's national demo: agree the risk share "
    "with the acute trusts.",
    "Synthetic condition made up by the BCF portal's national demo: sign the section 75 agreement.",
)


def national_plans_load() -> int:
    """A synthetic signed-off 2016/17 plan for the first area of each region (by ONS code)
    that has none, submitted and approved subject to conditions; how many were made."""
    from governance.models import NhsRegion

    made = 0
    for region, _ in NhsRegion.choices:
        area = (HwbArea.objects.filter(region=region).exclude(ons_code__in=KEEP_THEIR_OWN)
                .order_by("ons_code").first())  # fmt: skip
        if area is None or area.plans.filter(financial_year__start_year=2016).exists():
            continue
        with transaction.atomic(), without_notifications():
            _plan_made(area, _people([area])[area.pk])
        made += 1
    return made


def _plan_made(area: HwbArea, people: list) -> None:
    from governance.models import FinancialYear, Partner
    from national.assurance import condition_met, line_rate, outcome_record
    from plans.services import (
        NARRATIVE_FIELDS,
        ConditionInput,
        plan_conditions_save,
        plan_narrative_save,
    )
    from plans.workflow import plan_mark_ready, plan_sign_block, plan_submit

    from .building import plan_sync, scheme_sync, sign_off_blocks_sync

    officer, signer = people
    chance = _chance(area.ons_code, "plan_2016")
    fund = chance.randrange(10_000_000, 120_000_000, 1_000)
    council, _ = Partner.objects.get_or_create(
        code=f"{area.ons_code}-LA", defaults={"name": f"{area.name} Council", "kind": "council"}
    )
    council.hwb_areas.add(area)
    year = FinancialYear.objects.get(start_year=2016)
    plan = plan_sync(area=area, year=year, pooled_fund_total=fund,
                     contributions={council: (fund, None)},
                     planned_expenditure={"social_care": fund})  # fmt: skip
    sign_off_blocks_sync(plan=plan, signatories=[f"{area.name} Health and Wellbeing Board"],
                         partners=[])  # fmt: skip
    scheme_sync(plan=plan, partners={"LA": council}, data={
        "reference": "S1", "name": "Synthetic scheme", "lead_partner": "LA",
        "overview": MADE_UP, "investment_lines": [
            {"description": MADE_UP, "amount": fund}]})  # fmt: skip
    plan_conditions_save(
        plan=plan,
        user=officer,
        revision=None,
        statements=[
            ConditionInput(c, "Yes", MADE_UP, None) for c in year.national_conditions.all()
        ],
    )
    plan_narrative_save(plan=plan, user=officer, revision=None,
                        values=dict.fromkeys(NARRATIVE_FIELDS, MADE_UP))  # fmt: skip
    plan.refresh_from_db()
    plan_mark_ready(plan=plan, user=officer)
    plan_sign_block(plan=plan, user=signer, block=plan.sign_off_blocks.get(),
                    signed_by=signer.get_full_name() or signer.get_username(),
                    position="Chair of the Health and Wellbeing Board",
                    signed_on=datetime.date(2016, 4, 21))  # fmt: skip
    submission = plan_submit(plan=plan, user=signer).submission
    reviewer = get_user_model().objects.get(username="nhse.national")
    for found in submission.enquiries:
        if not found["rating"]:
            line_rate(submission=submission, line=found["key"], rating="amber",
                      comment=CONDITIONS[0], user=reviewer)  # fmt: skip
    outcome_record(submission=submission, outcome="approved_conditions", note="",
                   conditions=list(CONDITIONS), user=reviewer)  # fmt: skip
    condition_met(condition=submission.approval_conditions.order_by("position")[1], user=reviewer)
