"""No lost updates: two people saving the same section, one after the other or at once."""

import threading
import time

import pytest
from django.db import connection, transaction
from django.urls import reverse
from pytest_django.asserts import assertContains

from conftest import demo_user, service_missing
from returns.exports import upload_receive
from returns.models import AnswerChange, QuarterlyReturn
from returns.selectors import return_answers
from returns.services import SaveConflict, answers_save
from returns.workbook import return_workbook_bytes

from .test_refusals import LOCKED, moved_on
from .test_section_pages import posted, section_url
from .test_workbook_import import edited


def test_the_second_save_of_a_section_is_refused_with_what_changed(signed_in, norfolk):
    first, second = signed_in("officer.norfolk"), None
    opened_at = norfolk.revision  # both opened the Cover at this revision
    saved = first.post(section_url("cover"), {**posted("cover", cover_email="first@norfolk.gov.uk"),
                                              "revision": opened_at})  # fmt: skip
    assert saved.status_code == 302, saved.content.decode()[:3000]
    from django.test import Client

    second = Client()
    second.force_login(norfolk.hwb_area.memberships.get(user__username="officer.norfolk").user)
    page = second.post(section_url("cover"), {**posted("cover", cover_completed_by="Second Person"),
                                              "revision": opened_at})  # fmt: skip
    assert page.status_code == 409
    assertContains(page, "Someone else saved this section", status_code=409)
    assertContains(page, "now first@norfolk.gov.uk (officer.norfolk", status_code=409)
    assertContains(page, 'value="Second Person"', status_code=409)  # kept, to re-apply
    answers = return_answers(quarterly_return=norfolk)
    assert (answers["cover_email"], answers["cover_completed_by"]) == (
        "first@norfolk.gov.uk", "Sera Hall"
    )  # fmt: skip
    norfolk.refresh_from_db()
    retry = {**posted("cover", cover_completed_by="Second Person"), "revision": norfolk.revision}
    again = second.post(section_url("cover"), retry)
    assert again.status_code == 302
    assert return_answers(quarterly_return=norfolk)["cover_completed_by"] == "Second Person"


def test_saves_to_other_sections_do_not_conflict(signed_in, norfolk):
    client = signed_in("officer.norfolk")
    opened_at = norfolk.revision
    answers_save(quarterly_return=norfolk, values={"narrative": "Elsewhere"}, user=None,
                 source="form")  # fmt: skip
    response = client.post(section_url("cover"), {**posted("cover", cover_completed_by="X"),
                                                   "revision": opened_at})  # fmt: skip
    assert response.status_code == 302


def test_every_change_is_recorded_with_who_how_and_old_and_new(signed_in, norfolk):
    client = signed_in("officer.norfolk")
    client.post(section_url("cover"), {**posted("cover", cover_completed_by="Pat"),
                                       "revision": norfolk.revision})  # fmt: skip
    change = AnswerChange.objects.get(question_id="cover_completed_by", source="form")
    assert (change.old_value, change.new_value, change.user.username) == (
        "Sera Hall", "Pat", "officer.norfolk"
    )  # fmt: skip


def test_a_save_that_does_not_say_which_revision_it_saw_is_refused(signed_in, norfolk):
    before = return_answers(quarterly_return=norfolk)
    data = posted("cover", cover_completed_by="From an old page")
    del data["revision"]
    page = signed_in("officer.norfolk").post(section_url("cover"), data)
    assertContains(page, "did not say which version of the return it showed", status_code=400)
    assertContains(page, 'value="From an old page"', status_code=400)  # kept, to save again
    assert return_answers(quarterly_return=norfolk) == before


def postgresql_only() -> None:
    if connection.vendor != "postgresql":
        service_missing("Row locks need PostgreSQL: SQLite serialises whole-database writes.")


