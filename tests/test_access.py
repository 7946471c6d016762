"""Every page needs a login, and each user sees only the HWB areas they belong to.

Another area's page is a 404, exactly like a page that does not exist: the
portal does not confirm that another area's plan exists.
"""

from html.parser import HTMLParser

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from pytest_django.asserts import assertContains

from schemes.models import Scheme

pytestmark = pytest.mark.django_db

NORFOLK, BORSETSHIRE = "E10000020", "E99999001"
SUFFOLK = "E10000029"  # one of the other real areas the demo holds, with no member
AREA_PAGES = [
    "hwb-area", "plan", "plan-print", "plan-export", "plan-export-download", "scheme",
    "scheme-register", "scheme-register-download", "return", "return-checklist", "return-section",
    "return-export", "return-export-download", "return-workbook-upload", "return-upload",
    "return-version", "return-version-workbook", "return-history", "return-diff",
    "return-review-workbook", "return-conversations", "return-conversation",
    "plan-conversations", "plan-conversation", "return-pack", "area-people", "area-metrics",
    "area-metrics-download", "area-submissions", "submission", "submission-file",
    "submission-queries", "submission-query",
]  # fmt: skip
# URL names that are not area pages: sign-in/out and Django's admin have their own tests;
# the POST-only ones are tested with their pages (returns/tests/test_section_pages.py and
# test_workbook_pages.py).
PASSWORD_PAGES = {
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "invitation_accept",  # governance/tests/test_invitations.py
    "invitation_done",
}  # tests/test_sign_in.py
NOT_AREA_PAGES = PASSWORD_PAGES | {
    "home", "login", "logout",
    "glossary",  # the same for everyone signed in: governance/tests/test_glossary.py
    "return-start", "return-export-start", "return-export-again",
    "return-step",  # returns/tests/test_workflow.py
    "return-review",  # the Board's signers only: returns/tests/test_journeys.py
    "return-step-done",  # the step's taker only: returns/tests/test_sign_off_review.py
    "return-confirm",  # officers', when a figure trips a check: returns/tests/test_cautions.py
    # Officers' pages (403 for everyone else in the area): plans/tests/test_plan_pages.py,
    # schemes/tests/test_scheme_pages.py, test_register_spreadsheet.py.
    "plan-edit", "plan-step", "plan-export-start", "plan-start", "scheme-new", "scheme-edit",
    "scheme-delete", "scheme-copy", "scheme-register-upload",
    # Not of one area: analysts' national exports, tested in returns/tests/test_national.py,
    # and a round's status across areas, in returns/tests/test_rounds.py.
    "national", "national-start", "national-export", "national-export-download",
    "round-status", "round-status-download", "national-figures", "national-figures-download",
    "national-series", "national-series-download",  # national/tests/test_series.py
    # Administrators': national/tests/test_people_and_rounds.py.
    "rounds", "round-open", "area-people-choose",
    # NHS England's, and the steps of assurance (POST only): national/tests/test_assurance.py.
    "assurance", "assurance-summary", "assurance-summary-download", "submission-rate",
    "submission-outcome", "submission-condition-met",
}  # fmt: skip


