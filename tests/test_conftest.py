"""The suite's own set-up (`conftest.py`): after a test that commits, the demo is copied back
for the tests after it, and only when a test follows."""

import contextlib
from types import SimpleNamespace

import pytest
from pytest_django.plugin import blocking_manager_key

import conftest


class _Unblocking:
    def __init__(self):
        self.unblocked = 0

    @contextlib.contextmanager
    def unblock(self):
        self.unblocked += 1
        yield


def _teardown(monkeypatch, fixtures: list[str], nextitem) -> tuple[list[str], int]:
    """Run the teardown hook around a test using `fixtures`: what it copied back, and how
    often it opened the database."""
    copied = []
    monkeypatch.setattr(conftest, "_demo_in_place", lambda: copied.append("demo"))
    blocker = _Unblocking()
    item = SimpleNamespace(
        fixturenames=fixtures,
        get_closest_marker=lambda name: None,
        config=SimpleNamespace(stash={blocking_manager_key: blocker}),
    )
    hook = conftest.pytest_runtest_teardown(item, nextitem)
    next(hook)  # pytest-django's fixtures are torn down here
    with pytest.raises(StopIteration):
        hook.send(None)
    return copied, blocker.unblocked


def test_after_a_committing_test_with_another_to_follow_the_demo_is_copied_back(monkeypatch):
    assert _teardown(monkeypatch, ["live_server"], nextitem=object()) == (["demo"], 1)


def test_after_a_test_rolled_back_nothing_is_copied(monkeypatch):
    assert _teardown(monkeypatch, ["db"], nextitem=object()) == ([], 0)


def test_after_the_last_test_nothing_is_copied_into_a_database_being_destroyed(monkeypatch):
    """With no test after it, the session's fixtures (the test database among them) are
    torn down with the last test's: copying the demo back failed with 'no such table'."""
    assert _teardown(monkeypatch, ["live_server"], nextitem=None) == ([], 0)
