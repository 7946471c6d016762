"""Links that set a password, e-mailed by the worker (never from a web request, so that the
page answers the same whether or not an address is anyone's): a reset asked for on the
sign-in page. The link is always on PORTAL_URL, whatever host a request named."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.core.mail import EmailMessage
from django.template import loader
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def password_link(user, *, view: str, tokens: PasswordResetTokenGenerator) -> str:
    """The address of `view` for the user, with a token of `tokens`, on the portal's own."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return settings.PORTAL_URL + reverse(
        view, kwargs={"uidb64": uid, "token": tokens.make_token(user)}
    )


def link_send(user, *, template: str, context: dict) -> None:
    """E-mail the user `template`'s subject (`<template>_subject.txt`) and body."""
    context = {"user": user, **context}
    subject = " ".join(loader.render_to_string(f"{template}_subject.txt", context).split())
    body = loader.render_to_string(f"{template}_email.html", context)
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]).send()


def password_reset_send(*, user_id: int) -> bool:
    """E-mail an active user a link that sets a new password; False if there is no one to
    send it to any more."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return False
    link = password_link(user, view="password_reset_confirm", tokens=default_token_generator)
    link_send(user, template="registration/password_reset", context={"link": link})
    return True
