"""Words that reach a person: no template internals, no symbols, no Django defaults.

Every form of the portal is walked: each page every role reaches, each of its forms posted
empty, with text where numbers, dates and choices belong, and with too much. No answer
holds a message Django would have written (its fields', validators' or password checks'
defaults): each is the portal's own, saying which box and what to do. Every check and
error message of every template definition is rendered and holds no question id, no
`<>` and none of the definitions' shorthand (NC4A). The Django admin, for superusers, keeps
Django's words.
"""

import html
import inspect
import re
from html.parser import HTMLParser

import pytest
from django import forms
from django.contrib.auth import forms as auth_forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.test import Client

from conftest import demo_user
from governance.glossary import plain
from returns.definitions import all_templates
from returns.definitions.evaluation import failure_message
from returns.forms import QuestionField

from .test_no_server_errors import PAGES, urls_of

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

WALKERS = ["officer.norfolk", "signoff.norfolk", "signoff.ncc", "analyst", "admin", None]
# Django's messages Django's own forms and validators give, besides those collected below:
# those made with ngettext (a count), and the password validators'.
MORE_DJANGO = [
    "Ensure this value has at most", "Ensure this value has at least",
    "Ensure that there are no more than", "This password is too short",
    "This password is too common", "This password is entirely numeric",
    "The password is too similar",
]  # fmt: skip


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def django_defaults() -> list[str]:
    """Django's default error messages, each cut before its first placeholder."""
    messages = set(MORE_DJANGO)
    for field in (forms.Field, *_subclasses(forms.Field)):
        if field.__module__.startswith("django."):
            messages |= {str(m) for m in getattr(field, "default_error_messages", {}).values()}
    for value in vars(validators).values():
        if inspect.isclass(value) and getattr(value, "message", None):
            messages.add(str(value.message))
    for form in (auth_forms.AuthenticationForm, auth_forms.PasswordChangeForm,
                 auth_forms.SetPasswordForm):  # fmt: skip
        messages |= {str(m) for m in form.error_messages.values()}
    cut = {re.split(r"%\(|\{|“", message)[0].strip() for message in messages}
    return sorted(fragment for fragment in cut if len(fragment) >= 12)


def test_the_list_of_django_defaults_holds_what_django_says():
    defaults = django_defaults()
    assert "This field is required." in defaults
    assert "Enter a valid email address." in defaults
    assert "Select a valid choice." in defaults
    assert "Your old password was entered incorrectly. Please enter it again." in defaults


class _Forms(HTMLParser):
    """The POST forms of a page: action, hidden values, and the names of the rest."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._open = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self._open = {"action": attrs.get("action") or "", "hidden": {}, "fields": {}}
            self.forms.append(self._open)
        elif self._open is not None and tag in ("input", "select", "textarea"):
            name, kind = attrs.get("name"), attrs.get("type", tag)
            if not name or kind in ("submit", "button"):
                return
            if kind == "hidden":
                self._open["hidden"][name] = attrs.get("value", "")
            elif kind != "file":
                self._open["fields"][name] = kind

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = None


def filled(fields: dict, how: str) -> dict:
    """A form's visible fields: empty, text where it does not belong, or too much."""
    if how == "empty":
        return dict.fromkeys(fields, "")
    if how == "text":
        return {name: "not a value" if kind != "email" else "no-at-sign" for name, kind in
                fields.items()}  # fmt: skip
    return dict.fromkeys(fields, "9" * 30)


def default_messages_in(body: str, defaults: list[str]) -> list[str]:
    text = html.unescape(body)
    return [fragment for fragment in defaults if fragment in text]


@pytest.mark.parametrize("name", [p for p in PAGES if p not in ("logout",)])
def test_no_form_answers_with_a_django_default_message(demo, name):
    defaults = django_defaults()
    found = []
    urls = urls_of(name)  # made once: some are of records made for them
    for username in WALKERS:
        client = Client()
        if username:
            client.force_login(demo_user(username))
        for url in urls:
            page = client.get(url)
            if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
                continue
            parser = _Forms()
            parser.feed(page.content.decode())
            for form in parser.forms:
                action = form["action"] or url
                if "sign-out" in action or not form["fields"]:
                    continue
                for how in ("empty", "text", "long"):
                    data = {**form["hidden"], **filled(form["fields"], how)}
                    response = client.post(action, data)
                    body = response.content.decode(errors="replace")
                    for fragment in default_messages_in(body, defaults):
                        found.append(f"{username} {how} {action}: {fragment}")
    assert not found, "\n".join(sorted(set(found)))


def _shown_errors(question) -> list[str]:
    """The messages a question's field gives for the kinds of bad value a person types."""
    field = QuestionField(question)
    messages = []
    for bad in ("not a value", "9" * 40, "-" + "9" * 40, "31/02/2016", "x" * 40000):
        try:
            field.clean(bad)
        except ValidationError as error:
            messages += error.messages
    return messages


INTERNAL = re.compile(r"<>|>=|<=|\bNC\d")


@pytest.mark.parametrize("definition", all_templates(), ids=lambda t: t.version)
def test_no_check_or_error_of_any_template_shows_its_internals(definition):
    # Ids of more than one word (`nea_actual_fy1516_q3`); one of one word is a word (`narrative`).
    ids = {question.id for section in definition.sections for question in section.questions
           if "_" in question.id}  # fmt: skip
    id_pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(ids))) + r")\b")
    shown = []
    for section in definition.sections:
        for check in section.checks:
            shown += [plain(check.label), failure_message(definition, check)]
        for question in section.inputs:
            shown += [question.name, *_shown_errors(question)]
    problems = [text for text in shown if INTERNAL.search(text) or id_pattern.search(text)]
    assert not problems, "\n".join(problems)
    assert len(shown) > 100  # every check and input was rendered
