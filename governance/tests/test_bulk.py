"""`insert` writes the rows `bulk_create` writes, in one statement."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import demo_user
from governance.bulk import insert
from returns.models import Answer, AnswerChange, QuarterlyReturn, ReturnFigure

pytestmark = pytest.mark.django_db


def rows(model, quarterly_return, *, without=()):
    """The model's rows of the return, but for their key and the return's."""
    fields = [f.attname for f in model._meta.concrete_fields if not f.primary_key]
    kept = [name for name in fields if name not in {"quarterly_return_id", *without}]
    return sorted(model.objects.filter(quarterly_return=quarterly_return).values_list(*kept))


def made(quarterly_return, user):
    """Rows of three models: a nullable key given and not, text, an auto_now and an
    auto_now_add time, decimals of eight places and none."""
    return [
        [Answer(quarterly_return=quarterly_return, question_id=f"q{n}", value=f"{n} é'",
                source="import", updated_by=user if n % 2 else None) for n in range(1200)],
        [AnswerChange(quarterly_return=quarterly_return, question_id=f"q{n}", old_value="",
                      new_value=str(n), revision=7, version=1, user=user, source="form")
         for n in range(300)],
        [ReturnFigure(quarterly_return=quarterly_return, question_id=f"q{n}",
                      value=Decimal(n) / 3 if n % 2 else Decimal("-1234567890123456.12345678"))
         for n in range(300)],
    ]  # fmt: skip


def test_the_rows_are_bulk_creates_to_the_value_and_their_times_now(demo):
    first, second = QuarterlyReturn.objects.all()[:2]
    user = demo_user("officer.norfolk")
    for model in (Answer, AnswerChange, ReturnFigure):
        model.objects.filter(quarterly_return__in=[first, second]).delete()
    started = timezone.now()
    for objs in made(first, user):
        type(objs[0]).objects.bulk_create(objs)
    for objs in made(second, user):
        insert(objs)
    times = {Answer: "updated_at", AnswerChange: "at", ReturnFigure: None}
    for model, at in times.items():
        assert rows(model, second, without=[at]) == rows(model, first, without=[at])
        assert len(rows(model, second)) == len(rows(model, first)) > 0
        if at:
            written = model.objects.filter(quarterly_return=second).values_list(at, flat=True)
            assert all(started <= time <= timezone.now() for time in written)
            assert all(time - started < timedelta(minutes=1) for time in written)


def test_twelve_hundred_rows_are_one_statement(demo):
    norfolk = QuarterlyReturn.objects.first()
    answers = made(norfolk, None)[0]
    Answer.objects.filter(quarterly_return=norfolk).delete()
    with CaptureQueriesContext(connection) as queries:
        insert(answers)
    assert len(queries.captured_queries) == 1
    assert Answer.objects.filter(quarterly_return=norfolk).count() == 1200


def test_nothing_to_insert_sends_nothing(db):
    with CaptureQueriesContext(connection) as queries:
        insert([])
    assert queries.captured_queries == []


def test_what_it_cannot_write_as_bulk_create_would_is_refused_before_writing(demo):
    norfolk = QuarterlyReturn.objects.first()
    answer = Answer(quarterly_return=norfolk, question_id="q", value="1", source="form")
    figure = ReturnFigure(quarterly_return=norfolk, question_id="q", value=1)
    kept = Answer.objects.filter(quarterly_return=norfolk).first()
    expression = ReturnFigure(quarterly_return=norfolk, question_id="q", value=F("value") + 1)
    before = Answer.objects.count(), ReturnFigure.objects.count()
    with pytest.raises(TypeError, match="one model at a time"):
        insert([answer, figure])
    with pytest.raises(ValueError, match="already has a primary key"):
        insert([answer, kept])
    with pytest.raises(TypeError, match="not expressions"):
        insert([expression])
    assert (Answer.objects.count(), ReturnFigure.objects.count()) == before
