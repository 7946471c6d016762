"""Signing in and out, and passwords (Django's own views, as GOV.UK pages); the glossary."""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_safe

from . import forms
from .glossary import GLOSSARY
from .outbox import task_send
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
            for user in form.get_users(form.cleaned_data["email"]):
                task_send("governance.send_password_reset", user.pk)
            return HttpResponseRedirect(self.get_success_url())
        logger.warning(
            "Password reset not sent: more than %s an hour asked %s.",
            *((settings.PASSWORD_RESET_PER_ADDRESS, "for one address") if not by_address
              else (settings.PASSWORD_RESET_PER_CLIENT, "from one client")),
        )  # fmt: skip
        return HttpResponseRedirect(self.get_success_url())


@require_safe
def glossary(request: HttpRequest) -> HttpResponse:
    """Every abbreviation the templates and pages use, in full and in a sentence."""
    terms = sorted(GLOSSARY.items(), key=lambda item: item[0].lower())
    return render(request, "glossary.html", {"terms": terms})
