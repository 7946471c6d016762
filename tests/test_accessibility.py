"""Every page each role can reach, checked by axe-core in Chromium at 1280 and 375 pixels
wide, while the return is editable and once it is locked: no violation of any impact.

axe-core is vendored (tests/vendor/axe-core, from npm) and injected into each page; the
portal's Content-Security-Policy allows no inline or foreign script, so only these tests'
browser context bypasses it.
"""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page

from conftest import demo_user
from plans.exports import plan_export_request, plan_export_run
from plans.models import Plan, PlanStatus
from returns import workflow
from returns.exports import export_request, export_run
from returns.models import NationalExport, QuarterlyReturn
from returns.tests.test_workbook_import import edited
from returns.workbook import return_workbook_bytes
from schemes.models import Scheme

from .test_browser import browser_type_launch_args  # noqa: F401 - the fixture
from .test_browser_returns import signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
NORFOLK, BORSETSHIRE, Q3 = "E10000020", "E99999001", "fy1516_q3"
WIDTHS = (1280, 375)
PLAN_PARTS = ("funding", "conditions", "expenditure", "metrics", "narrative")
SECTIONS = (
    "cover", "budget-arrangements", "national-conditions", "non-elective-and-p4p",
    "income-and-expenditure", "metrics", "understanding-support-needs",
    "new-integration-metrics", "narrative",
)  # fmt: skip


def return_pages(ons_code: str = NORFOLK) -> list[str]:
    args = [ons_code, Q3]
    return [
        reverse("return", args=args),
        reverse("return-checklist", args=args),
        *(reverse("return-section", args=[*args, slug]) for slug in SECTIONS),
        reverse("return-history", args=args),
        reverse("return-diff", args=args),
    ]


def area_pages(ons_code: str = NORFOLK) -> list[str]:
    pages = [
        reverse("home"),
        reverse("hwb-area", args=[ons_code]),
        reverse("plan", args=[ons_code, 2016]),
        reverse("plan-print", args=[ons_code, 2016]),
        reverse("scheme-register", args=[ons_code, 2016]),
    ]
    scheme = Scheme.objects.filter(plan__hwb_area__ons_code=ons_code).order_by("pk").first()
    if scheme is not None:
        pages.append(reverse("scheme", args=[ons_code, 2016, scheme.pk]))
    return pages


def officer_pages(ons_code: str = NORFOLK) -> list[str]:
    """The pages only an area's officers reach: its plan's and schemes' forms."""
    scheme = Scheme.objects.filter(plan__hwb_area__ons_code=ons_code).order_by("pk").first()
    return [
        *(reverse("plan-edit", args=[ons_code, 2016, part]) for part in PLAN_PARTS),
        reverse("scheme-new", args=[ons_code, 2016]),
        reverse("scheme-edit", args=[ons_code, 2016, scheme.pk]),
        reverse("scheme-copy", args=[ons_code, 2016]),
        reverse("scheme-register-upload", args=[ons_code, 2016]),
        reverse("return-workbook-upload", args=[ons_code, Q3]),
    ]


def violations(page: Page, url: str) -> list[str]:
    """axe-core's violations on the page at `url`, one line each (rule, impact, where)."""
    page.goto(url)
    page.wait_for_load_state("load")
    page.evaluate(AXE)
    # Only violations are wanted: axe then skips gathering the details of what passed.
    result = page.evaluate(
        "async () => JSON.stringify("
        "(await axe.run(document, {resultTypes: ['violations']})).violations)"
    )
    found = []
    for violation in json.loads(result):
        targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
        found.append(
            f"{url}: {violation['id']} ({violation['impact']}, {len(violation['nodes'])}): "
            f"{violation['help']} at {targets}"
        )
    return found


