"""POST to every area URL of the project, as every demo role: what each may do, and what
everyone else gets (404 outside the area, 403 inside without the right, 405 for reading
pages, whoever asks). Reading (GET) is walked in test_access.py."""

import pytest
from django.urls import reverse

from .test_access import (
    AREA_PAGES,
    NORFOLK,
    PASSWORD_PAGES,
    area_page,
    kept_submission,
    project_url_names,
)

pytestmark = pytest.mark.django_db

USERS = ["officer.norfolk", "signoff.norfolk", "signoff.ncc", "analyst", "analyst.national",
         "nhse.midlandseast", "nhse.national", "officer.other", "signoff.other",
         "admin"]  # fmt: skip
OUTSIDERS = {"officer.other": 404, "signoff.other": 404, "admin": 404}
# A page that only shows things refuses POST whatever the object: no existence is revealed.
READ_ONLY = dict.fromkeys(USERS, 405)


def _members(officer, signoff, analyst, partner_signer=403, nhse=None):
    """`signoff` signs for the Board; `partner_signer` (signoff.ncc) only a partner's block;
    an analyst granted every area may what one granted Norfolk may, and NHS England's reviewer
    of Norfolk's region and its national team (who read, export and assure) what an analyst
    may, unless `nhse` says otherwise."""
    nhse = analyst if nhse is None else nhse
    return {"officer.norfolk": officer, "signoff.norfolk": signoff,
            "signoff.ncc": partner_signer, "analyst": analyst,
            "analyst.national": analyst, "nhse.midlandseast": nhse,
            "nhse.national": nhse} | OUTSIDERS  # fmt: skip


READING_PAGES = (
    "hwb-area", "plan", "plan-print", "plan-export", "plan-export-download", "scheme",
    "scheme-register", "scheme-register-download", "return", "return-checklist", "return-export",
    "return-export-download", "return-history", "return-diff", "return-version",
    "return-version-workbook", "return-review", "return-review-workbook", "return-step-done",
    "return-pack",
    "area-metrics", "area-metrics-download", "area-submissions", "submission", "submission-file",
)  # fmt: skip
# For each area URL: the status each user's POST gets.
EXPECTED = {
    **dict.fromkeys(READING_PAGES, READ_ONLY),
    # An empty POST says no revision: refused, nothing saved (an old page must not blank it).
    "return-section": _members(officer=400, signoff=403, analyst=403),
    "return-workbook-upload": _members(officer=400, signoff=403, analyst=403),
    "return-upload": _members(officer=409, signoff=403, analyst=403),  # no revision: shown again
    "return-start": _members(officer=302, signoff=403, analyst=403),
    "return-export-start": _members(officer=302, signoff=302, analyst=302, partner_signer=302),
    "return-export-again": _members(officer=302, signoff=302, analyst=302, partner_signer=302),
    "return-step": _members(officer=302, signoff=302, analyst=403),  # "ready" on a complete draft
    "return-confirm": _members(officer=302, signoff=403, analyst=403),  # nothing to confirm
    # An empty invitation: the page with its errors; only officers invite.
    "area-people": _members(officer=400, signoff=403, analyst=403) | {"admin": 400},
    # An empty POST starts no conversation and adds no comment: the page, with its error.
    **dict.fromkeys(
        ("return-conversations", "return-conversation", "plan-conversations", "plan-conversation"),
        _members(officer=400, signoff=400, analyst=403),
    ),
    # NHS England raises and closes a query, the area answers it; an empty one is refused.
    "submission-queries": _members(officer=403, signoff=403, analyst=403, nhse=400),
    "submission-query": _members(officer=400, signoff=400, analyst=403, nhse=400),
    # Assurance is NHS England's: an empty rating or outcome is refused, with the page.
    "submission-rate": _members(officer=403, signoff=403, analyst=403, nhse=400),
    "submission-outcome": _members(officer=403, signoff=403, analyst=403, nhse=400),
    "submission-condition-met": _members(officer=403, signoff=403, analyst=403, nhse=302),
    # An empty POST to an officer's plan page: a form with errors, or a refused step.
    "plan-edit": _members(officer=400, signoff=403, analyst=403),
    "plan-step": _members(officer=400, signoff=400, analyst=403),  # "ready": checks fail
    "plan-export-start": _members(officer=302, signoff=302, analyst=302, partner_signer=302),
    "plan-start": _members(officer=302, signoff=403, analyst=403),  # exists: shown
    "scheme-new": _members(officer=400, signoff=403, analyst=403),
    "scheme-edit": _members(officer=400, signoff=403, analyst=403),
    "scheme-delete": _members(officer=302, signoff=403, analyst=403),  # no revision: refused
    "scheme-copy": _members(officer=400, signoff=403, analyst=403),  # no scheme chosen
    "scheme-register-upload": _members(officer=400, signoff=403, analyst=403),
}  # fmt: skip


