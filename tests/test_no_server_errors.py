"""No page answers with a server error (5xx), whatever it is sent: every URL of the project
and of the admin, as every role and signed out, GET and POST, with hostile values (NUL
characters, lone surrogates, huge and non-numeric numbers, 20,000-character strings, several
values for one field, missing fields) in every query and form parameter the page has and in
its address. Hypothesis draws the combinations; a failure shows the request that failed."""

import re

import pytest
from django.contrib import admin
from django.contrib.auth import SESSION_KEY
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import demo_user

from .test_access import AREA_PAGES, NORFOLK, PASSWORD_PAGES, area_page, project_url_names
from .test_access_post import EXPECTED, post_url

pytestmark = pytest.mark.django_db

USERS = [None, "officer.norfolk", "signoff.norfolk", "signoff.ncc", "analyst", "officer.other",
         "admin", "nhse.midlandseast"]  # fmt: skip
HOSTILE_TEXT = [
    "\x00", "a\x00b", "9" * 5000, "-" + "9" * 30, "1" + "0" * 22, "1e309", "-1e309", "NaN",
    "inf", "-0", "0", "1", "-1", "", " ", "x" * 20_000, "\uffff", "\ufffe", "💥", "é" * 300,
    "<script>alert(1)</script>", "'; DROP TABLE plans_plan; --", "../../etc/passwd",
    "31/02/2016", "2016-02-31", "00/00/0000", "01/01/1901", "31/12/9999",
    "£1,000,000,000,000,000", "1.5", "1,5", "Yes", "No", "No - In Progress", "on", "true",
    "[]", "{}", "%00", "\r\n\r\n", "\t",
]  # fmt: skip
VALUE = st.one_of(st.sampled_from(HOSTILE_TEXT), st.text(max_size=40), st.integers().map(str))
# Bytes that are not UTF-8 (a lone surrogate, an overlong NUL): Django reads them as U+FFFD.
RAW_QUERIES = ["%ED%A0%80", "%C0%80", "%FF%FE", "%00", "%E2%80%AE"]
# Names every page might read besides its form's own (filters, steps, paging, admin lookups).
KNOWN = [
    "question", "section", "page", "from", "to", "status", "lead_partner", "theme", "scheme",
    "block", "reason", "on_behalf_of", "revision", "signed_by", "position", "signed_on", "next",
    "post", "action", "_selected_action", "q", "o", "p", "e", "_changelist_filters",
    "hwb_area__id__exact", "period__id__exact", "kind__exact", "status__exact", "add_milestones",
    "status", "region", "sort", "drafts", "period",
]  # fmt: skip
FIELD_NAME = re.compile(r'name="([^"]+)"')


def urls_of(name: str) -> list[str]:
    """Concrete URLs of a named page: each workflow step of the step pages, else one."""
    if name in ("plan-step", "return-step"):
        from plans.workflow import PLAN_WORKFLOW
        from returns.workflow_views import TRANSITIONS

        steps = PLAN_WORKFLOW.steps if name == "plan-step" else TRANSITIONS
        return [url_of(name).replace("/ready/", f"/{step}/") for step in steps]
    return [url_of(name)]


def url_of(name: str) -> str:
    """A concrete URL of every named page, made as the access tests make them."""
    if name in AREA_PAGES:
        return area_page(name, NORFOLK)
    if name in EXPECTED:
        return post_url(name)
    if name in ("password_reset_confirm", "invitation_accept"):
        return reverse(name, args=["MQ", "set-password"])
    if name == "round-open":
        return reverse(name, args=["fy1617_q2"])
    if name in ("round-status", "round-status-download"):
        args = ["fy1516_q3"] + (["csv"] if name == "round-status-download" else [])
        return reverse(name, args=args)
    if name == "assurance-summary-download":
        return reverse(name, args=["fy1516_q3", "csv"])
    if name == "national-series":
        return reverse(name)
    if name == "national-series-download":
        return reverse(name, args=["series-income"])
    if name in ("national-figures", "national-figures-download"):
        args = ["fy1516_q3"] + (["nea"] if name == "national-figures-download" else [])
        return reverse(name, args=args)
    if name.startswith("national-"):
        from national.models import NationalExport
        from returns.models import ReportingPeriod

        period = ReportingPeriod.objects.first()
        if name == "national-start":
            return reverse(name, args=[period.code])
        export = NationalExport.objects.create(period=period, requested_by=demo_user("analyst"))
        return reverse(name, args=[export.pk])
    return reverse(name)


def admin_urls() -> list[str]:
    """Each registered model's list, add page, and the page of its first record."""
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls += [reverse(f"{prefix}_changelist"), reverse(f"{prefix}_add")]
        first = model.objects.order_by("pk").first()
        if first is not None:
            urls.append(reverse(f"{prefix}_change", args=[first.pk]))
    return urls