def checked(browser, live_server, username: str, urls: list[str], width: int) -> list[str]:
    """Every URL at `width`, as `username`: the violations found. (Each test runs once per
    width, so that test workers share the widths between them.)"""
    found = []
    options = {"bypass_csp": True, "viewport": {"width": width, "height": 900}}
    with signed_in_page(browser, live_server.url, username, **options) as page:
        for url in urls:
            found += [f"{width}px {line}" for line in violations(page, live_server.url + url)]
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_an_officers_pages_have_no_accessibility_violations(browser, live_server, demo, width):
    norfolk = QuarterlyReturn.objects.get(hwb_area__ons_code=NORFOLK)
    export = export_run(export_id=export_request(quarterly_return=norfolk, user=None).pk)
    plan = Plan.objects.get(hwb_area__ons_code=NORFOLK, financial_year__start_year=2016)
    plan_export = plan_export_run(export_id=plan_export_request(plan=plan, user=None).pk)
    urls = [
        *area_pages(),
        *return_pages(),
        *officer_pages(),
        reverse("return-export", args=[NORFOLK, Q3, export.pk]),
        reverse("plan-export", args=[NORFOLK, 2016, plan_export.pk]),
        reverse("return-review", args=[NORFOLK, Q3]),  # not theirs: the page that says so
        reverse("password_change"),
        reverse("password_change_done"),
        reverse("glossary"),
        "/no-such-page/",
    ]
    found = checked(browser, live_server, "officer.norfolk", urls, width)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_sign_off_members_pages_have_no_accessibility_violations(
    browser, live_server, demo, width
):
    norfolk = QuarterlyReturn.objects.get(hwb_area__ons_code=NORFOLK)
    workflow.return_mark_ready(quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    urls = [*area_pages(), *return_pages(), reverse("return-review", args=[NORFOLK, Q3])]
    found = checked(browser, live_server, "signoff.norfolk", urls, width)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_plan_being_signed_and_signed_off_has_no_accessibility_violations(
    browser, live_server, demo, width
):
    """A partner's signer with a block to sign, and the officers once the plan is locked."""
    plan = Plan.objects.filter(hwb_area__ons_code=NORFOLK, financial_year__start_year=2016)
    plan.update(status=PlanStatus.READY)
    found = checked(browser, live_server, "signoff.ncc", area_pages(), width)
    plan.update(status=PlanStatus.SIGNED_OFF)
    found += checked(browser, live_server, "officer.norfolk", area_pages(), width)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_upload_preview_has_no_accessibility_violations(browser, live_server, demo, width):
    norfolk = QuarterlyReturn.objects.get(hwb_area__ons_code=NORFOLK)
    changed = edited(return_workbook_bytes(quarterly_return=norfolk),
                     **{"4. Non-Elective and P4P!O8": 23300})  # fmt: skip
    client = Client()
    client.force_login(demo_user("officer.norfolk"))
    upload = SimpleUploadedFile("BCF-Q3-2015-16-Norfolk.xlsx", changed)
    preview = client.post(reverse("return-workbook-upload", args=[NORFOLK, Q3]),
                          {"workbook": upload})["Location"]  # fmt: skip
    found = checked(browser, live_server, "officer.norfolk", [preview], width)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("width", WIDTHS)
def test_locked_pages_have_no_accessibility_violations(browser, live_server, demo, width):
    norfolk = QuarterlyReturn.objects.get(hwb_area__ons_code=NORFOLK)
    workflow.return_mark_ready(quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    workflow.return_sign_off(
        quarterly_return=norfolk, user=demo_user("signoff.norfolk"), on_behalf_of="The Board"
    )
    urls = [*return_pages(), reverse("return-version", args=[NORFOLK, Q3, 1])]
    found = checked(browser, live_server, "officer.norfolk", urls, width)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("width", WIDTHS)
def test_an_analysts_pages_have_no_accessibility_violations(browser, live_server, demo, width):
    client = Client()
    client.force_login(demo_user("analyst"))
    client.post(reverse("national-start", args=[Q3]), {"include_drafts": "yes"})
    national = NationalExport.objects.latest("created_at")
    urls = [
        *area_pages(),
        *return_pages(),
        reverse("national"),
        reverse("national-export", args=[national.pk]),
        reverse("round-status", args=[Q3]),
        reverse("national-figures", args=[Q3]) + "?drafts=yes",  # charts of the two areas
        reverse("area-metrics", args=[NORFOLK]),
    ]
    found = checked(browser, live_server, "analyst", urls, width)
    # Granted every area: the home page's one table of 152 areas.
    found += checked(browser, live_server, "analyst.national", [reverse("home")], width)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_other_areas_pages_have_no_accessibility_violations(browser, live_server, demo, width):
    other = [*area_pages(BORSETSHIRE), *return_pages(BORSETSHIRE)]
    found = checked(browser, live_server, "officer.other", other, width)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_pages_before_signing_in_have_no_accessibility_violations(
    browser, live_server, demo, width
):
    urls = [
        reverse("login"),
        reverse("password_reset"),
        reverse("password_reset_done"),
        reverse("password_reset_confirm", args=["MQ", "not-a-token"]),  # a link gone stale
        reverse("password_reset_complete"),
    ]
    found = []
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        for url in urls:
            found += [f"{width}px {line}" for line in violations(page, live_server.url + url)]
    finally:
        context.close()
    assert not found, "\n".join(found)
