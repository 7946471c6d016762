"""A page that only reads (`governance.reading.reads_only`) is served outside a transaction,
and writing from one is refused: a page that writes stays in its request's transaction."""

import pytest
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.reading import WroteOnARead, once_while_reading, reads_only, reads_when_safe

PLAN = "/areas/E10000020/plans/2016-17/"


def transaction_statements(client, method: str, url: str, **data) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data, secure=True)
    assert response.status_code in (200, 302), response.status_code
    # Inside a test's own transaction, a request's becomes a savepoint.
    return [q["sql"] for q in queries if q["sql"].split()[0] in ("BEGIN", "SAVEPOINT")]


def test_a_page_that_only_reads_has_no_transaction_and_a_save_has_one(signed_in):
    client = signed_in("officer.norfolk")
    assert transaction_statements(client, "get", PLAN) == []
    assert transaction_statements(client, "get", "/areas/E10000020/returns/fy1516_q3/") == []
    # A form's page: shown outside a transaction, saved in one.
    assert transaction_statements(client, "get", f"{PLAN}edit/narrative/") == []
    section = reverse("return-section", args=["E10000020", "fy1516_q3", "metrics"])
    assert transaction_statements(client, "get", section) == []
    from plans.models import Plan

    plan = Plan.objects.get(hwb_area__ons_code="E10000020", financial_year__start_year=2016)
    saved = transaction_statements(
        client, "post", f"{PLAN}edit/narrative/", revision=plan.revision, shared_vision="A vision"
    )
    assert saved  # the edit page writes, in a transaction of its own


@pytest.mark.django_db
def test_writing_from_a_page_that_only_reads_is_refused():
    from governance.models import HwbArea

    @reads_only
    def careless(request):
        HwbArea.objects.create(ons_code="E99999999", name="Written on a read")
        return HttpResponse("never")

    with pytest.raises(WroteOnARead, match="only reads"), transaction.atomic():
        careless(RequestFactory().get("/"))
    assert not HwbArea.objects.filter(ons_code="E99999999").exists()


@pytest.mark.django_db
def test_a_forms_page_may_write_when_it_saves_and_never_when_it_shows():
    from governance.models import HwbArea

    @reads_when_safe
    def form_page(request):
        HwbArea.objects.create(ons_code="E99999998", name=f"Written on {request.method}")
        return HttpResponse("saved")

    with pytest.raises(WroteOnARead), transaction.atomic():
        form_page(RequestFactory().get("/"))
    assert form_page(RequestFactory().post("/")).status_code == 200
    assert HwbArea.objects.get(ons_code="E99999998").name == "Written on POST"


def test_a_page_that_only_reads_answers_get_and_head_only(rf):
    view = reads_only(lambda request: HttpResponse("read"))
    assert view(rf.get("/")).status_code == 200
    assert view(rf.head("/")).status_code == 200
    assert view(rf.post("/")).status_code == 405


@pytest.mark.django_db
def test_a_read_is_made_once_while_a_page_only_reads_and_each_time_otherwise(rf):
    """Nothing changes while a page only reads (it may not write), so the same read asked
    twice by two parts of the page is made once; a form's POST, and code outside a
    page, read each time."""
    made = []

    def read():
        made.append(1)
        return {"made": len(made)}

    def asks_twice(request):
        first, second = (
            once_while_reading(("a read", 1), read),
            once_while_reading(("a read", 1), read),
        )
        other = once_while_reading(("a read", 2), read)
        return HttpResponse(f"{first['made']} {second['made']} {other['made']}")

    assert reads_only(asks_twice)(rf.get("/")).content == b"1 1 2"
    assert reads_only(asks_twice)(rf.get("/")).content == b"3 3 4"  # not kept between pages
    assert reads_when_safe(asks_twice)(rf.get("/")).content == b"5 5 6"
    made.clear()
    with transaction.atomic():
        assert reads_when_safe(asks_twice)(rf.post("/")).content == b"1 2 3"
    made.clear()
    asks_twice(rf.get("/"))
    assert len(made) == 3
