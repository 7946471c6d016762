"""Invitations: an administrator invites a person by e-mail to an area with a role; the link
sets their first password, works once and expires, whatever state their password is in."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from pytest_django.asserts import assertContains

from conftest import demo_user
from governance.invitations import invitation_tokens
from governance.models import HwbArea, Invitation, Membership, Partner

pytestmark = pytest.mark.django_db
INVITE = reverse("admin:governance_invitation_add")
PASSWORD = "a-long-first-passphrase-4471"


@pytest.fixture
def invite(signed_in, django_capture_on_commit_callbacks, mailoutbox, settings):
    """Invite as the admin's page does; returns the page and the link the e-mail holds."""
    settings.PORTAL_URL = "https://bcf.example.org"

    def send(**data):
        before = len(mailoutbox)
        with django_capture_on_commit_callbacks(execute=True):
            page = signed_in("admin").post(INVITE, data)
        sent = mailoutbox[before:]
        link = None
        if sent:
            (message,) = sent
            found = re.search(r"https://bcf\.example\.org(/invitation/\S+/)", message.body)
            link = found[1]
        return page, link, sent

    return send


def norfolk_officer(email="pat.jones@norfolk.gov.uk") -> dict:
    norfolk = HwbArea.objects.get(ons_code="E10000020")
    ncc = Partner.objects.get(name="Norfolk County Council")
    return {"email": email, "first_name": "Pat", "last_name": "Jones", "role": "officer",
            "hwb_area": norfolk.pk, "partner": ncc.pk}  # fmt: skip


def signs_in(client, username: str) -> bool:
    page = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    return page.status_code == 302 and page["Location"] == reverse("home")


def set_password(client, link: str):
    form = client.get(link, follow=True)
    return form, client.post(form.redirect_chain[-1][0] if form.redirect_chain else link,
                             {"new_password1": PASSWORD, "new_password2": PASSWORD})  # fmt: skip


def test_a_new_person_is_invited_sets_their_password_once_and_signs_in(invite, client):
    page, link, (message,) = invite(**norfolk_officer())
    assert page.status_code == 302
    user = get_user_model().objects.get(email="pat.jones@norfolk.gov.uk")
    assert (user.username, user.has_usable_password()) == ("pat.jones@norfolk.gov.uk", False)
    membership = Membership.objects.get(user=user)
    assert membership.role_description == (
        "Commissioning officer in Norfolk for Norfolk County Council"
    )
    assert message.subject == "You are invited to the BCF portal"
    assert "Commissioning officer in Norfolk for Norfolk County Council" in message.body
    assert "Your username is pat.jones@norfolk.gov.uk" in message.body
    form, done = set_password(client, link)
    assertContains(form, "Set your password")
    assert done.status_code == 302
    assert done["Location"] == reverse("invitation_done")
    invitation = Invitation.objects.get(user=user)
    assert invitation.sent_at is not None
    assert invitation.accepted_at is not None
    assert signs_in(client, "pat.jones@norfolk.gov.uk")
    client.post(reverse("logout"))
    again = client.get(link, follow=True)
    assertContains(again, "This link does not work")  # once


def test_the_link_expires_after_the_invitations_days(invite, client, settings, monkeypatch):
    _, link, _ = invite(**norfolk_officer())
    later = invitation_tokens._now() + timedelta(days=settings.INVITATION_DAYS, minutes=1)
    monkeypatch.setattr(invitation_tokens, "_now", lambda: later)
    assertContains(client.get(link, follow=True), "This link does not work")


def test_someone_with_a_password_already_is_given_the_role_and_a_link_that_works(invite, client):
    other = demo_user("officer.other")
    _, link, _ = invite(**norfolk_officer(email=other.email))
    assert other.memberships.filter(hwb_area__ons_code="E10000020").exists()
    _, done = set_password(client, link)
    assert done.status_code == 302
    assert signs_in(client, "officer.other")


@pytest.mark.parametrize(("change", "message"), [
    ({"hwb_area": ""}, "every other role needs one"),
    ({"role": "admin"}, "Administrators and NHS England"),
    ({"partner": ""} | {"hwb_area": "", "role": "analyst"}, None),  # a national analyst: fine
])  # fmt: skip
def test_a_role_that_cannot_be_is_refused_on_the_page_and_nothing_is_made(invite, change, message):
    page, _, sent = invite(**(norfolk_officer() | change))
    made = get_user_model().objects.filter(email="pat.jones@norfolk.gov.uk").exists()
    if message is None:
        assert (page.status_code, made, len(sent)) == (302, True, 1)
    else:
        assertContains(page, message, status_code=400)
        assert (made, sent) == (False, [])


def test_the_sign_in_pages_reset_sends_an_account_without_a_password_nothing_and_logs_it(
    invite, client, mailoutbox, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level("INFO", logger="governance.views")
    invite(**norfolk_officer())
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": "pat.jones@norfolk.gov.uk"})
    assert mailoutbox == []
    assert "the account has no password yet" in caplog.text


def test_an_invitation_not_yet_accepted_is_sent_again_with_a_new_link(
    invite, signed_in, django_capture_on_commit_callbacks, mailoutbox
):
    invite(**norfolk_officer())
    invitation = Invitation.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        signed_in("admin").post(
            reverse("admin:governance_invitation_changelist"),
            {"action": "send_again", "_selected_action": [invitation.pk]},
        )
    assert [m.to for m in mailoutbox] == [["pat.jones@norfolk.gov.uk"]] * 2


def test_an_nhs_england_reviewer_is_invited_to_a_region_and_assures_its_areas(invite):
    from governance.models import Membership, Role

    reviewer = {"email": "sam.lee@nhs.net", "role": Role.NHSE_REVIEWER, "hwb_area": "",
                "partner": ""}  # fmt: skip
    page, _, _ = invite(**reviewer)  # no region: refused, saying so
    assertContains(page, "region", status_code=400)
    page, link, (message,) = invite(**reviewer, region="Midlands and East")
    assert page.status_code == 302
    assert link in message.body
    membership = Membership.objects.get(user__email="sam.lee@nhs.net")
    assert (membership.role, membership.region) == (Role.NHSE_REVIEWER, "Midlands and East")
    page, _, _ = invite(**norfolk_officer("kim@norfolk.gov.uk"), region="London")
    assertContains(page, "region", status_code=400)  # only a reviewer holds a region
