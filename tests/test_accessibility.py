"""Every page each role can reach, checked by axe-core in Chromium at 1280 and 375 pixels
wide, while the return is editable and once it is locked: no violation of any impact.

axe-core is vendored (tests/vendor/axe-core, from npm) and added to each page as a script
from a server of these tests' own, which lets Chromium keep it compiled from one page to the
next; the portal's Content-Security-Policy allows no inline or foreign script, so only these
tests' browser context bypasses it. Each page is loaded once at 1280 pixels, checked, made
375 pixels wide and checked again: its layout follows the width through CSS alone (no
script of the portal reads it: `test_no_script_of_the_portal_reads_the_width`).
"""

import http.server
import json
import re
import threading
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page

from conftest import demo_user
from governance.models import HwbArea
from national.models import NationalExport
from plans.exports import plan_export_request, plan_export_run
from plans.models import Plan, PlanStatus
from returns import workflow
from returns.exports import export_request, export_run
from returns.models import QuarterlyReturn
from returns.selectors import period_by_code
from returns.tests.test_workbook_import import edited
from returns.workbook import return_workbook_bytes
from schemes.models import Scheme

from .test_browser import browser_type_launch_args  # noqa: F401 - the fixture
from .test_browser_returns import signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.slow]

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
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


NARROW_ONLY_PROBLEM = """<!doctype html><html lang="en"><head><title>A test page</title>
<style>@media (max-width: 400px) { .note { color: #ddd; background: #fff; } }</style></head>
<body><main><h1>A test page</h1><img src="data:," width="1" height="1">
<p class="note">Grey on white only on a narrow screen.</p></main></body></html>"""
FILES = {
    "/axe.min.js": (AXE.read_bytes(), "text/javascript"),
    "/narrow-only-problem.html": (NARROW_ONLY_PROBLEM.encode(), "text/html"),
}


class _Files(http.server.BaseHTTPRequestHandler):
    """axe-core, served for Chromium to keep (and keep compiled), and a test page."""

    def do_GET(self):
        if self.path not in FILES:
            self.send_error(404)
            return
        body, content_type = FILES[self.path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def files_url():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Files)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def axe_url(files_url):
    return files_url + "/axe.min.js"


def axe_violations(page: Page) -> list[str]:
    """axe-core's violations on the page as it is now, one line each (rule, impact, where)."""
    # Only violations are wanted: axe then skips gathering the details of what passed.
    result = page.evaluate(
        "async () => JSON.stringify("
        "(await axe.run(document, {resultTypes: ['violations']})).violations)"
    )
    found = []
    for violation in json.loads(result):
        targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
        found.append(
            f"{page.url}: {violation['id']} ({violation['impact']}, {len(violation['nodes'])}): "
            f"{violation['help']} at {targets}"
        )
    return found


def submitted(button) -> None:
    """Click a form's button and wait for the page it posts to (an error, re-rendered): axe
    is then added to that page, not to the one the browser is leaving."""
    with button.page.expect_navigation():
        button.click()


def violations_as_shown(page: Page, axe: str) -> list[str]:
    """axe-core's violations on the page as it is now (after a click), at each of WIDTHS."""
    page.add_script_tag(url=axe)
    found = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        found += [f"{width}px {line}" for line in axe_violations(page)]
    return found


def violations(page: Page, url: str, axe: str) -> list[str]:
    """axe-core's violations on the page at `url`, at each of WIDTHS, each line saying which."""
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    page.goto(url)
    page.wait_for_load_state("load")
    return violations_as_shown(page, axe)


def checked(browser, live_server, axe: str, username: str, urls: list[str]) -> list[str]:
    """Every URL at each of WIDTHS, as `username`: the violations found."""
    found = []
    with signed_in_page(browser, live_server.url, username, bypass_csp=True) as page:
        for url in urls:
            found += violations(page, live_server.url + url, axe)
    return found