def post_url(name: str) -> str:
    if name.startswith("submission-") and name not in AREA_PAGES:
        from national.models import ApprovalCondition

        submission = kept_submission(NORFOLK)
        args = [NORFOLK, submission.pk]
        if name == "submission-condition-met":
            condition = ApprovalCondition.objects.create(
                submission=submission, position=1, text="Agree the risk share."
            )
            args.append(condition.pk)
        return reverse(name, args=args)
    if name in AREA_PAGES:
        return area_page(name, NORFOLK)
    if name == "return-start":
        return reverse("return-start", args=[NORFOLK, "fy1617_q1"])  # not started in the demo
    if name == "return-step":
        return reverse("return-step", args=[NORFOLK, "fy1516_q3", "ready"])
    if name == "return-confirm":
        return reverse(name, args=[NORFOLK, "fy1516_q3", "income_actual_far_from_plan"])
    if name == "return-step-done":
        from returns.models import ReturnEvent

        of_q3 = {
            "quarterly_return__hwb_area__ons_code": NORFOLK,
            "quarterly_return__period__quarter": 3,
        }
        event = ReturnEvent.objects.filter(**of_q3).first()
        return reverse(name, args=[NORFOLK, "fy1516_q3", event.pk if event else 1])
    if name.startswith(("plan-", "scheme-")):
        from schemes.models import Scheme

        scheme = Scheme.objects.filter(plan__hwb_area__ons_code=NORFOLK).order_by("pk").first()
        args = {"plan-edit": ["funding"], "plan-step": ["ready"], "scheme-edit": [scheme.pk],
                "scheme-delete": [scheme.pk]}.get(name, [])  # fmt: skip
        return reverse(name, args=[NORFOLK, 2016, *args])
    export_pk = area_page("return-export", NORFOLK).rstrip("/").split("/")[-1]
    if name == "return-export-again":
        return reverse(name, args=[NORFOLK, "fy1516_q3", export_pk])
    return reverse(name, args=[NORFOLK, "fy1516_q3"])


def test_every_area_url_has_its_post_expectations():
    national = {"national", "national-start", "national-export", "national-export-download",
                "round-status", "round-status-download", "national-figures",
                "national-figures-download", "national-series",
                "national-series-download", "rounds", "round-open",
                "area-people-choose", "assurance", "assurance-summary",
                "assurance-summary-download"}  # fmt: skip
    not_of_an_area = {"home", "login", "logout", "glossary"}
    area_names = project_url_names() - not_of_an_area - national - PASSWORD_PAGES
    assert area_names == set(EXPECTED)


@pytest.mark.parametrize("username", USERS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_post(signed_in, name, username):
    url = post_url(name)
    assert signed_in(username).post(url).status_code == EXPECTED[name][username]


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("analyst", 200),
        ("analyst.national", 200),
        ("admin", 200),
        ("officer.norfolk", 403),
        ("signoff.other", 403),
    ],
)
def test_national_exports_are_for_analysts_and_administrators(signed_in, username, status):
    assert signed_in(username).get(reverse("national")).status_code == status
