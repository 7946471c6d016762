"""What a return's pages say about its state to the person reading them.

One table, state × what the reader may do, so that no page tells an officer that
"only a commissioning officer can change it" about a return they cannot change
because it awaits sign-off. `tests` walk the whole table.
"""

from governance.wording import BOARD, EDITOR, READER
from governance.wording import reader_part as area_reader_part

from .models import EventKind, QuarterlyReturn, ReturnStatus

SIGNER = BOARD  # a return is signed for the Board; a partner's signer only reads it

NOTICES: dict[tuple[str, str], str] = {
    (ReturnStatus.DRAFT, EDITOR): (
        "This is a draft: you and the other commissioning officers of {area} can change it. "
        "When every section is completed, send it for sign-off."
    ),
    (ReturnStatus.DRAFT, SIGNER): (
        "This is a draft that the commissioning officers of {area} are still preparing. "
        "You can read it now; it comes to you for sign-off when it is marked ready."
    ),
    (ReturnStatus.DRAFT, READER): (
        "This is a draft that the commissioning officers of {area} are still preparing. "
        "You can read it."
    ),
    (ReturnStatus.READY, EDITOR): (
        "This return is waiting for sign-off, so it cannot be changed now. If a sign-off "
        "member sends it back, it becomes a draft you can edit again."
    ),
    (ReturnStatus.READY, SIGNER): (
        "This return is waiting for your sign-off. Review it, then sign it off on behalf of "
        "the Board or send it back to the officers, saying why."
    ),
    (ReturnStatus.READY, READER): (
        "This return is waiting for sign-off by the {area} Board's sign-off members. "
        "You can read it."
    ),
    (ReturnStatus.SIGNED_OFF, EDITOR): (
        "This return is signed off and locked. A sign-off member submits it to NHS England. "
        "To change an answer, ask a sign-off member to reopen it."
    ),
    (ReturnStatus.SIGNED_OFF, SIGNER): (
        "This return is signed off and locked. Reopen it, saying why, if it must change: "
        "a new version starts as a draft and this one stays as it was signed."
    ),
    (ReturnStatus.SIGNED_OFF, READER): "This return is signed off and locked.",
    (ReturnStatus.SUBMITTED, EDITOR): (
        "This return has been submitted to NHS England and is locked. To change an answer, "
        "ask a sign-off member to reopen it."
    ),
    (ReturnStatus.SUBMITTED, SIGNER): (
        "This return has been submitted to NHS England and is locked. Reopen it, saying "
        "why, if it must change: a new version starts as a draft."
    ),
    (ReturnStatus.SUBMITTED, READER): (
        "This return has been submitted to NHS England and is locked."
    ),
}


def reader_part(user, quarterly_return: QuarterlyReturn) -> str:
    return area_reader_part(user, quarterly_return.hwb_area, partners_sign=False)


def state_notice(user, quarterly_return: QuarterlyReturn) -> str:
    """The sentence under a return's status: what its state means for this reader."""
    notice = NOTICES[(quarterly_return.status, reader_part(user, quarterly_return))]
    return notice.format(area=quarterly_return.hwb_area.name)


# A step's confirmation page: its panel's title, and what happens next.
DONE: dict[str, tuple[str, str]] = {
    EventKind.READY: (
        "Sent for sign-off",
        "A sign-off member reviews it, then signs it off on behalf of the Board or sends it "
        "back, saying why. Until then it cannot be changed. Its officers are e-mailed either "
        "way.",
    ),
    EventKind.SENT_BACK: (
        "Sent back to the officers",
        "The officers correct it and mark it ready for sign-off again. Its sign-off members "
        "are e-mailed when they do, and see what changed since you sent it back.",
    ),
    EventKind.SIGNED_OFF: (
        "Signed off",
        "It is locked. Next, a sign-off member who signs for the Board submits it to NHS "
        "England in the portal, by the deadline.",
    ),
    EventKind.SUBMITTED: (
        "Submitted to NHS England",
        "NHS England's reviewers have it now. The portal keeps what was sent, its workbook "
        "byte for byte. If they raise a query, its officers and sign-off members answer it "
        "here. If the return must change, a sign-off member reopens it, saying why; it is "
        "then signed off and submitted again.",
    ),
    EventKind.REOPENED: (
        "Reopened",
        "It is a draft again, as a new version. Its officers make the changes and mark it "
        "ready for sign-off again. The version before stays as it was signed off.",
    ),
}