def test_the_check_finds_a_problem_at_the_width_it_shows_at(browser, files_url, axe_url):
    """A page with an image without a text alternative (at every width) and text too faint
    to read only below 400 pixels: each is reported at the widths it shows at."""
    context = browser.new_context(bypass_csp=True)
    try:
        page = context.new_page()
        found = violations(page, files_url + "/narrow-only-problem.html", axe_url)
    finally:
        context.close()
    rules = sorted(line.split(": ")[1].split(" ")[0] + " at " + line.split("px")[0]
                   for line in found)  # fmt: skip
    assert rules == ["color-contrast at 375", "image-alt at 1280", "image-alt at 375"]


def test_no_script_of_the_portal_reads_the_width():
    """What lets each page be checked at both widths after loading it once: none of the
    portal's scripts lays a page out by the width it was loaded at. (GOV.UK Frontend's
    components that do follow the width as it changes.)"""
    scripts = sorted((Path(__file__).parents[1] / "static" / "js").glob("*.js"))
    assert scripts
    reads = re.compile(r"matchMedia|innerWidth|outerWidth|clientWidth|screen\.width|resize")
    assert [script.name for script in scripts if reads.search(script.read_text())] == []


def test_an_officers_pages_have_no_accessibility_violations(browser, live_server, demo, axe_url):
    norfolk = QuarterlyReturn.objects.get(hwb_area__ons_code=NORFOLK, period__quarter=3)
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
    found = checked(browser, live_server, axe_url, "officer.norfolk", urls)
    assert not found, "\n".join(found)


