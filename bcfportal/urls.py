"""The project's URLs: each app's own, and the admin site, let in by the same rules."""

from django.contrib import admin
from django.urls import include, path, register_converter

from governance import rules
from governance.converters import FinancialYearConverter

register_converter(FinancialYearConverter, "fy")

admin.site.site_header = "BCF portal administration"
# Into the admin: administrators only, by the same rules as everything else.
admin.site.has_permission = lambda request: (
    request.user.is_active and rules.allows(request.user, rules.Action.MANAGE)
)
admin.site.site_title = "BCF portal"

urlpatterns = [
    path("", include("governance.urls")),
    path("admin/", admin.site.urls),
    path("", include("plans.urls")),
    path("", include("schemes.urls")),
    path("", include("returns.urls")),
    path("", include("national.urls")),
]
