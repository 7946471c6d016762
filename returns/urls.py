from django.urls import path, register_converter

from . import (
    caution_views,
    conversation_views,
    history_views,
    pack_views,
    views,
    workbook_views,
    workflow_views,
)
from .models import ReportingPeriod


class PeriodCodeConverter:
    """A reporting period as in question ids: `fy1516_q3`."""

    regex = r"fy\d{4}_q[1-4]"

    def to_python(self, value: str) -> str:
        if ReportingPeriod.parse_code(value) is None:
            raise ValueError(value)  # e.g. fy1517_q3: not one financial year
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(PeriodCodeConverter, "period")

RETURN = "areas/<str:ons_code>/returns/<period:period>/"
urlpatterns = [
    path(RETURN, views.return_overview, name="return"),
    path(f"{RETURN}start/", views.return_start, name="return-start"),
    path(f"{RETURN}checklist/", views.return_checklist, name="return-checklist"),
    path(f"{RETURN}sections/<slug:section>/", views.return_section, name="return-section"),
    path(f"{RETURN}exports/", workbook_views.export_start, name="return-export-start"),
    path(f"{RETURN}exports/<int:pk>/", workbook_views.export_detail, name="return-export"),
    path(
        f"{RETURN}exports/<int:pk>/again/", workbook_views.export_again, name="return-export-again"
    ),
    path(
        f"{RETURN}exports/<int:pk>/download/",
        workbook_views.export_download,
        name="return-export-download",
    ),
    path(f"{RETURN}workbook/", workbook_views.workbook_upload, name="return-workbook-upload"),
    path(f"{RETURN}workbook/<int:pk>/", workbook_views.upload_detail, name="return-upload"),
    path(f"{RETURN}steps/<slug:step>/", workflow_views.return_transition, name="return-step"),
    path(
        f"{RETURN}done/<int:pk>/",
        workflow_views.step_done,
        name="return-step-done",
    ),
    path(f"{RETURN}sign-off/", workflow_views.return_review, name="return-review"),
    path("areas/<str:ons_code>/return-pack/", pack_views.area_return_pack, name="return-pack"),
    path(f"{RETURN}confirm/<slug:key>/", caution_views.return_confirm, name="return-confirm"),
    path(
        f"{RETURN}conversations/",
        conversation_views.return_conversations,
        name="return-conversations",
    ),
    path(
        f"{RETURN}conversations/<int:pk>/",
        conversation_views.return_conversation,
        name="return-conversation",
    ),
    path(
        f"{RETURN}sign-off/workbook/",
        workflow_views.review_workbook,
        name="return-review-workbook",
    ),
    path(f"{RETURN}versions/<int:number>/", workflow_views.version_detail, name="return-version"),
    path(
        f"{RETURN}versions/<int:number>/workbook/",
        workflow_views.version_workbook,
        name="return-version-workbook",
    ),
    path(f"{RETURN}history/", history_views.return_history, name="return-history"),
    path(f"{RETURN}history/diff/", history_views.return_diff, name="return-diff"),
]
