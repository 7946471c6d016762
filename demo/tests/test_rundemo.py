"""`rundemo` serves the demo where asked, and the demo's e-mails link there."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from conftest import demo_user
from demo.management.commands import rundemo

pytestmark = pytest.mark.django_db


def test_the_demo_served_on_another_port_links_its_e_mails_there(
    demo, settings, monkeypatch, client, mailoutbox, django_capture_on_commit_callbacks
):
    settings.DEBUG = True  # and rundemo's PORTAL_URL goes into this test's settings, undone after
    served = []

    def calls(name, *args, **kwargs):
        if name == "runserver":
            served.append(args[0])  # the address, instead of serving
        elif name == "seed_demo":
            return None  # loaded already (`demo`)
        else:
            call_command(name, *args, **kwargs)

    monkeypatch.setattr(rundemo, "call_command", calls)
    call_command("rundemo", port="8765", stdout=io.StringIO())
    assert served == ["127.0.0.1:8765"]
    assert settings.PORTAL_URL == "http://127.0.0.1:8765"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": demo_user("officer.norfolk").email})
    (message,) = mailoutbox
    assert re.search(r"http://127\.0\.0\.1:8765/password/reset/\S+/", message.body), message.body
