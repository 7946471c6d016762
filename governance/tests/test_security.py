"""Security settings that a user would notice: sign-in throttling, idle sign-out, CSRF,
password rules and the Content-Security-Policy."""

import datetime
import time

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


def test_an_idle_session_ends(client, demo):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert sign_in(client, "officer.norfolk", DEMO_TEST_PASSWORD).status_code == 302
    assert client.get(reverse("home")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def _expiring_soon():
    """The signed-in session as if nearly 30 minutes idle: five seconds left."""
    soon = timezone.now() + datetime.timedelta(seconds=5)
    Session.objects.update(expire_date=soon)
    return soon


def test_a_request_renews_the_session_writing_it_at_most_once_a_minute(client, demo, monkeypatch):
    assert settings.SESSION_RENEW_AFTER == 60
    assert sign_in(client, "officer.norfolk", DEMO_TEST_PASSWORD).status_code == 302
    assert client.get(reverse("home")).status_code == 200
    soon = _expiring_soon()
    # Within the minute: the page is served and the session's row is not written.
    assert client.get(reverse("home")).status_code == 200
    assert Session.objects.get().expire_date == soon
    # A minute on, a request renews it: 30 minutes from now again.
    later = time.time() + settings.SESSION_RENEW_AFTER
    monkeypatch.setattr("governance.security.time.time", lambda: later)
    assert client.get(reverse("home")).status_code == 200
    renewed = Session.objects.get().expire_date - timezone.now()
    assert renewed > datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 10)


def test_a_signed_out_visitor_gets_no_session_written(client, demo):
    assert client.get(reverse("login")).status_code == 200
    assert not Session.objects.exists()
    # Nor one sending a session cookie the portal never gave (made up, or long expired).
    client.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32
    assert client.get(reverse("login")).status_code == 200
    assert not Session.objects.exists()


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


PROXY = "10.0.0.2"  # the TLS proxy in front: every request comes from its address


def sign_in_through_proxy(username, password, forwarded_for):
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for).post(
        reverse("login"), {"username": username, "password": password}
    )


def test_behind_a_proxy_someone_elses_failures_do_not_lock_the_real_user_out(demo, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    attacker, user = "203.0.113.9", "198.51.100.7"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in_through_proxy("officer.norfolk", "wrong", attacker)
    locked = sign_in_through_proxy("officer.norfolk", DEMO_TEST_PASSWORD, attacker)
    assertContains(locked, "Too many attempts to sign in", status_code=429)
    # The real user, from their own address, through the same proxy.
    assert sign_in_through_proxy("officer.norfolk", DEMO_TEST_PASSWORD, user).status_code == 302
    # Writing the user's address into the header does not make the attacker them: the proxy
    # appends the address it was reached from, and only that entry is believed.
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in_through_proxy("signoff.norfolk", "wrong", f"{user}, {attacker}")
    assert sign_in_through_proxy("signoff.norfolk", DEMO_TEST_PASSWORD, user).status_code == 302


def test_without_the_proxy_setting_every_user_behind_it_shares_its_address(demo, settings):
    """Why TRUSTED_PROXY_COUNT must be set behind a proxy (the README says so)."""
    settings.TRUSTED_PROXY_COUNT = 0
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in_through_proxy("officer.norfolk", "wrong", "203.0.113.9")
    shared = sign_in_through_proxy("officer.norfolk", DEMO_TEST_PASSWORD, "198.51.100.7")
    assert shared.status_code == 429


def test_pages_and_downloads_are_not_kept_by_browsers_or_proxies(signed_in):
    client = signed_in("analyst")
    for url in (
        reverse("home"),
        reverse("login"),
        reverse("scheme-register-download", args=["E10000020", 2016]),
        reverse("admin:index"),
    ):
        response = client.get(url)
        assert "no-store" in response["Cache-Control"], url
        assert "camera=()" in response["Permissions-Policy"], url


def test_gunicorn_serves_the_portal_without_naming_itself():
    """Started as the README and the image start it, from the project's directory, where
    gunicorn.conf.py drops its Server header."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request
    from pathlib import Path

    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    project = Path(__file__).resolve().parents[2]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bcfportal.test_settings"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "bcfportal.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "1"],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                response = urllib.request.urlopen(f"http://127.0.0.1:{port}/sign-in/", timeout=5)
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not answer")
        assert response.status == 200
        assert response.headers.get("Server") is None
        assert "no-store" in response.headers["Cache-Control"]
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_gunicorn_worker_freezes_what_it_loaded_and_collects_young_objects_less_often():
    """gunicorn.conf.py's post_worker_init settles a worker (`bcfportal.processes.settle`,
    issue 33): what it loaded moved out of the garbage collector's sight, its youngest
    generation collected after 10,000 objects; a test process has its collector back after."""
    import gc
    import runpy
    from pathlib import Path

    hooks = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))
    threshold = gc.get_threshold()
    gc.unfreeze()
    gc.set_threshold(700, 10, 10)
    try:
        hooks["post_worker_init"](worker=None)
        assert gc.get_freeze_count() > 1000
        assert gc.get_threshold() == (10_000, 10, 10)
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


def test_a_page_is_marked_never_to_be_cached_as_djangos_never_cache_marks_it(rf):
    """The headers written straight on a response with no caching headers of its own are
    those `add_never_cache_headers` writes; one the view set is still merged by it."""
    from django.http import HttpResponse
    from django.utils.cache import add_never_cache_headers

    from governance.security import SecurityHeadersMiddleware

    for own in ({}, {"Cache-Control": "max-age=3600, public"}, {"Expires": "0"}):
        ours = SecurityHeadersMiddleware(lambda request, own=own: HttpResponse(headers=own))(
            rf.get("/")
        )
        django_s = HttpResponse(headers=own)
        add_never_cache_headers(django_s)
        assert ours["Cache-Control"] == django_s["Cache-Control"], own
        # Expires: the same date, unless a second turned between the two.
        assert abs(_seconds(ours["Expires"]) - _seconds(django_s["Expires"])) <= 1, own
    assert ours["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


def _seconds(date: str) -> float:
    from django.utils.http import parse_http_date

    return 0 if date == "0" else parse_http_date(date)


def test_a_request_holding_a_nul_anywhere_it_is_read_is_refused(signed_in):
    """In a parameter's name or value, a header, a posted field or the name an upload is
    posted under: 400, before any view sees it (Django itself drops a NUL from an uploaded
    file's own name). A page without one is answered."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = signed_in("officer.norfolk")
    home = reverse("home")
    assert client.get(home).status_code == 200
    assert client.get(home, {"q": "a\x00b"}).status_code == 400
    assert client.get(home, {"q\x00": "a"}).status_code == 400
    assert client.get(home, headers={"X-Forwarded-Host": "a\x00b"}).status_code == 400
    assert client.post(home, {"field": "a\x00b"}).status_code == 400
    upload = SimpleUploadedFile("return.xlsx", b"PK")
    assert client.post(home, {"fi\x00le": upload}).status_code == 400
    assert client.post(home, {"file": upload}).status_code == 405  # read, then not allowed