def area_page(name: str, ons_code: str) -> str:
    """The URL of an area page of the demo data for the area `ons_code`."""
    scheme = Scheme.objects.filter(plan__hwb_area__ons_code=ons_code).order_by("pk").first()
    return {
        "hwb-area": lambda: reverse("hwb-area", args=[ons_code]),
        "plan": lambda: reverse("plan", args=[ons_code, 2016]),
        "plan-print": lambda: reverse("plan-print", args=[ons_code, 2016]),
        "plan-export": lambda: reverse(
            "plan-export", args=[ons_code, 2016, plan_export(ons_code).pk]
        ),
        "plan-export-download": lambda: reverse(
            "plan-export-download", args=[ons_code, 2016, plan_export(ons_code).pk]
        ),
        "scheme": lambda: reverse("scheme", args=[ons_code, 2016, scheme.pk]),
        "scheme-register": lambda: reverse("scheme-register", args=[ons_code, 2016]),
        "scheme-register-download": lambda: reverse(
            "scheme-register-download", args=[ons_code, 2016]
        ),
        "return": lambda: reverse("return", args=[ons_code, "fy1516_q3"]),
        "return-checklist": lambda: reverse("return-checklist", args=[ons_code, "fy1516_q3"]),
        "return-section": lambda: reverse(
            "return-section", args=[ons_code, "fy1516_q3", "national-conditions"]
        ),
        "return-export": lambda: reverse(
            "return-export", args=[ons_code, "fy1516_q3", ready_export(ons_code).pk]
        ),
        "return-export-download": lambda: reverse(
            "return-export-download", args=[ons_code, "fy1516_q3", ready_export(ons_code).pk]
        ),
        "return-workbook-upload": lambda: reverse(
            "return-workbook-upload", args=[ons_code, "fy1516_q3"]
        ),
        "return-upload": lambda: reverse(
            "return-upload", args=[ons_code, "fy1516_q3", kept_upload(ons_code).pk]
        ),
        "return-history": lambda: reverse("return-history", args=[ons_code, "fy1516_q3"]),
        "return-diff": lambda: reverse("return-diff", args=[ons_code, "fy1516_q3"]),
        "return-review-workbook": lambda: reverse(
            "return-review-workbook", args=[ons_code, "fy1516_q3"]
        ),
        "return-conversations": lambda: reverse(
            "return-conversations", args=[ons_code, "fy1516_q3"]
        ),
        "return-conversation": lambda: reverse(
            "return-conversation", args=[ons_code, "fy1516_q3", kept_conversation(ons_code).pk]
        ),
        "plan-conversations": lambda: reverse("plan-conversations", args=[ons_code, 2016]),
        "return-pack": lambda: reverse("return-pack", args=[ons_code]),
        "area-people": lambda: reverse("area-people", args=[ons_code]),
        "plan-conversation": lambda: reverse(
            "plan-conversation", args=[ons_code, 2016, kept_conversation(ons_code, plan=True).pk]
        ),
        "area-metrics": lambda: reverse("area-metrics", args=[ons_code]),
        "area-metrics-download": lambda: reverse("area-metrics-download", args=[ons_code, "nea"]),
        "area-submissions": lambda: reverse("area-submissions", args=[ons_code]),
        "submission": lambda: reverse("submission", args=[ons_code, kept_submission(ons_code).pk]),
        "submission-file": lambda: reverse(
            "submission-file", args=[ons_code, kept_submission(ons_code).pk]
        ),
        "submission-queries": lambda: reverse(
            "submission-queries", args=[ons_code, kept_submission(ons_code).pk]
        ),
        "submission-query": lambda: reverse(
            "submission-query", args=[ons_code, *kept_query(ons_code)]
        ),
        "return-version": lambda: reverse(
            "return-version", args=[ons_code, "fy1516_q3", kept_version(ons_code).number]
        ),
        "return-version-workbook": lambda: reverse(
            "return-version-workbook", args=[ons_code, "fy1516_q3", kept_version(ons_code).number]
        ),
    }[name]()


def kept_conversation(ons_code: str, *, plan: bool = False):
    """A conversation about the area's Q3 return (or its 2016/17 plan), as its officer starts
    one."""
    from django.contrib.auth import get_user_model

    from governance.conversations import conversation_start
    from plans.models import Plan
    from returns.models import QuarterlyReturn

    area = {"hwb_area__ons_code": ons_code}
    subject = (Plan.objects.get(**area, financial_year__start_year=2016) if plan
               else QuarterlyReturn.objects.get(**area, period__quarter=3))  # fmt: skip
    officer = (
        get_user_model()
        .objects.filter(memberships__hwb_area=subject.hwb_area, memberships__role="officer")
        .first()
    )
    return conversation_start(subject=subject, hwb_area=subject.hwb_area, about="",
                              title="A question", text="Is this right?", user=officer)  # fmt: skip