def test_a_sign_off_members_pages_have_no_accessibility_violations(
    browser, live_server, demo, axe_url
):
    norfolk = QuarterlyReturn.objects.get(hwb_area__ons_code=NORFOLK, period__quarter=3)
    workflow.return_mark_ready(quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    urls = [*area_pages(), *return_pages(), reverse("return-review", args=[NORFOLK, Q3])]
    found = checked(browser, live_server, axe_url, "signoff.norfolk", urls)
    assert not found, "\n".join(found)


def test_a_plan_being_signed_and_signed_off_has_no_accessibility_violations(
    browser, live_server, demo, axe_url
):
    """A partner's signer with a block to sign, and the officers once the plan is locked."""
    plan = Plan.objects.filter(hwb_area__ons_code=NORFOLK, financial_year__start_year=2016)
    plan.update(status=PlanStatus.READY)
    found = checked(browser, live_server, axe_url, "signoff.ncc", area_pages())
    plan.update(status=PlanStatus.SIGNED_OFF)
    found += checked(browser, live_server, axe_url, "officer.norfolk", area_pages())
    assert not found, "\n".join(found)


def test_the_send_back_loop_has_no_accessibility_violations(browser, live_server, demo, axe_url):
    """Each step's confirmation page, the banners of a return sent back (its page and the
    officer's home page), and the review with what changed since it was sent back."""
    from returns.services import answers_save

    norfolk = QuarterlyReturn.objects.get(hwb_area__ons_code=NORFOLK, period__quarter=3)
    officer, signer = demo_user("officer.norfolk"), demo_user("signoff.norfolk")
    ready = workflow.return_mark_ready(quarterly_return=norfolk, user=officer)
    back = workflow.return_send_back(quarterly_return=norfolk, user=signer, reason="Check Q3.")
    found = checked(browser, live_server, axe_url, "officer.norfolk", [
        reverse("home"), reverse("return", args=[NORFOLK, Q3]),
        reverse("return-step-done", args=[NORFOLK, Q3, ready.pk]),
    ])  # fmt: skip
    answers_save(quarterly_return=norfolk, values={"nea_actual_fy1516_q3": 23300},
                 user=officer, source="form")  # fmt: skip
    workflow.return_mark_ready(quarterly_return=norfolk, user=officer)
    found += checked(browser, live_server, axe_url, "signoff.norfolk", [
        reverse("return-review", args=[NORFOLK, Q3]),
        reverse("return-step-done", args=[NORFOLK, Q3, back.pk]),
        reverse("return-diff", args=[NORFOLK, Q3]) + f"?from=ready-{ready.pk}&to=current",
    ])  # fmt: skip
    assert not found, "\n".join(found)


def test_the_are_you_sure_page_has_no_accessibility_violations(browser, live_server, demo, axe_url):
    """The interruption page (white on blue), as shown and with its error, and the checklist
    and review that list the figures asked about."""
    from returns.services import answers_save, confirmation_give

    norfolk = QuarterlyReturn.objects.get(hwb_area__ons_code=NORFOLK, period__quarter=3)
    officer = demo_user("officer.norfolk")
    answers_save(quarterly_return=norfolk, values={"ie_income_actual_q3": 1_584_695},
                 user=officer, source="form")  # fmt: skip
    confirmation_give(quarterly_return=norfolk, key="income_actual_far_from_plan",
                      explanation="Reserves moved.", user=officer)  # fmt: skip
    confirm = reverse("return-confirm", args=[NORFOLK, Q3, "income_actual_times_previous"])
    found = []
    with signed_in_page(browser, live_server.url, "officer.norfolk", bypass_csp=True) as page:
        for url in (confirm, reverse("return-checklist", args=[NORFOLK, Q3])):
            found += violations(page, live_server.url + url, axe_url)
        page.goto(live_server.url + confirm)
        submitted(page.get_by_role("button", name="Yes, it is right"))  # no reason: its error
        found += violations_as_shown(page, axe_url)
    assert not found, "\n".join(found)


def test_conversations_have_no_accessibility_violations(browser, live_server, demo, axe_url):
    """A return's and a plan's conversations, one open and one resolved, the form's error,
    and the home page that lists the open ones."""
    from .test_access import kept_conversation

    opened = kept_conversation(NORFOLK)
    resolved = kept_conversation(NORFOLK, plan=True)
    resolved.resolved_at = resolved.started_at
    resolved.save()
    urls = [
        reverse("home"),
        reverse("return-conversations", args=[NORFOLK, Q3]),
        reverse("return-conversation", args=[NORFOLK, Q3, opened.pk]),
        reverse("plan-conversations", args=[NORFOLK, 2016]),
        reverse("plan-conversation", args=[NORFOLK, 2016, resolved.pk]),
    ]
    found = checked(browser, live_server, axe_url, "signoff.norfolk", urls)
    with signed_in_page(browser, live_server.url, "officer.norfolk", bypass_csp=True) as page:
        page.goto(live_server.url + urls[1])
        submitted(page.get_by_role("button", name="Start the conversation"))  # empty: its error
        found += violations_as_shown(page, axe_url)
    assert not found, "\n".join(found)


def test_nhs_englands_pages_have_no_accessibility_violations(browser, live_server, demo, axe_url):
    """What a reviewer sees: home, queue, summary, a round, a submission with a rated line, a
    query, an outcome and conditions, and the forms' errors; and the area's list and query
    page as its officer sees them."""
    from governance.conversations import conversation_start
    from national.assurance import line_rate, outcome_record
    from plans.models import Plan
    from plans.workflow import plan_submit_draft

    from .test_access import kept_submission

    submission = kept_submission(NORFOLK)
    reviewer = demo_user("nhse.midlandseast")
    query = conversation_start(subject=submission, hwb_area=submission.hwb_area, about="",
                               title="A figure", text="Is it right?", user=reviewer)  # fmt: skip
    plan = Plan.objects.get(hwb_area__ons_code=NORFOLK, financial_year__start_year=2016)
    draft = plan_submit_draft(plan=plan, user=demo_user("officer.norfolk")).submission
    line_rate(submission=draft, line="finance", rating="red", comment="Not agreed.", user=reviewer)
    outcome_record(submission=draft, outcome="feedback", note="Agree the risk share.",
                   user=reviewer)  # fmt: skip
    page = reverse("submission", args=[NORFOLK, submission.pk])
    urls = [
        reverse("home"), reverse("assurance"), reverse("assurance-summary"),
        reverse("round-status", args=[Q3]), page,
        reverse("submission", args=[NORFOLK, draft.pk]),
        reverse("submission-queries", args=[NORFOLK, submission.pk]),
        reverse("submission-query", args=[NORFOLK, submission.pk, query.pk]),
    ]  # fmt: skip
    found = checked(browser, live_server, axe_url, "nhse.midlandseast", urls)
    with signed_in_page(browser, live_server.url, "nhse.midlandseast", bypass_csp=True) as tab:
        tab.goto(live_server.url + page)
        tab.locator("#line-narrative").get_by_label("Red").check()
        submitted(tab.locator("#line-narrative").get_by_role("button"))  # no reason: its error
        found += violations_as_shown(tab, axe_url)
        tab.goto(live_server.url + page)
        submitted(tab.get_by_role("button", name="Record the outcome"))  # no outcome: its error
        found += violations_as_shown(tab, axe_url)
    found += checked(browser, live_server, axe_url, "officer.norfolk", [
        reverse("area-submissions", args=[NORFOLK]), page,
        reverse("submission-query", args=[NORFOLK, submission.pk, query.pk])])  # fmt: skip
    assert not found, "\n".join(found)


def test_the_return_pack_has_no_accessibility_violations(browser, live_server, demo, axe_url):
    """Its chooser (and its error), and the pack as a page to print."""
    pack = reverse("return-pack", args=[NORFOLK])
    urls = [pack, pack + "?period=fy1617_q3", pack + f"?period={Q3}&as=html"]
    found = checked(browser, live_server, axe_url, "officer.norfolk", urls)
    assert not found, "\n".join(found)


def test_an_administrators_pages_have_no_accessibility_violations(
    browser, live_server, demo, axe_url
):
    """The portal's pages for administrators (home, rounds, opening one, an area's people),
    and the Django admin's: its index, every list, and the forms people use (a membership's
    and an invitation's, a reporting period's with its extensions)."""
    from django.contrib import admin

    from governance.models import Membership

    norfolk = QuarterlyReturn.objects.get(hwb_area__ons_code=NORFOLK, period__quarter=3)
    workflow.return_mark_ready(quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    workflow.return_sign_off(quarterly_return=norfolk, user=demo_user("signoff.norfolk"),
                             on_behalf_of="The Board")  # fmt: skip
    period = norfolk.period
    urls = [
        reverse("home"), reverse("rounds"), reverse("round-open", args=["fy1617_q2"]),
        reverse("area-people", args=[NORFOLK]), reverse("admin:index"),
        reverse("admin:governance_invitation_add"),
        reverse("admin:auth_user_change", args=[demo_user("officer.norfolk").pk]),
        reverse("admin:governance_membership_change", args=[Membership.objects.first().pk]),
        reverse("admin:returns_reportingperiod_change", args=[period.pk]),
        reverse("admin:plans_plan_change", args=[Plan.objects.filter(
            hwb_area__ons_code=NORFOLK).first().pk]),
        reverse("admin:schemes_scheme_change", args=[Scheme.objects.filter(
            plan__hwb_area__ons_code=NORFOLK).first().pk]),
        reverse("admin:governance_partner_change", args=[Membership.objects.exclude(
            partner=None).first().partner_id]),
        *(reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist")
          for m in admin.site._registry),
    ]  # fmt: skip
    found = checked(browser, live_server, axe_url, "admin", urls)
    # A sign-off member's home page, with the returns they signed.
    found += checked(browser, live_server, axe_url, "signoff.norfolk", [reverse("home")])
    assert not found, "\n".join(found)


def test_the_upload_preview_has_no_accessibility_violations(browser, live_server, demo, axe_url):
    norfolk = QuarterlyReturn.objects.get(hwb_area__ons_code=NORFOLK, period__quarter=3)
    changed = edited(return_workbook_bytes(quarterly_return=norfolk),
                     **{"4. Non-Elective and P4P!O8": 23300})  # fmt: skip
    client = Client()
    client.force_login(demo_user("officer.norfolk"))
    upload = SimpleUploadedFile("BCF-Q3-2015-16-Norfolk.xlsx", changed)
    preview = client.post(reverse("return-workbook-upload", args=[NORFOLK, Q3]),
                          {"workbook": upload})["Location"]  # fmt: skip
    found = checked(browser, live_server, axe_url, "officer.norfolk", [preview])
    assert not found, "\n".join(found)


def test_locked_pages_have_no_accessibility_violations(browser, live_server, demo, axe_url):
    norfolk = QuarterlyReturn.objects.get(hwb_area__ons_code=NORFOLK, period__quarter=3)
    workflow.return_mark_ready(quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    workflow.return_sign_off(
        quarterly_return=norfolk, user=demo_user("signoff.norfolk"), on_behalf_of="The Board"
    )
    urls = [*return_pages(), reverse("return-version", args=[NORFOLK, Q3, 1])]
    found = checked(browser, live_server, axe_url, "officer.norfolk", urls)
    assert not found, "\n".join(found)


def test_an_analysts_pages_have_no_accessibility_violations(browser, live_server, demo, axe_url):
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
    found = checked(browser, live_server, axe_url, "analyst", urls)
    # Granted every area: the home page's one table of 152 areas.
    found += checked(browser, live_server, axe_url, "analyst.national", [reverse("home")])
    assert not found, "\n".join(found)


def test_the_other_areas_pages_have_no_accessibility_violations(
    browser, live_server, demo, axe_url
):
    other = [*area_pages(BORSETSHIRE), *return_pages(BORSETSHIRE)]
    found = checked(browser, live_server, axe_url, "officer.other", other)
    assert not found, "\n".join(found)


def test_the_pages_before_signing_in_have_no_accessibility_violations(
    browser, live_server, demo, axe_url
):
    urls = [
        reverse("login"),
        reverse("password_reset"),
        reverse("password_reset_done"),
        reverse("password_reset_confirm", args=["MQ", "not-a-token"]),  # a link gone stale
        reverse("password_reset_complete"),
        reverse("invitation_accept", args=["MQ", "not-a-token"]),  # an invitation gone stale
        reverse("invitation_done"),
    ]
    found = []
    context = browser.new_context(bypass_csp=True)
    try:
        page = context.new_page()
        for url in urls:
            found += violations(page, live_server.url + url, axe_url)
    finally:
        context.close()
    assert not found, "\n".join(found)


def test_a_return_of_every_later_template_has_no_accessibility_violations(
    browser, live_server, demo, axe_url
):
    """Q4 2015/16 and the four 2016/17 quarters, each complete, as Norfolk's officer sees them:
    every section, the overview (with its list of reconstructed questions), the checklist,
    and the period's national figures."""
    from returns.definitions import all_templates
    from returns.services import answers_save, return_get_or_create
    from returns.tests.complete import complete_values

    norfolk = HwbArea.objects.get(ons_code=NORFOLK)
    urls = []
    for definition in all_templates():
        if definition.version == "bcf-q3-2015-16":
            continue  # the other tests walk Norfolk's Q3 return
        period = period_by_code(definition.period)
        made = return_get_or_create(hwb_area=norfolk, period=period)
        answers_save(quarterly_return=made, values=complete_values(definition), user=None,
                     source="import", prepopulated=True)  # fmt: skip
        base = reverse("return", args=[NORFOLK, period.code])
        urls += [base, reverse("return-checklist", args=[NORFOLK, period.code])]
        urls += [reverse("return-section", args=[NORFOLK, period.code, section.slug])
                 for section in definition.sections]  # fmt: skip
    found = checked(browser, live_server, axe_url, "officer.norfolk", urls)
    found += checked(browser, live_server, axe_url, "analyst", [
        reverse("national-figures", args=["fy1617_q2"]) + "?drafts=yes",
        reverse("area-metrics", args=[NORFOLK]) + "?period=fy1516_q4",
    ])  # fmt: skip
    assert not found, "\n".join(found)
