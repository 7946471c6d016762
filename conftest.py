"""Test-wide fixtures: the demo data, signing in, and how a missing service is reported.

Tests that need a real service (a Celery worker on Redis, Chromium) skip with
the reason when it is missing, or fail when BCF_REQUIRE_SERVICES=1, as CI sets.
"""

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# refuses to run beside one unless told this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DEMO_TEST_PASSWORD = "correct-horse-battery-staple"


# Test modules whose tests share a set-up that takes seconds, made once per xdist worker: the
# tests of each group run on one worker, so it is made once. (xdist's own `--dist loadgroup`
# cannot group them under pytest 9.2: it renames the tests through an attribute pytest no
# longer reads.)
SHARED_SET_UP = {
    # The national demo (the `national` fixture).
    "demo/tests/test_national_demo.py": "national demo",
    "tests/test_browser_national.py": "national demo",
    # The old layout's snapshot, migrated to today's (`old_layout_migrated`).
    "tests/test_layout_migration.py": "old layout migrated",
}


def pytest_xdist_make_scheduler(config, log):
    """xdist's `load` scheduling, one test at a time to whichever worker is free, except
    that the tests of each group of SHARED_SET_UP go together to one worker."""
    from xdist.scheduler import LoadScopeScheduling

    class SharedSetUp(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return SHARED_SET_UP.get(nodeid.split("::")[0], nodeid)

    return SharedSetUp(config, log)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The tests marked `slow` first (each kind keeping its order), so that no worker is
    still running one when the others have finished."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def service_missing(reason: str):
    """Skip with a reason, or fail where services are required (CI)."""
    if os.environ.get("BCF_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} (BCF_REQUIRE_SERVICES=1: CI must run this test)")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path_factory):
    """Exported and uploaded files go to a temporary folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


def _demo_load() -> None:
    from demo.load import demo_load

    # Norfolk's Q3 return is left a draft and its plan sent nowhere, so tests can change them
    # and take them through the workflow; demo/tests/test_seed_demo.py checks the demo as
    # seed_demo makes it.
    demo_load(password=DEMO_TEST_PASSWORD, sign_off=False)


def _demo_loaded() -> bool:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(username="officer.norfolk").exists()  # loaded last


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The demo data, loaded once into each test database (one per xdist worker) and kept:
    a test that uses the database runs in a transaction rolled back after it, so it finds
    the demo as loaded and leaves it so. Loading it for every test took most of the suite's
    time (about a second a test). A copy of every demo table is kept beside it, for
    `_demo_restore` after a test that commits has emptied the database."""
    with django_db_blocker.unblock():
        _demo_load()
        _demo_snapshot()


# What migrations make, which every test finds; every other row is the demo's.
MIGRATED_TABLES = {"django_content_type", "auth_permission"}
DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "live_server"}
# Fixtures that put the data a test reads in the database (the demo; the old layout's snapshot
# migrated to today's, and a return submitted before submissions were kept on their own,
# tests/test_layout_migration.py), which `demo_only_where_asked` keeps.
DATA_FIXTURES = {"demo", "old_layout_migrated", "submitted_before_submissions"}


SNAPSHOT = "demo_snapshot_"  # a copy of table T is demo_snapshot_T: no model's, so no flush's
NATIONAL_SNAPSHOT = "national_snapshot_"  # the same, with the national demo loaded too


def _demo_tables() -> list[str]:
    from django.db import connection

    tables = set(connection.introspection.django_table_names(only_existing=True))
    return sorted(tables - MIGRATED_TABLES)


def _demo_snapshot(prefix: str = SNAPSHOT) -> None:
    from django.db import connection

    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in _demo_tables():
            copy, original = quote(prefix + table), quote(table)
            cursor.execute(f"DROP TABLE IF EXISTS {copy}")
            cursor.execute(f"CREATE TABLE {copy} AS SELECT * FROM {original}")  # noqa: S608


def _demo_restore(prefix: str = SNAPSHOT) -> None:
    """The demo, copied back from the session's copy in a few statements: what a test that
    commits (a browser or worker test) takes away when pytest-django empties the database.
    (With NATIONAL_SNAPSHOT: the demo and the national demo.)"""
    from django.db import connection, transaction

    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:  # foreign keys checked at the end
        _demo_remove()
        for table in _demo_tables():
            cursor.execute(f"INSERT INTO {quote(table)} SELECT * FROM {quote(prefix + table)}")  # noqa: S608


def _demo_in_place() -> None:
    """The demo, copied back if a test that commits has emptied the database."""
    if not _demo_loaded():
        _demo_restore()


