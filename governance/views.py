"""Signing in and out, and passwords (Django's own views, as GOV.UK pages); the glossary."""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse_lazy

from . import forms
from .glossary import GLOSSARY
from .invitations import invitation_tokens, invitations_accepted
from .outbox import task_send
from .reading import reads_only
from .security import client_address
from .throttle import attempt_allowed

logger = logging.getLogger(__name__)


class PortalPasswordResetView(auth_views.PasswordResetView):
    """Django's reset by e-mail, the e-mail sent by the worker (`governance.passwords`) on the
    portal's own address. Throttled per address and per client (`governance.throttle`): past
    either limit nothing is sent, and the page is the same as ever, as it is for an address
    that is no one's."""

    form_class = forms.PasswordResetForm

    def form_valid(self, form):
        window = timedelta(hours=1)
        by_address = attempt_allowed(
            scope="password-reset-address", key=form.cleaned_data["email"].casefold(),
            limit=settings.PASSWORD_RESET_PER_ADDRESS, window=window,
        )  # fmt: skip
        by_client = attempt_allowed(
            scope="password-reset-client", key=client_address(self.request) or "",
            limit=settings.PASSWORD_RESET_PER_CLIENT, window=window,
        )  # fmt: skip
        if by_address and by_client:
            email = form.cleaned_data["email"]
            users = list(form.get_users(email))
            for user in users:
                task_send("governance.send_password_reset", user.pk)
            if (
                not users
                and get_user_model().objects.filter(email__iexact=email, is_active=True).exists()
            ):  # an account with no password yet: Django's reset sends it nothing
                logger.info(
                    "Password reset not sent: the account has no password yet. An "
                    "administrator sends it an invitation instead (Invitations)."
                )
            return HttpResponseRedirect(self.get_success_url())
        logger.warning(
            "Password reset not sent: more than %s an hour asked %s.",
            *((settings.PASSWORD_RESET_PER_ADDRESS, "for one address") if not by_address
              else (settings.PASSWORD_RESET_PER_CLIENT, "from one client")),
        )  # fmt: skip
        return HttpResponseRedirect(self.get_success_url())


class InvitationAcceptView(auth_views.PasswordResetConfirmView):
    """An invitation's link (`governance.invitations`): the person sets their first password,
    once, and their invitation is accepted."""

    token_generator = invitation_tokens
    form_class = forms.SetPasswordForm
    template_name = "registration/invitation_confirm.html"
    success_url = reverse_lazy("invitation_done")
    extra_context = {"heading": "Set your password", "days": settings.INVITATION_DAYS}

    def form_valid(self, form):
        response = super().form_valid(form)
        invitations_accepted(user=form.user)
        return response


@reads_only
def glossary(request: HttpRequest) -> HttpResponse:
    """Every abbreviation the templates and pages use, in full and in a sentence."""
    terms = sorted(GLOSSARY.items(), key=lambda item: item[0].lower())
    return render(request, "glossary.html", {"terms": terms})