def in_threads(*calls) -> None:
    """Run each call in a thread of its own (its own database connection), all at once."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        from django.db import connections

        try:
            barrier.wait()
            call()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)


@pytest.mark.django_db(transaction=True)
def test_two_real_connections_saving_at_once_one_wins_and_none_is_lost(demo):
    postgresql_only()
    norfolk = QuarterlyReturn.objects.get(hwb_area__ons_code="E10000020", period__quarter=3)
    opened_at, outcomes = norfolk.revision, []

    def saving(value):
        def save():
            try:
                answers_save(quarterly_return=norfolk, values={"cover_completed_by": value},
                             user=None, source="form", base_revision=opened_at)  # fmt: skip
                outcomes.append(("saved", value))
            except SaveConflict:
                outcomes.append(("conflict", value))

        return save

    in_threads(saving("Alex"), saving("Sam"))
    assert sorted(kind for kind, _ in outcomes) == ["conflict", "saved"]
    (winner,) = [value for kind, value in outcomes if kind == "saved"]
    assert return_answers(quarterly_return=norfolk)["cover_completed_by"] == winner
    assert AnswerChange.objects.filter(question_id="cover_completed_by", source="form").count() == 1


@pytest.mark.django_db(transaction=True)
def test_an_import_confirmed_while_the_section_is_saved_gives_one_409_and_loses_nothing(demo):
    """The confirmation and a section save, each a request on its own connection, both made
    from pages shown at the same revision: one is saved, the other refused with a 409."""
    postgresql_only()
    from django.test import Client

    norfolk = QuarterlyReturn.objects.get(hwb_area__ons_code="E10000020", period__quarter=3)
    workbook = edited(return_workbook_bytes(quarterly_return=norfolk), **{"1. Cover!C7": "Import"})
    upload = upload_receive(quarterly_return=norfolk, content=workbook, name="x.xlsx", user=None)
    form = posted("cover", cover_completed_by="Typed")  # shown at the same revision
    confirm_url = reverse("return-upload", args=["E10000020", "fy1516_q3", upload.pk])
    statuses, changes_before = {}, AnswerChange.objects.count()

    def as_officer(name, url, data):
        def post():
            client = Client()
            client.force_login(demo_user("officer.norfolk"))
            statuses[name] = client.post(url, data).status_code

        return post

    in_threads(
        as_officer("import", confirm_url, {"revision": form["revision"]}),
        as_officer("section", section_url("cover"), form),
    )
    assert sorted(statuses.values()) == [302, 409], statuses
    winner = "Import" if statuses["import"] == 302 else "Typed"
    assert return_answers(quarterly_return=norfolk)["cover_completed_by"] == winner
    assert AnswerChange.objects.count() == changes_before + 1  # the winner's one change


def waiting_for_a_lock(timeout: float = 10.0) -> None:
    """Return once another connection to this database waits for a lock (PostgreSQL). The
    statistics are read afresh each time: inside a transaction they are kept as first read."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.02)
    raise AssertionError("Nothing waited for the return's row lock.")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("what", ["save", "import"])
@pytest.mark.parametrize("step", ["ready", "sign-off"])
def test_a_save_or_import_racing_a_step_is_refused_with_a_page_not_a_500(demo, what, step):
    """The request's page checks the return is a draft while another connection holds its
    row lock to mark it ready (and sign it off); the save then waits for the lock, finds
    the return locked, and says so, keeping what was typed (the race of issue 28)."""
    postgresql_only()
    from django.test import Client

    norfolk = QuarterlyReturn.objects.get(hwb_area__ons_code="E10000020", period__quarter=3)
    if what == "save":
        url, data = section_url("cover"), posted("cover", cover_completed_by="Typed")
    else:
        workbook = edited(return_workbook_bytes(quarterly_return=norfolk),
                          **{"1. Cover!C7": "Import"})  # fmt: skip
        upload = upload_receive(quarterly_return=norfolk, content=workbook, name="x.xlsx",
                                user=None)  # fmt: skip
        url = reverse("return-upload", args=["E10000020", "fy1516_q3", upload.pk])
        data = {"revision": norfolk.revision}
    holding, pages = threading.Event(), []

    def move_on():
        with transaction.atomic():
            QuarterlyReturn.objects.select_for_update().get(pk=norfolk.pk)
            holding.set()
            waiting_for_a_lock()  # the request has checked, and waits to save
            moved_on(norfolk, step)

    def request():
        assert holding.wait(10)
        client = Client()
        client.force_login(demo_user("officer.norfolk"))
        pages.append(client.post(url, data))

    in_threads(move_on, request)
    (page,) = pages
    assertContains(page, LOCKED[step], status_code=409)
    if what == "save":
        assertContains(page, 'value="Typed"', status_code=409)
    assert return_answers(quarterly_return=norfolk)["cover_completed_by"] == "Sera Hall"


@pytest.mark.django_db(transaction=True)
def test_a_round_opened_twice_at_once_makes_each_return_once_and_both_finish(demo):
    """Two workers open the round together (the admin's action run twice): each area's return
    is made by one of them, and neither stops part-way on the one-return-per-area rule."""
    postgresql_only()
    from governance.models import HwbArea
    from national.rounds import round_open
    from returns.models import ReportingPeriod
    from returns.services import return_get_or_create

    period = ReportingPeriod.objects.get(quarter=3, financial_year__start_year=2015)
    made, failures = [], []

    def opening():
        try:
            made.append(round_open(period=period))
        except Exception as error:  # what the test is about: reported, not lost in a thread
            failures.append(error)

    suffolk = HwbArea.objects.get(ons_code="E10000029")

    def starting():  # an officer starting Suffolk's return from its page meanwhile
        try:
            return_get_or_create(hwb_area=suffolk, period=period)
        except Exception as error:
            failures.append(error)

    in_threads(opening, opening, starting)
    assert failures == []
    assert QuarterlyReturn.objects.filter(period=period).count() == 152
    assert sum(made) in (149, 150)  # Suffolk's by whichever came first
