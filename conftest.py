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


def service_missing(reason: str):
    """Skip with a reason, or fail where services are required (CI)."""
    if os.environ.get("BCF_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} (BCF_REQUIRE_SERVICES=1: CI must run this test)")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path_factory):
    """Exported and uploaded files go to a temporary folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture
def demo(db, tmp_path, settings, monkeypatch):
    """Norfolk's demo data, the fictional area and the demo users, as seed_demo loads them."""
    from demo.load import demo_load

    settings.DEMO_PASSWORD_FILE = tmp_path / "demo-password"
    monkeypatch.setenv("DEMO_PASSWORD", DEMO_TEST_PASSWORD)
    # Norfolk's Q3 return is left a draft, so tests can change it and take it through the
    # workflow; demo/tests/test_seed_demo.py checks the demo as seed_demo makes it.
    demo_load(password=DEMO_TEST_PASSWORD, sign_off=False)


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
