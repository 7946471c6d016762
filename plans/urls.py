from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("areas/<str:ons_code>/", views.hwb_area_detail, name="hwb-area"),
    path("areas/<str:ons_code>/plans/<fy:year>/", views.plan_detail, name="plan"),
]
