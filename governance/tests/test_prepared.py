"""A query compiled once and run again with new values gives what Django's queryset gives."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import DataError, connection, connections, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.db.transaction import TransactionManagementError

from conftest import service_missing
from governance.models import FinancialYear, HwbArea, Membership, Role
from governance.prepared import Prepared, PreparedIn, PreparedModels, together

pytestmark = pytest.mark.django_db


def people(role: str, at_least: int):
    """People who hold the role in at least so many areas, with the day they joined and
    whether they hold any other role: a join, a subquery, an aggregate and a date."""
    return (
        get_user_model()
        .objects.filter(memberships__role=role)
        .annotate(
            areas=Count("memberships"),
            other=Exists(Membership.objects.filter(user=OuterRef("pk")).exclude(role=role)),
        )
        .filter(areas__gte=at_least)
        .order_by("username")
        .values_list("username", "date_joined", "other", "areas")
    )


PEOPLE = Prepared(people, role=str, at_least=int)


@pytest.fixture
def some_people():
    norfolk = HwbArea.objects.create(name="Norfolk", ons_code="E10000020")
    suffolk = HwbArea.objects.create(name="Suffolk", ons_code="E10000029")
    User = get_user_model()
    joined = datetime.datetime(2016, 4, 1, 9, 30, tzinfo=datetime.UTC)
    for username, roles in (
        ("ann", {norfolk: Role.COMMISSIONING_OFFICER, suffolk: Role.COMMISSIONING_OFFICER}),
        ("bob", {norfolk: Role.COMMISSIONING_OFFICER}),
        ("cat", {norfolk: Role.SIGN_OFF_MEMBER, suffolk: Role.ANALYST}),
    ):
        user = User.objects.create_user(username, date_joined=joined)
        for area, role in roles.items():
            Membership.objects.create(user=user, hwb_area=area, role=role)  # fmt: skip


def test_each_run_takes_its_own_values_and_gives_the_querysets_rows(some_people):
    for role, at_least in (("officer", 1), ("officer", 2), ("signoff", 1), ("analyst", 2)):
        assert PEOPLE(role=role, at_least=at_least) == list(people(role, at_least))
    joined = datetime.datetime(2016, 4, 1, 9, 30, tzinfo=datetime.UTC)
    assert PEOPLE(role="officer", at_least=1) == [("ann", joined, False, 2),
                                                  ("bob", joined, False, 1)]  # fmt: skip
    assert PEOPLE(role="signoff", at_least=1) == [("cat", joined, True, 1)]
    assert PEOPLE(role="officer", at_least=3) == []


def test_a_date_comes_back_a_date_on_every_database():
    FinancialYear.objects.create(start_year=2015, plan_deadline=datetime.date(2016, 4, 25))
    deadlines = Prepared(
        lambda year: FinancialYear.objects.filter(start_year=year).values_list("plan_deadline"),
        year=int,
    )
    assert deadlines(year=2015) == [(datetime.date(2016, 4, 25),)]
    assert deadlines(year=2016) == []


def test_a_number_no_integer_column_holds_finds_nothing_on_every_database():
    """As Django finds nothing for it: a hostile address (`/schemes/99999999999999999999/`)
    is a 404, not SQLite's OverflowError."""
    FinancialYear.objects.create(start_year=2015, plan_deadline=datetime.date(2016, 4, 25))
    years = Prepared(
        lambda year: FinancialYear.objects.filter(start_year=year).values_list("start_year"),
        year=int,
    )
    assert years(year=2015) == [(2015,)]
    for number in (10**23, -(10**23), 2**63, -(2**63) - 1):
        assert years(year=number) == []
    models = PreparedModels(lambda pk: HwbArea.objects.filter(pk=pk), pk=int)
    assert models(pk=10**23) == []


def test_a_value_the_query_does_not_take_as_it_is_given_is_refused_in_words():
    unused = Prepared(lambda name, year: HwbArea.objects.filter(name=name).values_list("pk"),
                      name=str, year=int)  # fmt: skip
    with pytest.raises(ValueError, match="does not use the value 'year'"):
        unused(name="Norfolk", year=2015)
    # A pattern ("Nor%") is not the value given: it cannot be put in its place.
    starting = Prepared(lambda start: HwbArea.objects.filter(name__startswith=start)
                        .values_list("pk"), start=str)  # fmt: skip
    with pytest.raises(ValueError, match="does not use the value 'start'"):
        starting(start="Nor")
    with pytest.raises(TypeError, match="Give exactly these values: name, year"):
        unused(name="Norfolk")