def _demo_remove() -> None:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:  # foreign keys checked at the end
        for table in _demo_tables():
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608


def _database_use(item) -> str | None:
    """How the test uses the database: "commits" (a browser or worker test, whose rows are
    committed and emptied after it), "rolled back" (in a transaction), or None."""
    names = set(item.fixturenames)
    marker = item.get_closest_marker("django_db")
    committing = {"transactional_db", "live_server", "django_db_reset_sequences"}
    if names & committing or (marker and marker.kwargs.get("transaction")):
        return "commits"
    if marker is not None or names & DATABASE_FIXTURES or names & DATA_FIXTURES:
        return "rolled back"
    return None


@pytest.fixture(scope="session", autouse=True)
def demo_copied_back_after_committing_tests():
    """After a test that commits (a browser or worker test), the demo is copied back in
    place of everything the test left (`_demo_restore`: every table's rows deleted, the
    demo's copied in, committed), instead of Django's `flush` emptying the database for
    the demo to be copied back after it. `flush` truncated every table and made the
    content types and permissions again: 0.5 s a test on PostgreSQL, against 0.1 s for
    the copy. (Copied back in the next test's own transaction instead, the demo was
    rolled back with it and copied again for every test after: 1,291 times a run.)"""
    from django.test import TransactionTestCase

    def _fixture_teardown(self):
        _demo_restore()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TransactionTestCase, "_fixture_teardown", _fixture_teardown)
        yield


@pytest.fixture(autouse=True)
def demo_only_where_asked(request):
    """A test that uses the database without asking for `demo` finds it as migrated, as it
    would without the session's demo: the demo's rows are deleted in its transaction (and
    come back when that is rolled back)."""
    use = _database_use(request.node)
    if use is None or DATA_FIXTURES & set(request.fixturenames):
        return
    request.getfixturevalue("transactional_db" if use == "commits" else "db")
    if _demo_loaded():
        _demo_remove()


@pytest.fixture
def demo(db, tmp_path, settings, monkeypatch):
    """Norfolk's demo data, the fictional area and the demo users, as seed_demo loads them.
    Loaded for the session already, and copied back over whatever a test that commits (a
    browser or worker test) leaves: `demo_copied_back_after_committing_tests`; checked
    here too, and copied back if it is still missing."""
    settings.DEMO_PASSWORD_FILE = tmp_path / "demo-password"
    monkeypatch.setenv("DEMO_PASSWORD", DEMO_TEST_PASSWORD)
    _demo_in_place()


@pytest.fixture(scope="session")
def national_demo_made(django_db_setup, django_db_blocker, tmp_path_factory):
    """The national demo (`seed_demo --national`), made once per test database on top of the
    demo and kept beside it as a copy of every table, with the files it writes (workbooks
    of the submitted returns); the database is then left with the demo alone. Making it
    takes several seconds, so the tests that want it share one (and one xdist worker:
    SHARED_SET_UP). Returns how many returns it made, in how many seconds, and the
    folder of its files."""
    import time

    from django.test import override_settings

    from demo.national import national_demo_load

    media = tmp_path_factory.mktemp("national-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        _demo_in_place()
        started = time.perf_counter()
        made = national_demo_load()
        seconds = time.perf_counter() - started
        _demo_snapshot(NATIONAL_SNAPSHOT)
        _demo_restore()
    return made, seconds, media


@pytest.fixture
def national(demo, national_demo_made, settings):
    """The demo and the national demo, as `seed_demo --national` makes them; its files in
    the test's MEDIA_ROOT. Returns how many returns it made and in how many seconds."""
    import shutil

    made, seconds, media = national_demo_made
    _demo_restore(NATIONAL_SNAPSHOT)
    shutil.copytree(media, settings.MEDIA_ROOT, dirs_exist_ok=True)
    return made, seconds


def demo_user(username: str):
    """One of the demo users (the `demo` fixture must have loaded them)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


@pytest.fixture
def signed_in(client, demo):
    """A function that signs the test client in as a demo user and returns the client."""

    def sign_in(username: str):
        client.force_login(demo_user(username))
        return client

    return sign_in


@pytest.fixture
def steps(django_capture_on_commit_callbacks):
    """Run a workflow step and the e-mails it sends once it commits."""

    def run(transition, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return transition(**kwargs)

    return run


@pytest.fixture
def posting(django_capture_on_commit_callbacks):
    """POST as a client, running what is sent once it commits (the e-mails)."""

    def post(client, url, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return post
