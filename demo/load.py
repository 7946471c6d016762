"""The whole demo: reference data, Norfolk, the fictional area, the demo users."""

from django.db import transaction

from governance.workflow import without_notifications

from .borsetshire import borsetshire_load
from .norfolk import norfolk_load, norfolk_plan_drafts, norfolk_q3_sign_off
from .reference import reference_data_load
from .users import DemoUser, demo_users_load


@transaction.atomic
def demo_load(*, password: str, sign_off: bool = True) -> list[DemoUser]:
    """Everything the demo shows. Norfolk's Q3 return is signed off and its 2016/17 plan
    sent to NHS England twice as a draft, as in the source, unless `sign_off` is false (tests
    that change them start from the draft, sent nowhere)."""
    reference_data_load()
    norfolk_load()
    borsetshire_load()
    users = demo_users_load(password=password)
    if sign_off:
        with without_notifications():
            norfolk_q3_sign_off()
            norfolk_plan_drafts()
    return users
