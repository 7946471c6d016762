"""The national side's pages: analysts' exports, a round's status, the figures across areas
(and an area's own beside them). Their addresses are those they had in `returns`."""

from django.urls import path

import returns.urls  # noqa: F401 (registers the `period` converter these paths use)

from . import assurance_views, figures_views, round_views, views

urlpatterns = [
    path("national/", views.national_home, name="national"),
    path("national/<period:period>/", views.national_start, name="national-start"),
    path("national/exports/<int:pk>/", views.national_detail, name="national-export"),
    path(
        "national/exports/<int:pk>/download/",
        views.national_download,
        name="national-export-download",
    ),
    path("national/rounds/", round_views.rounds_page, name="rounds"),
    path("national/rounds/<period:period>/open/", round_views.round_open_page, name="round-open"),
    path("national/rounds/<period:period>/", views.round_status_page, name="round-status"),
    path(
        "national/rounds/<period:period>/status.<slug:fmt>",
        views.round_status_download,
        name="round-status-download",
    ),
    path(
        "national/figures/<period:period>/",
        figures_views.national_figures_page,
        name="national-figures",
    ),
    path(
        "national/figures/<period:period>/<slug:chart>.csv",
        figures_views.national_figures_download,
        name="national-figures-download",
    ),
    path("national/series/", figures_views.national_series_page, name="national-series"),
    path(
        "national/series/<slug:chart>.csv",
        figures_views.national_series_download,
        name="national-series-download",
    ),
    path("areas/<str:ons_code>/metrics/", figures_views.area_metrics, name="area-metrics"),
    path(
        "areas/<str:ons_code>/submissions/",
        assurance_views.area_submissions,
        name="area-submissions",
    ),
    path(
        "areas/<str:ons_code>/submissions/<int:pk>/",
        assurance_views.submission_page,
        name="submission",
    ),
    path(
        "areas/<str:ons_code>/submissions/<int:pk>/file/",
        assurance_views.submission_file,
        name="submission-file",
    ),
    path(
        "areas/<str:ons_code>/submissions/<int:pk>/rate/",
        assurance_views.submission_rate,
        name="submission-rate",
    ),
    path(
        "areas/<str:ons_code>/submissions/<int:pk>/outcome/",
        assurance_views.submission_outcome,
        name="submission-outcome",
    ),
    path(
        "areas/<str:ons_code>/submissions/<int:pk>/conditions/<int:condition>/met/",
        assurance_views.submission_condition_met,
        name="submission-condition-met",
    ),
    path(
        "areas/<str:ons_code>/submissions/<int:submission>/queries/",
        assurance_views.submission_queries,
        name="submission-queries",
    ),
    path(
        "areas/<str:ons_code>/submissions/<int:submission>/queries/<int:pk>/",
        assurance_views.submission_query,
        name="submission-query",
    ),
    path("national/assurance/", assurance_views.assurance_queue_page, name="assurance"),
    path(
        "national/assurance/summary/",
        assurance_views.assurance_summary_page,
        name="assurance-summary",
    ),
    path(
        "national/assurance/summary/<slug:round_key>.<slug:fmt>",
        assurance_views.assurance_summary_download,
        name="assurance-summary-download",
    ),
    path(
        "areas/<str:ons_code>/metrics/<slug:chart>.csv",
        figures_views.area_metrics_download,
        name="area-metrics-download",
    ),
]