def client_as(username: str | None) -> Client:
    client = Client()
    if username:
        client.force_login(demo_user(username))
    return client


class Clients:
    """A client for each user, signed in once and used for each request while it stays
    signed in (a request that signs out, or ends the session, gets the next one a new
    client). Signing in for each request was a third of the time of these tests."""

    def __init__(self):
        self._clients: dict[str | None, Client] = {}

    def __call__(self, username: str | None) -> Client:
        client = self._clients.get(username)
        if client is None or (username and SESSION_KEY not in client.session):
            client = self._clients[username] = client_as(username)
        return client


def field_names(url: str, clients: Clients) -> list[str]:
    """The parameters the page's forms send, as each role sees it, and the usual others."""
    names = set(KNOWN)
    for username in USERS:
        response = clients(username).get(url)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            names |= set(FIELD_NAME.findall(response.content.decode()))
    return sorted(names - {"csrfmiddlewaretoken"})


def request(client: Client, method: str, url: str, params: dict, files: dict):
    data = dict(params)
    if method == "GET":
        return client.get(url, data)
    for key, content in files.items():
        data[key] = SimpleUploadedFile(f"{key}\u202e.xlsx", content)
    return client.post(url, data)


def hostile_requests(names: list[str]):
    return st.tuples(
        st.sampled_from(USERS),
        st.sampled_from(["GET", "POST"]),
        st.dictionaries(st.sampled_from(names), st.lists(VALUE, max_size=3), max_size=8),
        st.dictionaries(st.sampled_from(["workbook", "file"]), st.binary(max_size=300),
                        max_size=1),
    )  # fmt: skip


def check_no_server_error(url: str, examples: int):
    clients = Clients()
    names = field_names(url, clients)

    @settings(max_examples=examples, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.function_scoped_fixture,
                                     HealthCheck.too_slow])  # fmt: skip
    @given(drawn=hostile_requests(names))
    def check(drawn):
        username, method, params, files = drawn
        response = request(clients(username), method, url, params, files)
        assert response.status_code < 500, (username, method, url, params)

    check()
    for raw in RAW_QUERIES:
        for username in ("officer.norfolk", "admin"):
            client = clients(username)
            assert client.get(f"{url}?{names[0]}={raw}").status_code < 500, (url, raw)
            body = f"{names[0]}={raw}&revision={raw}"
            response = client.post(url, body, content_type="application/x-www-form-urlencoded")
            assert response.status_code < 500, (url, raw)


PAGES = sorted(project_url_names())


def test_every_page_is_walked():
    assert set(PAGES) >= set(AREA_PAGES) | set(EXPECTED) | PASSWORD_PAGES


@pytest.mark.parametrize("name", PAGES)
def test_no_page_answers_a_hostile_request_with_a_server_error(demo, name):
    urls = urls_of(name)
    for url in urls:
        check_no_server_error(url, examples=12 if len(urls) == 1 else 8)


@pytest.mark.slow
def test_no_admin_page_answers_a_hostile_request_with_a_server_error(demo):
    from returns.models import QuarterlyReturn

    urls = admin_urls()
    urls.append(reverse("admin:returns_quarterlyreturn_reopen",
                        args=[QuarterlyReturn.objects.first().pk]))  # fmt: skip
    for url in urls:
        check_no_server_error(url, examples=4)


ADDRESSES = ["%00", "a%00b", "x" * 3000, "%ED%A0%80", "..%2F..", "%F0%9F%92%A5", "E1000002O"]


@pytest.mark.parametrize("name", sorted({*AREA_PAGES, *EXPECTED}))
def test_no_page_answers_a_hostile_address_with_a_server_error(signed_in, name):
    url = url_of(name)
    client = signed_in("officer.norfolk")
    for hostile in ADDRESSES:
        for method in (client.get, client.post):
            response = method(url.replace(NORFOLK, hostile, 1))
            assert response.status_code < 500, (name, hostile)
    too_big = re.sub(r"/\d+/", "/" + "9" * 23 + "/", url, count=1)
    assert client.get(too_big).status_code < 500


def test_a_client_signed_out_by_a_request_is_replaced_by_one_signed_in(demo):
    clients = Clients()
    officer = clients("officer.norfolk")
    assert clients("officer.norfolk") is officer  # kept while signed in
    assert officer.post(reverse("logout")).status_code == 302
    again = clients("officer.norfolk")
    assert again is not officer
    assert again.get(reverse("home")).status_code == 200  # signed in, not sent to sign in
    assert clients(None).get(reverse("home")).status_code == 302
