"""Signing in and out, and passwords: Django's own views, as GOV.UK pages."""

from django.conf import settings
from django.contrib.auth import views as auth_views

from . import forms


class PortalPasswordResetView(auth_views.PasswordResetView):
    """Django's reset by e-mail; the link in the e-mail is on the portal's own address
    (PORTAL_URL), never on whatever host the request named."""

    form_class = forms.PasswordResetForm

    @property
    def extra_email_context(self) -> dict:
        return {"portal_url": settings.PORTAL_URL}
