"""Who is signed in: the user read with a query compiled once in the plain case, and
Django's own `get_user` for everything else, so that a changed password, an inactive user
or an old secret end or keep a session exactly as Django decides."""

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse

from conftest import demo_user
from governance.signed_in import quick_user

pytestmark = pytest.mark.django_db
HOME = reverse("home")


def session_request(client):
    """A request carrying the test client's session."""
    request = RequestFactory().get("/")
    request.session = client.session
    return request


def test_the_plain_case_is_the_user_django_would_find(client, demo):
    from django.contrib import auth

    client.force_login(demo_user("officer.norfolk"))
    request = session_request(client)
    quick, django_s = quick_user(request), auth.get_user(session_request(client))
    assert quick == django_s
    assert [getattr(quick, f.attname) for f in quick._meta.concrete_fields] == [
        getattr(django_s, f.attname) for f in django_s._meta.concrete_fields
    ]
    assert client.get(HOME).context["user"].username == "officer.norfolk"


def test_no_one_signed_in_is_left_to_django(client):
    assert quick_user(session_request(client)) is None
    assert client.get(HOME).status_code == 302  # to sign in


def test_a_changed_password_signs_the_session_out(client, demo):
    user = demo_user("officer.norfolk")
    client.force_login(user)
    user.set_password("a-new-password-0123")
    user.save()
    assert quick_user(session_request(client)) is None
    assert client.get(HOME).status_code == 302
    assert "_auth_user_id" not in client.session  # flushed, as Django does


def test_an_inactive_user_is_signed_out(client, demo):
    user = demo_user("officer.norfolk")
    client.force_login(user)
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)
    assert quick_user(session_request(client)) is None
    assert client.get(HOME).status_code == 302


def test_a_session_signed_with_an_old_secret_is_kept_by_django(client, demo, settings):
    """Rotating SECRET_KEY with the old one in SECRET_KEY_FALLBACKS keeps people signed in:
    the quick path does not verify the old hash, Django's does and renews it."""
    client.force_login(demo_user("officer.norfolk"))
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-" + "y" * 50
    assert quick_user(session_request(client)) is None
    assert client.get(HOME).status_code == 200
    assert quick_user(session_request(client)) is not None  # renewed with the new secret


def test_a_session_of_another_backend_is_left_to_django(client, demo):
    client.force_login(demo_user("officer.norfolk"), backend="axes.backends.AxesStandaloneBackend")
    assert quick_user(session_request(client)) is None
