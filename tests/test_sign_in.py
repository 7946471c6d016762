"""Signing in and out."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from conftest import DEMO_TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_sign_in_page_is_a_gov_uk_form(client):
    response = client.get(reverse("login"))
    assertContains(response, "Sign in to the BCF portal")
    assertContains(response, 'class="govuk-button"')
    assertContains(response, "govuk-frontend.min.css")


def test_wrong_password_is_explained_in_an_error_summary(client, demo):
    response = client.post(reverse("login"), {"username": "officer.norfolk", "password": "not-it"})
    assert response.status_code == 200
    assertContains(response, "govuk-error-summary")
    assertContains(response, "Enter a correct username and password")
    assertContains(response, 'value="officer.norfolk"')  # what was typed is kept


def test_right_password_signs_in_and_goes_home(client, demo):
    response = client.post(
        reverse("login"), {"username": "officer.norfolk", "password": DEMO_TEST_PASSWORD}
    )
    assertRedirects(response, reverse("home"))
    assertContains(client.get(reverse("home")), "Signed in as officer.norfolk")


def test_sign_in_returns_to_the_page_asked_for_but_never_off_site(client, demo):
    credentials = {"username": "officer.norfolk", "password": DEMO_TEST_PASSWORD}
    plan = reverse("plan", args=["E10000020", 2016])
    response = client.post(f"{reverse('login')}?next={plan}", {**credentials, "next": plan})
    assertRedirects(response, plan)

    client.logout()
    response = client.post(reverse("login"), {**credentials, "next": "https://evil.example/"})
    assertRedirects(response, reverse("home"))


def test_sign_out_is_a_post_and_ends_the_session(signed_in):
    client = signed_in("officer.norfolk")
    assert client.get(reverse("logout")).status_code == 405
    assertRedirects(client.post(reverse("logout")), reverse("login"))
    assert client.get(reverse("home")).status_code == 302
