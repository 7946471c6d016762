from django.urls import path

from . import conversation_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("areas/<str:ons_code>/", views.hwb_area_detail, name="hwb-area"),
    path("areas/<str:ons_code>/plans/<fy:year>/", views.plan_detail, name="plan"),
    path(
        "areas/<str:ons_code>/plans/<fy:year>/edit/<slug:part>/", views.plan_edit, name="plan-edit"
    ),
    path(
        "areas/<str:ons_code>/plans/<fy:year>/steps/<slug:step>/",
        views.plan_transition,
        name="plan-step",
    ),
    path("areas/<str:ons_code>/plans/<fy:year>/start/", views.plan_start, name="plan-start"),
    path("areas/<str:ons_code>/plans/<fy:year>/print/", views.plan_print, name="plan-print"),
    path(
        "areas/<str:ons_code>/plans/<fy:year>/conversations/",
        conversation_views.plan_conversations,
        name="plan-conversations",
    ),
    path(
        "areas/<str:ons_code>/plans/<fy:year>/conversations/<int:pk>/",
        conversation_views.plan_conversation,
        name="plan-conversation",
    ),
    path(
        "areas/<str:ons_code>/plans/<fy:year>/exports/",
        views.plan_export_start,
        name="plan-export-start",
    ),
    path(
        "areas/<str:ons_code>/plans/<fy:year>/exports/<int:pk>/",
        views.plan_export_detail,
        name="plan-export",
    ),
    path(
        "areas/<str:ons_code>/plans/<fy:year>/exports/<int:pk>/download/",
        views.plan_export_download,
        name="plan-export-download",
    ),
]
