"""Databases made by the layouts before a move keep every row when migrated to today's.

Two moves, each with a snapshot of the demo as its layout before stored it:

- `data/demo-before-layers.json.gz`: before the core app (areas, partners, years and
  memberships in `plans`, the record of changes in the project package), with a recorded
  change and an admin log entry for each kind of record that moved
  (`data/make_layout_snapshot.py` says how it was made);
- `data/demo-before-national.json.gz`: before the national app (release 0.2.0: the national
  exports and the reminders in `returns`), with national exports, reminders and an admin log
  entry for each kind that moved (`data/make_national_snapshot.py`).

Each test takes the database back to that layout, loads the snapshot through that layout's
own models, migrates forward, and compares every row of every table.
"""

import gzip
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

import conftest

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Layout:
    snapshot: str  # in tests/data
    before: list  # each of our apps' last migration then (None: the app did not exist)
    moved: dict[str, str]  # model labels then -> now
    derived: set[str] = field(default_factory=set)  # rows a later migration works out


# Every later move applies to an earlier snapshot too: the national app's move, for one.
NATIONAL_MOVE = {
    "returns.nationalexport": "national.nationalexport",
    "returns.reminder": "national.reminder",
}
BEFORE_LAYERS = Layout(
    "demo-before-layers.json.gz",
    [("national", None), ("governance", None), ("plans", "0005_export_updated_at"),
     ("schemes", "0002_scheme_status"), ("metrics", "0001_initial"),
     ("returns", "0009_national_export_areas")],
    {"plans.hwbarea": "governance.hwbarea", "plans.partner": "governance.partner",
     "plans.financialyear": "governance.financialyear",
     "plans.membership": "governance.membership",
     "bcfportal.recordchange": "governance.recordchange", **NATIONAL_MOVE},
    {"returns.returnfigure"},
)  # fmt: skip
BEFORE_NATIONAL = Layout(
    "demo-before-national.json.gz",
    [("national", None), ("governance", "0009_invitations"),
     ("returns", "0016_answers_ordered_without_join")],
    NATIONAL_MOVE,
)  # fmt: skip


# Columns a later migration dropped, having moved what they held: a return's submitted
# workbook export became its submission (returns 0021-0023, tested in
# returns/tests/test_submission_migration.py). The snapshots submitted nothing.
DROPPED = {"returns.returnevent": {"export"}, "returns.returnversion": {"submitted"}}


def snapshot(layout: Layout) -> list[dict]:
    with gzip.open(DATA / layout.snapshot, "rt") as f:
        return json.load(f)


def load(records: list[dict], old_apps) -> None:
    """Write the records through the old layout's models (the record of changes' model, whose
    app no longer exists, through today's: its table is the same)."""
    by_model, used = defaultdict(list), []
    for record in records:
        by_model[record["model"]].append(record)
    with transaction.atomic():
        for label, rows in by_model.items():
            if label == "bcfportal.recordchange":
                model = apps.get_model("governance", "RecordChange")
            else:
                model = old_apps.get_model(*label.split("."))
            used.append(model)
            objects, relations = [], []
            for row in rows:
                obj = model(pk=row["pk"])
                for name, value in row["fields"].items():
                    field = model._meta.get_field(name)
                    if field.many_to_many:
                        relations.append((obj, name, value))
                    elif field.is_relation:
                        setattr(obj, field.attname, value)
                    else:
                        setattr(obj, field.attname, field.to_python(value))
                objects.append(obj)
            # Raw, as loaddata writes: no field fills itself in (`auto_now`).
            model._base_manager._insert(objects, fields=model._meta.local_concrete_fields, raw=True)
            for obj, name, ids in relations:
                getattr(obj, name).set(ids)
    sequences_reset(used)


def sequences_reset(models) -> None:
    """Each model's id sequence set past its table's largest id (PostgreSQL; nothing on
    SQLite)."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def migrated_from(layout: Layout, records: list[dict]) -> None:
    """Take the database back to the layout, empty it, load the records, migrate on."""
    executor = MigrationExecutor(connection)
    executor.migrate(layout.before)
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    # Every table emptied but the record of migrations and the suite's copies of the demo
    # (conftest.py) and of its content types (`migrated_tables_copy`), which put them back
    # after these tests.
    kept = ("django_migrations", conftest.SNAPSHOT, conftest.NATIONAL_SNAPSHOT, COPY)
    connection.ops.execute_sql_flush(
        connection.ops.sql_flush(
            no_style(), [t for t in tables if not t.startswith(kept)], allow_cascade=True
        )
    )
    # The models as the database now is: every migration applied, of our apps and of the
    # others (an app not named stays where going back left it, which may be before its
    # latest migration: one that needs a later migration of an app going back).
    applied = MigrationExecutor(connection)._create_project_state(with_applied_migrations=True)
    load(records, applied.apps)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def everything() -> dict[tuple[str, object], dict]:
    """Every row of every model of today's layout, as dumpdata writes it."""
    rows = {}
    for model in apps.get_models():
        if model._meta.label_lower in ("sessions.session",) or not model._meta.managed:
            continue
        for record in json.loads(serializers.serialize("json", model._base_manager.all())):
            rows[(record["model"], record["pk"])] = record["fields"]
    return rows


