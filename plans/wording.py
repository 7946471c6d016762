"""What a plan's page says about its state to the person reading it.

One table, state × what the reader may do, as for returns (`returns.wording`): an officer
is not told they can change a plan that is being signed, and a partner's signer is told
which block is theirs to sign. `plans/tests/test_plan_wording.py` walks the whole table.
"""

from governance.wording import BOARD, EDITOR, PARTNER, READER
from governance.wording import reader_part as area_reader_part

from .models import Plan, PlanStatus

NOTICES: dict[tuple[str, str], str] = {
    (PlanStatus.DRAFT, EDITOR): (
        "This plan is a draft: you and the other commissioning officers of {area} can change "
        "it. When every part is completed, mark it ready for each partner and the Board to sign."
    ),
    (PlanStatus.DRAFT, BOARD): (
        "This plan is a draft that the commissioning officers of {area} are still preparing. "
        "When it is marked ready, you sign the Board's block."
    ),
    (PlanStatus.DRAFT, PARTNER): (
        "This plan is a draft that the commissioning officers of {area} are still preparing. "
        "When it is marked ready, you sign your organisation's block."
    ),
    (PlanStatus.DRAFT, READER): (
        "This plan is a draft that the commissioning officers of {area} are still preparing. "
        "You can read it."
    ),
    (PlanStatus.READY, EDITOR): (
        "This plan is being signed by each partner and the Board, so it cannot be changed "
        "now. If it is sent back, it becomes a draft you can edit again."
    ),
    (PlanStatus.READY, BOARD): (
        "This plan is being signed. Sign the Board's block when you have read it, or send it "
        "back to the officers, saying why; the last signature signs the plan off."
    ),
    (PlanStatus.READY, PARTNER): (
        "This plan is being signed. Sign your organisation's block under Authorisation and "
        "sign-off when you have read it; the last signature signs the plan off."
    ),
    (PlanStatus.READY, READER): (
        "This plan is being signed by each partner and the {area} Board. You can read it."
    ),
    (PlanStatus.SIGNED_OFF, EDITOR): (
        "This plan is signed off by every partner and the Board, and locked. To change it, "
        "ask a sign-off member for the Board to reopen it."
    ),
    (PlanStatus.SIGNED_OFF, BOARD): (
        "This plan is signed off by every partner and the Board, and locked. Reopen it, "
        "saying why, if it must change: every block is then signed again."
    ),
    (PlanStatus.SIGNED_OFF, PARTNER): (
        "This plan is signed off by every partner and the Board, and locked. A sign-off "
        "member for the Board can reopen it if it must change."
    ),
    (PlanStatus.SIGNED_OFF, READER): (
        "This plan is signed off by every partner and the Board, and locked."
    ),
}


def reader_part(user, plan: Plan) -> str:
    return area_reader_part(user, plan.hwb_area, partners_sign=True)


def state_notice(user, plan: Plan) -> str:
    """The sentence under a plan's status: what its state means for this reader."""
    return NOTICES[(plan.status, reader_part(user, plan))].format(area=plan.hwb_area.name)