def memberships(username: str):
    """Someone's memberships with their user, area and partner (none here) selected too, and
    how many memberships each area has: what a page reads as models."""
    return (
        Membership.objects.filter(user__username=username)
        .select_related("user", "hwb_area", "partner")
        .annotate(members=Count("hwb_area__memberships"))
        .order_by("hwb_area__name")
    )


MEMBERSHIPS = PreparedModels(memberships, username=str)


def described(membership) -> tuple:
    return (
        membership.pk, membership.role, membership.user.username,
        membership.user.date_joined, membership.hwb_area.name, membership.partner,
        membership.members,
    )  # fmt: skip


def test_models_are_made_as_the_queryset_makes_them(some_people, django_assert_num_queries):
    for username in ("ann", "bob", "cat", "nobody"):
        made, django_s = MEMBERSHIPS(username=username), list(memberships(username))
        with django_assert_num_queries(0):  # related models come with them, as selected
            assert [described(m) for m in made] == [described(m) for m in django_s]
    ann = MEMBERSHIPS(username="ann")
    assert [m.hwb_area.name for m in ann] == ["Norfolk", "Suffolk"]
    assert [m.members for m in ann] == [3, 2]
    assert all(isinstance(m, Membership) and not m._state.adding for m in ann)
    ann[0].role = Role.ANALYST
    ann[0].save()  # a model like any other
    assert Membership.objects.get(pk=ann[0].pk).role == Role.ANALYST


def test_a_queryset_that_prefetches_is_refused():
    prefetching = PreparedModels(
        lambda name: HwbArea.objects.filter(name=name).prefetch_related("memberships"), name=str
    )
    with pytest.raises(ValueError, match="neither prefetches nor comes from a manager"):
        prefetching(name="Norfolk")


def areas_memberships(officers: list[int], signers: list[int], role_too: str):
    """Memberships in some areas as officers, or in others as signers, or of a role: two lists
    of ids, one of them perhaps empty, and a value."""
    return (
        Membership.objects.filter(
            Q(hwb_area__in=officers, role=Role.COMMISSIONING_OFFICER)
            | Q(hwb_area__in=signers, role=Role.SIGN_OFF_MEMBER)
            | Q(role=role_too)
        )
        .select_related("user", "hwb_area")
        .order_by("user__username", "hwb_area__name")
    )


AREAS_MEMBERSHIPS = PreparedIn(areas_memberships, models=True, role_too=str)


def test_lists_of_each_length_are_compiled_once_and_give_the_querysets_rows(some_people):
    norfolk, suffolk = HwbArea.objects.order_by("name").values_list("pk", flat=True)
    for officers, signers, role in (
        ([norfolk], [], "none"), ([suffolk], [], "analyst"), ([norfolk, suffolk], [norfolk], "x"),
        ([], [suffolk], "none"), ([], [], "analyst"), ([suffolk, norfolk], [], "none"),
    ):  # fmt: skip
        made = AREAS_MEMBERSHIPS((officers, signers), role_too=role)
        django_s = list(areas_memberships(officers, signers, role))
        assert [(m.pk, m.role, m.user.username, m.hwb_area.name) for m in made] == [
            (m.pk, m.role, m.user.username, m.hwb_area.name) for m in django_s
        ], officers
        assert made or not django_s
    assert sorted(AREAS_MEMBERSHIPS.by_lengths) == [(0, 0), (0, 1), (1, 0), (2, 0), (2, 1)]


def test_lists_of_text_are_prepared_too(some_people):
    by_names = PreparedIn(
        lambda names: HwbArea.objects.filter(name__in=names).order_by("name"), models=True, of=str
    )
    for names in (["Norfolk"], ["Suffolk", "Norfolk", "Nowhere"], ["Nowhere"], []):
        made = by_names((names,)) if names else []
        assert [a.name for a in made] == sorted(set(names) - {"Nowhere"})


EVERY_AREA = PreparedModels(lambda: HwbArea.objects.order_by("name"))


