from django.urls import path

from . import register_views, views

PLAN = "areas/<str:ons_code>/plans/<fy:year>/schemes/"
urlpatterns = [
    path(PLAN, views.register, name="scheme-register"),
    path(f"{PLAN}new/", views.scheme_edit, name="scheme-new"),
    path(f"{PLAN}copy/", views.scheme_copy, name="scheme-copy"),
    path(f"{PLAN}register.xlsx", register_views.register_download, name="scheme-register-download"),
    path(f"{PLAN}import/", register_views.register_upload, name="scheme-register-upload"),
    path(f"{PLAN}<int:pk>/", views.scheme_detail, name="scheme"),
    path(f"{PLAN}<int:pk>/edit/", views.scheme_edit, name="scheme-edit"),
    path(f"{PLAN}<int:pk>/delete/", views.scheme_delete, name="scheme-delete"),
]