def kept_submission(ons_code: str):
    """The area's Q3 return as sent to NHS England (made directly: its return need not be
    complete for its pages to be walked)."""
    from governance.models import SubmissionKind
    from governance.submissions import Sent, submission_make
    from returns.models import QuarterlyReturn
    from returns.workbook import return_workbook_bytes

    quarterly_return = QuarterlyReturn.objects.get(hwb_area__ons_code=ons_code, period__quarter=3)
    sent = Sent(
        subject=quarterly_return, kind=SubmissionKind.RETURN, title="Q3 2015/16 return",
        round_key="fy1516_q3", version=1, filename="BCF-Q3.xlsx", checklist=[], warnings=[],
        answers=dict(quarterly_return.answers.values_list("question_id", "value")),
        content=return_workbook_bytes(quarterly_return=quarterly_return, draft=False),
        enquiries=[{"key": "narrative", "text": "Is it right?", "rating": "", "finding": ""}],
    )  # fmt: skip
    return submission_make(sent=sent, user=None)


def kept_query(ons_code: str) -> tuple[int, int]:
    """A query NHS England's national team raised on the area's submission: its ids."""
    from django.contrib.auth import get_user_model

    from governance.conversations import conversation_start

    submission = kept_submission(ons_code)
    national = get_user_model().objects.get(username="nhse.national")
    query = conversation_start(subject=submission, hwb_area=submission.hwb_area, about="",
                               title="A query", text="Why?", user=national)  # fmt: skip
    return submission.pk, query.pk


def kept_version(ons_code: str):
    """A signed-off version of the area's Q3 return, as sign-off keeps it."""
    from django.utils import timezone

    from returns.models import QuarterlyReturn, ReturnVersion

    quarterly_return = QuarterlyReturn.objects.get(hwb_area__ons_code=ons_code, period__quarter=3)
    return ReturnVersion.objects.create(
        quarterly_return=quarterly_return, number=1, revision=quarterly_return.revision,
        answers=dict(quarterly_return.answers.values_list("question_id", "value")),
        on_behalf_of="The Board", signed_off_at=timezone.now(),
    )  # fmt: skip


def plan_export(ons_code: str):
    """The area's 2016/17 plan workbook, made (as the worker would)."""
    from plans.exports import plan_export_request, plan_export_run
    from plans.models import Plan

    plan = Plan.objects.get(hwb_area__ons_code=ons_code, financial_year__start_year=2016)
    return plan_export_run(export_id=plan_export_request(plan=plan, user=None).pk)


def ready_export(ons_code: str):
    """The area's Q3 return exported, the file made (as the worker would)."""
    from returns.exports import export_request, export_run
    from returns.models import QuarterlyReturn

    export = export_request(
        quarterly_return=QuarterlyReturn.objects.get(
            hwb_area__ons_code=ons_code, period__quarter=3
        ),
        user=None,
    )
    return export_run(export_id=export.pk)


def kept_upload(ons_code: str):
    """The area's own exported workbook, uploaded back and awaiting confirmation."""
    from returns.exports import upload_receive

    export = ready_export(ons_code)
    with export.file.open("rb") as f:
        return upload_receive(
            quarterly_return=export.quarterly_return, content=f.read(), name="mine.xlsx", user=None
        )


def project_url_names(resolver=None, namespace="") -> set[str]:
    """Every named URL of the project, found by walking the resolver."""
    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            names |= project_url_names(entry, entry.namespace or namespace)
        elif isinstance(entry, URLPattern) and entry.name and not namespace:
            names.add(entry.name)
    return names


def test_every_page_of_the_project_is_in_this_table():
    # A new view must be added to AREA_PAGES (and so to every test below) to pass.
    assert project_url_names() == set(AREA_PAGES) | NOT_AREA_PAGES


@pytest.mark.parametrize("name", ["home", *AREA_PAGES])
def test_signed_out_visitors_are_sent_to_sign_in(client, demo, name):
    url = reverse("home") if name == "home" else area_page(name, NORFOLK)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("name", AREA_PAGES)
