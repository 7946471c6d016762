"""Every page's frame written in Python (`governance.frame_html`) is the text the base
template wrote (`base_oracle.html`, kept here as it was), byte for byte: signed out, signed
in, as staff, with messages of each kind, with and without the release, on a return the
national demo made up."""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import add_message, constants
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.template import engines
from django.template.loader import get_template
from django.utils.safestring import mark_safe

pytestmark = pytest.mark.django_db

ORACLE = (Path(__file__).parent / "base_oracle.html").read_text()
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def rendered(template, context, request) -> str:
    return TOKEN.sub('name="csrfmiddlewaretoken"', template.render(context, request))


def request_for(rf, user, messages=()):
    request = rf.get("/")
    request.user, request.session = user, SessionStore()
    request._messages = FallbackStorage(request)
    for level, text in messages:
        add_message(request, level, text)
    return request


class Synthetic:
    synthetic = True
    hwb_area = {"name": "Rutland & <Co>"}


@pytest.mark.parametrize("who", ["nobody", "officer", "staff"])
@pytest.mark.parametrize(
    "messages",
    [(), ((constants.SUCCESS, "Saved."),),
     ((constants.ERROR, "Not <saved> & why"), (constants.SUCCESS, mark_safe("<b>Sent</b>")),
      (constants.WARNING, "Look again."))],
)  # fmt: skip
@pytest.mark.parametrize("extra", [{}, {"quarterly_return": Synthetic()}])
def test_the_frame_is_the_base_templates_text(rf, who, messages, extra):
    User = get_user_model()
    user = {
        "nobody": AnonymousUser(),
        "officer": User(username="officer.<norfolk>"),
        "staff": User(username="admin", is_staff=True),
    }[who]
    oracle = engines["django"].from_string(ORACLE)
    ours = get_template("base.html")
    texts = []
    for template in (oracle, ours):
        request = request_for(rf, user, messages)  # each page shows its messages once
        texts.append(rendered(template, dict(extra), request))
    assert texts[0] == texts[1]
    if who != "nobody":
        assert "Sign out" in texts[1]
        assert "csrfmiddlewaretoken" in texts[1]
    assert texts[1].count("govuk-notification-banner__heading") == len(messages)


def test_messages_shown_are_marked_used_so_none_is_kept_for_the_next_page(rf):
    request = request_for(rf, AnonymousUser(), [(constants.INFO, "Once.")])
    assert not request._messages.used
    assert "Once." in get_template("base.html").render({}, request)
    assert request._messages.used


def test_the_release_is_in_the_footer_when_given(rf, settings):
    request = request_for(rf, get_user_model()(username="officer"))
    for release in ("", "1.2.3 <rc>"):
        texts = [
            rendered(template, {"portal_release": release}, request)
            for template in (engines["django"].from_string(ORACLE), get_template("base.html"))
        ]
        assert texts[0] == texts[1]
    assert "Version 1.2.3 &lt;rc&gt;" in texts[1]
