"""The whole demo: reference data, Norfolk, the fictional area, the demo users."""

from django.db import transaction

from .borsetshire import borsetshire_load
from .norfolk import norfolk_load
from .reference import reference_data_load
from .users import DemoUser, demo_users_load


@transaction.atomic
def demo_load(*, password: str) -> list[DemoUser]:
    reference_data_load()
    norfolk_load()
    borsetshire_load()
    return demo_users_load(password=password)
