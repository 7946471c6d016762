"""Signing in and out, and passwords (Django's own views, as GOV.UK pages); the glossary."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from . import forms
from .glossary import GLOSSARY


class PortalPasswordResetView(auth_views.PasswordResetView):
    """Django's reset by e-mail; the link in the e-mail is on the portal's own address
    (PORTAL_URL), never on whatever host the request named."""

    form_class = forms.PasswordResetForm

    @property
    def extra_email_context(self) -> dict:
        return {"portal_url": settings.PORTAL_URL}


@require_safe
def glossary(request: HttpRequest) -> HttpResponse:
    """Every abbreviation the templates and pages use, in full and in a sentence."""
    terms = sorted(GLOSSARY.items(), key=lambda item: item[0].lower())
    return render(request, "glossary.html", {"terms": terms})
