from django.contrib.auth import views as auth_views
from django.urls import path

from . import forms, people_views, views
from .forms import SignInForm

urlpatterns = [
    path("glossary/", views.glossary, name="glossary"),
    path("areas/<str:ons_code>/people/", people_views.area_people, name="area-people"),
    path("people/", people_views.area_people_choose, name="area-people-choose"),
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
        views.PortalPasswordResetView.as_view(extra_context={"heading": "Set a new password"}),
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
        "invitation/<uidb64>/<token>/",
        views.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
    path(
        "invitation/done/",
        auth_views.PasswordResetCompleteView.as_view(extra_context={"heading": "Password set"}),
        name="invitation_done",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(extra_context={"heading": "Password set"}),
        name="password_reset_complete",
    ),
]