@pytest.mark.parametrize(
    "username", ["officer.norfolk", "signoff.norfolk", "signoff.ncc", "analyst", "analyst.national",
                 "nhse.midlandseast", "nhse.national"]  # NHS England: Norfolk's region, national
)  # fmt: skip
def test_norfolk_members_see_norfolk_pages(signed_in, name, username):
    response = signed_in(username).get(area_page(name, NORFOLK))
    assert response.status_code == 200
    if response["Content-Type"].startswith("text/html"):
        assert form_problems(response.content.decode()) == []


class _Forms(HTMLParser):
    """Forms nested in forms, and forms with more than one CSRF token."""

    def __init__(self):
        super().__init__()
        self.open_forms: list[int] = []  # CSRF tokens seen in each open form
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "form":
            if self.open_forms:
                self.problems.append(f"a form inside a form, line {self.getpos()[0]}")
            self.open_forms.append(0)
        elif tag == "input" and ("name", "csrfmiddlewaretoken") in attrs and self.open_forms:
            self.open_forms[-1] += 1
            if self.open_forms[-1] > 1:
                self.problems.append(f"a second CSRF token, line {self.getpos()[0]}")

    def handle_endtag(self, tag):
        if tag == "form" and self.open_forms:
            self.open_forms.pop()


def form_problems(html: str) -> list[str]:
    parser = _Forms()
    parser.feed(html)
    return parser.problems


def test_the_sign_in_page_is_one_form_with_one_token(client, db):
    assert form_problems(client.get(reverse("login")).content.decode()) == []


@pytest.mark.parametrize("name", AREA_PAGES)
def test_a_reviewer_of_another_region_gets_not_found_for_norfolk_pages(client, demo, name):
    from django.contrib.auth import get_user_model

    from governance.models import Membership, Role

    london = get_user_model().objects.create_user("nhse.london", "nhse.london@example.org")
    Membership.objects.create(user=london, role=Role.NHSE_REVIEWER, region="London")
    client.force_login(london)
    response = client.get(area_page(name, NORFOLK))
    assert response.status_code == 404
    assert "Norfolk" not in response.content.decode()


# An administrator reads no area's pages, except who belongs to it (to give people roles).
ADMINISTRATORS_READ = {"area-people"}


@pytest.mark.parametrize("name", AREA_PAGES)
@pytest.mark.parametrize("username", ["officer.other", "signoff.other", "admin"])
def test_everyone_else_gets_not_found_for_norfolk_pages(signed_in, name, username):
    if username == "admin" and name in ADMINISTRATORS_READ:
        assert signed_in(username).get(area_page(name, NORFOLK)).status_code == 200
        return
    response = signed_in(username).get(area_page(name, NORFOLK))
    assert response.status_code == 404
    assert "Norfolk" not in response.content.decode()


@pytest.mark.parametrize("name", AREA_PAGES)
def test_norfolk_officer_gets_not_found_for_the_other_areas_pages(signed_in, name):
    assert signed_in("officer.norfolk").get(area_page(name, BORSETSHIRE)).status_code == 404


def test_analyst_granted_both_areas_sees_both(signed_in):
    client = signed_in("analyst")
    for ons_code in (NORFOLK, BORSETSHIRE):
        assert client.get(area_page("plan", ons_code)).status_code == 200
    assert client.get(reverse("hwb-area", args=[SUFFOLK])).status_code == 404  # not granted


def test_an_analyst_granted_national_scope_reads_every_area_and_changes_none(signed_in):
    from governance.models import HwbArea

    client = signed_in("analyst.national")
    for ons_code in (NORFOLK, BORSETSHIRE, SUFFOLK):
        page = client.get(reverse("hwb-area", args=[ons_code]))
        assertContains(page, "Analyst (every area)")
    assert client.get(area_page("return-section", BORSETSHIRE)).status_code == 200
    refused = client.post(reverse("plan-edit", args=[NORFOLK, 2016, "funding"]))
    assertContains(refused, "Only a commissioning officer of Norfolk can change this.",
                   status_code=403)  # fmt: skip
    home = client.get(reverse("home"))
    assertContains(home, f"Your {HwbArea.objects.count()} HWB areas")  # one table, not 152


