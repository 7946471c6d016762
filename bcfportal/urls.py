from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from . import rules
from .converters import FinancialYearConverter
from .forms import SignInForm

register_converter(FinancialYearConverter, "fy")

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
    path("admin/", admin.site.urls),
    path("", include("plans.urls")),
    path("", include("schemes.urls")),
    path("", include("returns.urls")),
]
