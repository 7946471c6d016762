"""The reader's part in a plan's or return's next step, for the tables of words each keeps
(`plans/wording.py`, `returns/wording.py`): what their state means depends on who reads."""

from . import rules

# Most able first: changes it, signs for the Board, signs one partner's block, reads.
EDITOR, BOARD, PARTNER, READER = "editor", "board", "partner", "reader"


def reader_part(user, area, *, partners_sign: bool) -> str:
    """`partners_sign`: whether a partner's signer has a block to sign (a plan), or only
    reads (a return)."""
    if rules.allows(user, rules.Action.EDIT, area):
        return EDITOR
    if rules.allows(user, rules.Action.SIGN_OFF, area):
        return BOARD
    if partners_sign and rules.allows(user, rules.Action.SIGN_BLOCK, area):
        return PARTNER
    return READER