def fields(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


def test_a_plain_model_is_made_with_every_field_django_gives_it(some_people):
    made, django_s = EVERY_AREA(), list(HwbArea.objects.order_by("name"))
    assert [fields(area) for area in made] == [fields(area) for area in django_s]
    assert made == django_s
    assert all(not area._state.adding and area._state.db == "default" for area in made)
    made[0].name = "Norfolk and Waveney"
    made[0].save()  # a model like any other
    assert HwbArea.objects.get(pk=made[0].pk).name == "Norfolk and Waveney"


def test_a_model_something_listens_for_is_made_through_its_init(some_people):
    from django.db.models.signals import post_init

    heard = []

    def listener(sender, instance, **kwargs):
        heard.append(instance.name)

    post_init.connect(listener, sender=HwbArea)
    try:
        made = EVERY_AREA()
    finally:
        post_init.disconnect(listener, sender=HwbArea)
    assert heard == [area.name for area in made] == ["Norfolk", "Suffolk"]


def test_a_model_with_a_field_that_sets_itself_is_made_by_django():
    from governance.prepared import _maker
    from returns.models import WorkbookUpload

    names = [field.attname for field in WorkbookUpload._meta.concrete_fields]
    assert _maker(WorkbookUpload, names) == WorkbookUpload.from_db
    assert _maker(HwbArea, [f.attname for f in HwbArea._meta.concrete_fields]) != HwbArea.from_db


def test_postgresql_keeps_the_plan_of_a_query_its_connection_runs_often():
    """The settings' prepared statements at work (issue 33): a query a connection has run
    five times is prepared for it, and its plan kept, from the sixth."""
    if connection.vendor != "postgresql":
        service_missing("Prepared statements are PostgreSQL's; SQLite's settings have none.")
    if not connection.settings_dict["OPTIONS"].get("prepare_threshold"):
        pytest.skip("DATABASE_PREPARED_STATEMENTS=false: this run prepares nothing.")
    codes = ["E0000000" + str(n) for n in range(7)]  # a query of a shape no other test runs

    def prepared() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
                ['%"plans_hwbarea"."ons_code" IN ($1, $2, $3, $4, $5, $6, $7)%'],
            )
            return cursor.fetchone()[0]

    assert prepared() == 0
    for _ in range(5):
        assert not HwbArea.objects.filter(ons_code__in=codes).values_list("population")
    assert prepared() == 0
    assert not HwbArea.objects.filter(ons_code__in=codes).values_list("population")
    assert prepared() == 1


def test_a_model_with_foreign_keys_and_those_selected_with_it_are_made_plainly(some_people):
    """A membership (its user's and area's ids set through Django's foreign-key descriptors,
    which only keep a new model's id) and the user and area selected with it are made
    without `__init__`, with every field Django gives them; changing an id afterwards still
    forgets the related model, as on any model."""
    from governance.prepared import _maker

    names = [field.attname for field in Membership._meta.concrete_fields]
    assert _maker(Membership, names) != Membership.from_db
    made = MEMBERSHIPS(username="ann")
    django_s = list(memberships("ann"))
    assert [fields(m) for m in made] == [fields(m) for m in django_s]
    assert [(fields(m.user), fields(m.hwb_area)) for m in made] == [
        (fields(m.user), fields(m.hwb_area)) for m in django_s
    ]
    compiled = MEMBERSHIPS.compiled[connections["default"]]
    plainly = [populator.make for populator in compiled[-1][4]]
    assert all(make is not None and getattr(make, "func", None) for make in plainly)
    suffolk = HwbArea.objects.get(name="Suffolk")
    made[0].hwb_area_id = suffolk.pk
    assert made[0].hwb_area == suffolk  # the area read again, not the one selected with it


def test_queries_sent_together_give_what_each_gives_alone_in_their_order(some_people):
    """`together`: rows and models, a query with an id no column holds (not sent: nothing
    found) and the same query twice with other values, each as it would give alone."""
    runs = [
        (PEOPLE, {"role": "officer", "at_least": 1}),
        (MEMBERSHIPS, {"username": "cat"}),
        (PEOPLE, {"role": "signoff", "at_least": 2**63}),
        (PEOPLE, {"role": "signoff", "at_least": 1}),
        (EVERY_AREA, {}),
    ]
    found = together(*runs)
    alone = [query(**values) for query, values in runs]
    assert [found[0], found[2], found[3]] == [alone[0], [], alone[3]]
    assert found[3] == [("cat", datetime.datetime(2016, 4, 1, 9, 30, tzinfo=datetime.UTC),
                         True, 1)]  # fmt: skip
    assert [described(m) for m in found[1]] == [described(m) for m in alone[1]]
    assert [fields(area) for area in found[4]] == [fields(area) for area in alone[4]]
    assert together() == []