@pytest.fixture(scope="module", params=[BEFORE_LAYERS, BEFORE_NATIONAL],
                ids=["before the core app", "before the national app"])  # fmt: skip
def old_layout_migrated(request, django_db_setup, django_db_blocker):
    """A layout and its snapshot's records, loaded through that layout and migrated on, once
    for this module's tests of it (taking the database back and forth costs seconds), which
    only read it, each in a transaction rolled back after it; the demo is copied back after
    them. Its tests share one xdist worker (conftest.py: SHARED_SET_UP)."""
    layout = request.param
    records = snapshot(layout)
    with django_db_blocker.unblock():
        try:
            migrated_tables_copy()
            conftest._demo_remove()  # the old layout's rules would refuse some of today's rows
            migrated_from(layout, records)
            yield layout, records
        finally:
            # The old layout's snapshot brought its own content types (and their ids): the
            # suite's come back before the demo, whose rows (a conversation's subject, a
            # recorded change) name them by id.
            migrated_tables_restore()
            conftest._demo_restore()
            ContentType.objects.clear_cache()
            # `load` set each table's id sequence to the snapshot's ids; the demo's run
            # further, so the next row a test adds would take one of its ids.
            sequences_reset(apps.get_models())


COPY = "layout_copy_"


def migrated_tables_copy() -> None:
    """A copy of the content types and permissions as migrating the suite's database made
    them (`conftest.MIGRATED_TABLES`)."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in sorted(conftest.MIGRATED_TABLES):
            cursor.execute(f"DROP TABLE IF EXISTS {quote(COPY + table)}")
            cursor.execute(f"CREATE TABLE {quote(COPY + table)} AS SELECT * FROM {quote(table)}")  # noqa: S608


def migrated_tables_restore() -> None:
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        conftest._demo_remove()  # nothing left naming a content type or permission
        for table in ("auth_permission", "django_content_type"):
            cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608
        for table in ("django_content_type", "auth_permission"):
            cursor.execute(f"INSERT INTO {quote(table)} SELECT * FROM {quote(COPY + table)}")  # noqa: S608


@pytest.mark.django_db  # the test database, not the one the settings name
def test_every_row_of_the_old_layout_survives_the_move(old_layout_migrated):
    layout, records = old_layout_migrated
    expected = {}
    for record in records:
        label, fields = record["model"], dict(record["fields"])
        for dropped in DROPPED.get(label, ()):
            assert fields.pop(dropped) is None, (label, record["pk"], dropped)
        if label == "contenttypes.contenttype":
            moved = layout.moved.get(f"{fields['app_label']}.{fields['model']}")
            if moved:
                fields["app_label"] = moved.split(".")[0]
        expected[(layout.moved.get(label, label), record["pk"])] = fields
    # Rows a later migration works out from these (each return's numeric figures) are not
    # the old layout's: they are checked in national/tests/test_national_figures.py.
    now = {key: row for key, row in everything().items() if key[0] not in layout.derived}
    assert len(now) == len(expected) == len(records)
    # Every field the old layout had holds what it held (new fields, e.g. an area's kind,
    # start empty).
    assert {
        key: {name: now[key][name] for name in fields} for key, fields in expected.items()
    } == expected
    # And those worked-out rows are what a save of each return would keep.
    from returns.models import QuarterlyReturn
    from returns.selectors import return_state
    from returns.services import numeric_values

    for quarterly_return in QuarterlyReturn.objects.all():
        state = return_state(quarterly_return=quarterly_return)
        kept = dict(quarterly_return.figures.values_list("question_id", "value"))
        assert kept == numeric_values(state.definition, state.values)
        assert quarterly_return.checks_passed == state.checklist.answered


@pytest.mark.django_db
def test_after_the_move_the_demo_reads_as_it_did(old_layout_migrated):
    """The same rows, read through today's code: Norfolk's figures and people, the record of
    changes still naming the moved records, and (after the national app's move) the admin's
    log naming the national exports and reminders."""
    from django.contrib.admin.models import LogEntry

    from governance.models import HwbArea, Membership, RecordChange
    from national.models import NationalExport, Reminder
    from plans.models import Plan
    from plans.selectors import plan_contributions

    layout, records = old_layout_migrated
    if layout is BEFORE_NATIONAL:
        logged = {entry.content_type.model_class() for entry in LogEntry.objects.all()}
        assert logged == {NationalExport, Reminder}
        assert NationalExport.objects.count() == 2
        assert Reminder.objects.filter(hwb_area__ons_code="E10000020").count() == 2
        return
    norfolk = HwbArea.objects.get(ons_code="E10000020")
    plan = Plan.objects.get(hwb_area=norfolk, financial_year__start_year=2016)
    # The snapshot's recorded change added £1 to each of the six contributions.
    assert plan_contributions(plan=plan).total == 63_573_469 + 6
    assert Membership.objects.filter(hwb_area=norfolk).count() == 9
    assert {c.content_type.model_class() for c in RecordChange.objects.all()} >= {
        HwbArea,
        Membership,
    }
    served = [
        r
        for r in records
        if r["model"] == "plans.partner" and norfolk.pk in r["fields"]["hwb_areas"]
    ]
    assert norfolk.partners.count() == len(served) > 0


# A return recorded as submitted before submissions were kept on their own (returns 0020):
# its version and timeline named the workbook export; 0021-0023 make it submission 1.


@pytest.fixture(scope="module")
def submitted_before_submissions(django_db_setup, django_db_blocker):
    """Norfolk's Q3 return recorded as submitted, its workbook export named by its version
    and its timeline, written at returns 0020; then migrated to today's layout. (Once, before
    the test's transaction: SQLite alters no table inside one.)"""
    import hashlib

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    content = b"PK the workbook as it was sent"
    with django_db_blocker.unblock():
        try:
            executor = MigrationExecutor(connection)
            executor.migrate([("returns", "0020_confirmations_of_figures")])
            old = executor.loader.project_state([("returns", "0020_confirmations_of_figures")]).apps
            qr = old.get_model("returns", "QuarterlyReturn").objects.get(
                hwb_area__ons_code="E10000020", period__quarter=3
            )
            export = old.get_model("returns", "WorkbookExport")(
                quarterly_return=qr, revision=qr.revision, status="ready", size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
            )  # fmt: skip
            export.file.name = default_storage.save(
                "exports/2016/01/BCF-Q3-2015-16-Norfolk.xlsx", ContentFile(content)
            )
            export.save()
            version, _ = old.get_model("returns", "ReturnVersion").objects.update_or_create(
                quarterly_return=qr, number=1, defaults={
                    "revision": qr.revision, "answers": {"a": "1"}, "submitted": export,
                    "on_behalf_of": "The Board", "signed_off_at": "2016-01-20T10:00:00Z"},
            )  # fmt: skip
            event = old.get_model("returns", "ReturnEvent").objects.create(
                quarterly_return=qr, kind="submitted", version=1, export=export,
            )  # fmt: skip
            MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())
            from returns.models import ReturnVersion

            kept = ReturnVersion.objects.get(pk=version.pk).submission.file
            with kept.open("rb") as f:  # read now: each test has its own media folder
                yield qr.pk, version.pk, event.pk, content, kept.name, f.read()
        finally:
            executor = MigrationExecutor(connection)  # today's layout, whatever happened
            executor.migrate(executor.loader.graph.leaf_nodes())
            conftest._demo_restore()
            ContentType.objects.clear_cache()


@pytest.mark.django_db
def test_a_return_recorded_as_submitted_becomes_its_first_submission(
    submitted_before_submissions,
):
    from returns.models import ReturnEvent, ReturnVersion

    qr, version, event, content, name, stored = submitted_before_submissions
    submission = ReturnVersion.objects.get(pk=version).submission
    assert (submission.number, submission.kind, submission.subject_id) == (1, "return", qr)
    assert (submission.round_key, submission.title) == ("fy1516_q3", "Q3 2015/16 return")
    assert (submission.answers, submission.on_behalf_of) == ({"a": "1"}, "The Board")
    assert stored == content  # its own copy, byte for byte
    assert submission.file.name == name
    assert name.startswith("submissions/")
    assert ReturnEvent.objects.get(pk=event).submission == submission