def test_another_areas_scheme_is_not_found_through_your_own_plans_url(signed_in):
    other_scheme = Scheme.objects.filter(plan__hwb_area__ons_code=BORSETSHIRE).first()
    url = reverse("scheme", args=[NORFOLK, 2016, other_scheme.pk])
    assert signed_in("officer.norfolk").get(url).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(f"/areas/{NORFOLK}/plans/2017-18/", id="a year without a plan"),
        pytest.param(f"/areas/{NORFOLK}/plans/2016-18/", id="a year written wrongly"),
        pytest.param("/areas/E00000000/", id="an area that does not exist"),
        pytest.param(f"/areas/{NORFOLK}/returns/fy1516_q2/", id="a period without a return"),
        pytest.param(f"/areas/{NORFOLK}/returns/fy1517_q3/", id="a period written wrongly"),
        pytest.param(
            f"/areas/{NORFOLK}/returns/fy1516_q3/sections/no-such-section/", id="no such section"
        ),
        pytest.param("/no-such-page/", id="an unknown address"),
    ],
)
def test_missing_things_are_a_plain_not_found_page(signed_in, path):
    response = signed_in("officer.norfolk").get(path)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_home_lists_only_your_own_areas(signed_in):
    norfolk_home = signed_in("officer.norfolk").get(reverse("home")).content.decode()
    assert "Norfolk" in norfolk_home
    assert "Borsetshire" not in norfolk_home


def test_the_other_areas_officer_sees_nothing_of_norfolk(signed_in):
    home = signed_in("officer.other").get(reverse("home")).content.decode()
    assert "Borsetshire" in home
    assert "Norfolk" not in home
    assert "63,573,469" not in home


def test_a_user_with_no_area_is_told_what_to_do(client, db):
    from plans.tests.factories import UserFactory

    client.force_login(UserFactory())
    home = client.get(reverse("home")).content.decode()
    assert "You do not belong to any Health and Wellbeing Board area yet" in home
    assert "Ask your portal administrator" in home


def test_home_reads_the_users_memberships_areas_and_drafts_once(signed_in):
    """Its lists (plans to do, returns to do, the sent-back banner, conversations) each read
    the user's areas and drafts again: 23 queries for an officer's home (issue 33)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in("officer.norfolk")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200
    sql = [query["sql"] for query in queries.captured_queries]

    def reading(table: str) -> int:
        return sum(f'FROM "{table}"' in one.split(" WHERE ")[0] for one in sql)

    assert reading("plans_membership") == 1
    assert sum(one.startswith('SELECT DISTINCT "plans_hwbarea"') for one in sql) == 1
    assert reading("returns_returnevent") == 1  # what came back, of the drafts read once
    assert reading("returns_quarterlyreturn") == 1  # those to do and those started, at once
    # The plans by the areas already read, not by a subquery that finds them again.
    plans = [one for one in sql if one.split(" WHERE ")[0].count('FROM "plans_plan"')]
    assert plans
    assert not [one for one in plans if "plans_membership" in one]
    # An officer signs no return: their record of sign-offs is not looked for.
    assert reading("returns_returnversion") == 0


def test_home_costs_no_more_queries_for_twelve_areas_than_for_two(
    signed_in, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from governance.models import Membership, Role
    from plans.tests.factories import PlanFactory

    client = signed_in("analyst")  # granted Norfolk and Borsetshire
    with CaptureQueriesContext(connection) as two_areas:
        assert client.get(reverse("home")).status_code == 200

    analyst = Membership.objects.filter(role=Role.ANALYST).first().user
    for plan in PlanFactory.create_batch(10):
        Membership.objects.create(user=analyst, role=Role.ANALYST, hwb_area=plan.hwb_area)
    # Twelve are a table showing each plan's year: one query for the years, as two areas
    # take one for their plans' summaries.
    with django_assert_max_num_queries(len(two_areas)):
        page = client.get(reverse("home"))
    # Twelve areas are one table of areas, each with a link to its plan.
    assert page.content.decode().count('2016/17<span class="govuk-visually-hidden"> plan of') == 12
