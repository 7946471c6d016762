"""Signing in and out."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

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


def test_empty_boxes_each_get_their_own_message(client, demo):
    response = client.post(reverse("login"), {"username": "", "password": ""})
    assertContains(response, "<title>Error: Sign in", html=False)
    assertContains(response, "Enter your username", count=2)  # summary and the box
    assertContains(response, "Enter your password", count=2)
    assertNotContains(response, "This field is required.")


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


NEW_PASSWORD = "a-new-long-passphrase-9281"


def test_every_user_changes_their_own_password(signed_in, client):
    from conftest import demo_user

    signed_in("analyst")
    page = client.get(reverse("password_change"))
    assertContains(page, "Change your password")
    assert page.content.decode().count("<form") == 2  # this one and sign-out: none nested
    wrong = client.post(reverse("password_change"), {"old_password": "nope",
                        "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})  # fmt: skip
    assertContains(wrong, "govuk-error-summary")
    weak = client.post(reverse("password_change"), {"old_password": DEMO_TEST_PASSWORD,
                       "new_password1": "password", "new_password2": "password"})  # fmt: skip
    assertContains(weak, "Choose a password that is not one of those most often used.")
    done = client.post(reverse("password_change"), {"old_password": DEMO_TEST_PASSWORD,
                       "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})  # fmt: skip
    assertRedirects(done, reverse("password_change_done"))
    assert demo_user("analyst").check_password(NEW_PASSWORD)
    assertContains(client.get(reverse("home")), "Signed in as analyst")  # still signed in


@pytest.fixture
def ask_reset(client, django_capture_on_commit_callbacks):
    """Ask for a reset as the sign-in page's link does; the e-mail is sent (by the eager
    task) once the request commits, and the page is always the same."""

    def ask(email: str, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("password_reset"), {"email": email}, **extra)
        assertRedirects(response, reverse("password_reset_done"))

    return ask


def test_a_forgotten_password_is_reset_by_a_link_sent_to_the_users_email(
    client, demo, mailoutbox, settings, ask_reset
):
    import re

    from conftest import demo_user

    settings.PORTAL_URL = "https://bcf.example.org"
    settings.ALLOWED_HOSTS = ["testserver", "other.example.org"]  # e.g. an internal name
    assertContains(client.get(reverse("login")), reverse("password_reset"))
    email = demo_user("officer.norfolk").email
    ask_reset(email, HTTP_HOST="other.example.org")
    (message,) = mailoutbox
    assert message.to == [email]
    link = re.search(r"https://bcf\.example\.org(/password/reset/\S+/)", message.body)
    assert link, message.body  # on the portal's own address, whatever host was asked for
    form = client.get(link[1], follow=True)
    assertContains(form, "Set a new password")
    set_new = client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assertRedirects(set_new, reverse("password_reset_complete"))
    assert demo_user("officer.norfolk").check_password(NEW_PASSWORD)
    used = client.get(link[1], follow=True)
    assertContains(used, "This link does not work")


def test_a_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(
    demo, mailoutbox, ask_reset
):
    ask_reset("nobody@example.org")
    assert mailoutbox == []


def test_resets_for_one_address_are_throttled_and_the_page_never_says_so(
    demo, mailoutbox, settings, ask_reset
):
    from conftest import demo_user

    settings.PASSWORD_RESET_PER_ADDRESS = 3
    email = demo_user("officer.norfolk").email
    for _ in range(5):
        ask_reset(email.upper())
    assert len(mailoutbox) == 3  # capitals or not, one address
    ask_reset("nobody@example.org")


def test_resets_from_one_client_are_throttled_whichever_addresses_it_names(
    demo, mailoutbox, settings, ask_reset
):
    from django.contrib.auth import get_user_model

    settings.PASSWORD_RESET_PER_CLIENT = 4
    emails = list(get_user_model().objects.exclude(email="").values_list("email", flat=True)[:6])
    assert len(emails) == 6
    for email in emails:
        ask_reset(email, REMOTE_ADDR="198.51.100.7")
    assert len(mailoutbox) == 4
    ask_reset(emails[5], REMOTE_ADDR="198.51.100.8")
    assert len(mailoutbox) == 5  # another client is not held back