def test_a_query_for_lists_is_sent_together_with_others_as_it_gives_alone(some_people):
    norfolk, suffolk = HwbArea.objects.order_by("name").values_list("pk", flat=True)
    lists = ([norfolk, suffolk], [norfolk])
    found, people_ = together(
        AREAS_MEMBERSHIPS.run(lists, role_too="analyst"),
        (PEOPLE, {"role": "officer", "at_least": 2}),
    )
    alone = AREAS_MEMBERSHIPS(lists, role_too="analyst")
    assert [fields(m) for m in found] == [fields(m) for m in alone] != []
    assert people_ == PEOPLE(role="officer", at_least=2)


def test_on_postgresql_queries_sent_together_go_in_one_pipeline(some_people, monkeypatch):
    """Sent at once, their answers read after: one psycopg pipeline for the lot, and none
    for a query alone."""
    if connection.vendor != "postgresql":
        service_missing("A pipeline is psycopg's; SQLite answers each query at once.")
    connection.ensure_connection()
    driver, pipelines = connection.connection, []
    real = driver.pipeline

    def pipeline():
        pipelines.append(1)
        return real()

    monkeypatch.setattr(driver, "pipeline", pipeline)
    PEOPLE(role="officer", at_least=1)
    assert pipelines == []
    found = together((PEOPLE, {"role": "officer", "at_least": 2}), (EVERY_AREA, {}))
    assert pipelines == [1]
    assert found == [[("ann", datetime.datetime(2016, 4, 1, 9, 30, tzinfo=datetime.UTC),
                       False, 2)], EVERY_AREA()]  # fmt: skip


def test_a_prepared_query_is_seen_by_what_wraps_each_statement_unless_a_select_passes_it(
    some_people,
):
    """Sent without Django's cursor wrapper, a prepared query still goes through an
    `execute_wrapper` (a test counting statements, say): only one that says a SELECT passes
    it (`passes_selects`, the read-only pages' refusal of writes) is not asked."""
    seen = []

    def counting(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counting):
        assert together((PEOPLE, {"role": "officer", "at_least": 2}), (EVERY_AREA, {}))
        assert MEMBERSHIPS(username="ann")
    assert len(seen) == 3
    counting.passes_selects = True
    with connection.execute_wrapper(counting):
        assert PEOPLE(role="officer", at_least=2)
    assert len(seen) == 3


def test_a_prepared_query_fails_as_djangos_would(some_people):
    """Refused in a transaction that must roll back, as Django's cursor refuses any query;
    a database's error raised as Django's (PostgreSQL keeps no NUL in text), alone or sent
    together, and the connection still answers after."""
    with transaction.atomic():
        transaction.set_rollback(True)
        with pytest.raises(TransactionManagementError):
            PEOPLE(role="officer", at_least=1)
    if connection.vendor == "postgresql":
        for run in (
            lambda: PEOPLE(role="of\x00ficer", at_least=1),
            lambda: together((EVERY_AREA, {}), (PEOPLE, {"role": "of\x00ficer", "at_least": 1})),
        ):
            with pytest.raises(DataError), transaction.atomic():
                run()
    assert PEOPLE(role="officer", at_least=2) == [
        ("ann", datetime.datetime(2016, 4, 1, 9, 30, tzinfo=datetime.UTC), False, 2)
    ]


def test_a_prepared_query_on_another_threads_connection_is_refused_as_djangos(some_people):
    """Django's cursor refuses a connection made in another thread; so does a prepared
    query sent on the driver's cursor."""
    import threading

    from django.db import DatabaseError

    connection.ensure_connection()
    mine, refused = connections["default"], []

    def elsewhere():
        try:
            PEOPLE(using="default", role="officer", at_least=1)  # this thread's own: fine
            together((PEOPLE, {"role": "officer", "at_least": 1}), using="default")
            from governance.prepared import _fetch

            _fetch(mine, [("SELECT 1", [])])
        except DatabaseError as error:
            refused.append(str(error))
        finally:
            connections["default"].close()  # this thread's own

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join()
    assert len(refused) == 1
    assert "thread" in refused[0]
