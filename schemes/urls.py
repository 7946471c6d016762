from django.urls import path

from . import views

urlpatterns = [
    path(
        "areas/<str:ons_code>/plans/<fy:year>/schemes/<int:pk>/",
        views.scheme_detail,
        name="scheme",
    ),
]
