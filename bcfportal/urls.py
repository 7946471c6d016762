from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from . import forms, rules
from .converters import FinancialYearConverter
from .forms import SignInForm

register_converter(FinancialYearConverter, "fy")


class PortalPasswordResetView(auth_views.PasswordResetView):
    """Django's reset by e-mail; the link in the e-mail is on the portal's own address
    (PORTAL_URL), never on whatever host the request named."""

    form_class = forms.PasswordResetForm

    @property
    def extra_email_context(self) -> dict:
        return {"portal_url": settings.PORTAL_URL}


admin.site.site_header = "BCF portal administration"
# Into the admin: administrators only, by the same rules as everything else.
admin.site.has_permission = lambda request: (
    request.user.is_active and rules.allows(request.user, rules.Action.MANAGE)
)
admin.site.site_title = "BCF portal"

urlpatterns = [
    path(
        "sign-in/",
        auth_views.LoginView.as_view(
            authentication_form=SignInForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(
            form_class=forms.PasswordChangeForm, extra_context={"heading": "Change your password"}
        ),
        name="password_change",
    ),
    path(
        "password/changed/",
        auth_views.PasswordChangeDoneView.as_view(extra_context={"heading": "Password changed"}),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        PortalPasswordResetView.as_view(extra_context={"heading": "Set a new password"}),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(extra_context={"heading": "Check your e-mail"}),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=forms.SetPasswordForm, extra_context={"heading": "Set a new password"}
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(extra_context={"heading": "Password set"}),
        name="password_reset_complete",
    ),
    path("admin/", admin.site.urls),
    path("", include("plans.urls")),
    path("", include("schemes.urls")),
    path("", include("returns.urls")),
]
