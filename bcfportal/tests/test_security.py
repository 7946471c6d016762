"""Security settings that a user would notice: sign-in throttling, idle sign-out, CSRF,
password rules and the Content-Security-Policy."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from conftest import DEMO_TEST_PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_too_many_wrong_passwords_lock_that_username_out_for_a_while(client, demo):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assertContains(sign_in(client, "officer.norfolk", "wrong"), "Enter a correct username")
    last = sign_in(client, "officer.norfolk", "wrong")
    assertContains(last, "Too many attempts to sign in", status_code=429)
    locked = sign_in(client, "officer.norfolk", DEMO_TEST_PASSWORD)  # even the right one
    assertContains(locked, "Too many attempts to sign in", status_code=429)
    other = sign_in(Client(), "signoff.norfolk", DEMO_TEST_PASSWORD)
    assert other.status_code == 302  # another user is not locked out


def test_an_idle_session_ends_and_each_request_renews_it(client, demo):
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert sign_in(client, "officer.norfolk", DEMO_TEST_PASSWORD).status_code == 302
    assert client.get(reverse("home")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_forms_refuse_a_post_without_the_csrf_token(demo):
    from django.contrib.auth import get_user_model

    client = Client(enforce_csrf_checks=True)
    client.force_login(get_user_model().objects.get(username="officer.norfolk"))
    for url in (
        reverse("return-section", args=["E10000020", "fy1516_q3", "cover"]),
        reverse("return-step", args=["E10000020", "fy1516_q3", "ready"]),
        reverse("logout"),
    ):
        assert client.post(url, {}).status_code == 403, url


@pytest.mark.parametrize("password", ["password", "12345678", "norfolk"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_every_page_carries_the_content_security_policy(client, demo):
    policy = client.get(reverse("login"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
