"""The portal's sessions are Django's database sessions, read with a query compiled once:
they load, expire and are forgotten exactly as Django's do."""

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from governance.sessions import SessionStore

pytestmark = pytest.mark.django_db


def stored(**data) -> str:
    """A session saved as Django saves one; its key."""
    store = db.SessionStore()
    store.update(data)
    store.create()
    return store.session_key


def test_the_portal_uses_them():
    assert settings.SESSION_ENGINE == "governance.sessions"


def test_a_session_loads_what_django_saved_in_one_query():
    key = stored(who="officer", step=3)
    with CaptureQueriesContext(connection) as queries:
        assert SessionStore(key).load() == {"who": "officer", "step": 3}
    assert len(queries) == 1


def test_an_expired_session_loads_nothing_and_its_key_is_forgotten():
    key = stored(who="officer")
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    store = SessionStore(key)
    assert store.load() == {}
    assert store.session_key is None  # saving it makes a new session, not the old one back
    assert db.SessionStore(key).load() == {}  # as Django's own does


@pytest.mark.parametrize("key", ["no-such-session-key-at-all", None])
def test_an_unknown_or_missing_key_loads_nothing(key):
    store = SessionStore(key)
    assert store.load() == {}
    assert store.session_key is None


def test_what_it_saves_django_reads():
    store = SessionStore()
    store["who"] = "signer"
    store.save()
    assert db.SessionStore(store.session_key).load() == {"who": "signer"}
