"""New rows written in one statement, for the saves that write hundreds at a time.

`bulk_create` builds the SQL for every batch of rows and, on SQLite, splits them into
batches of 999 parameters: for a return's answers, their history and its figures (about
600 rows) that was two thirds of the time of saving a whole return (the national demo
saves 134 of them). `insert` prepares each value as `bulk_create` does (each field's
`pre_save`, so `auto_now` is set, then its `get_db_prep_save`) and sends one `INSERT`
with every row (`executemany`). Unlike `bulk_create`, it does not give the objects their
primary keys: it is for rows that are written and not used again in the same request.
"""

from collections.abc import Sequence

from django.db import connections, router, transaction
from django.db.models import Model


def insert(objs: Sequence[Model]) -> None:
    """Insert `objs` (new instances of one model) as new rows, in one statement."""
    if not objs:
        return
    model = type(objs[0])
    if any(type(obj) is not model for obj in objs):
        raise TypeError(f"insert() writes rows of one model at a time, not of {model} and others")
    meta = model._meta
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    alias = router.db_for_write(model)
    connection = connections[alias]
    rows = []
    for obj in objs:
        if obj.pk is not None:
            raise ValueError(f"insert() writes new rows: {obj!r} already has a primary key")
        values = [field.pre_save(obj, True) for field in fields]
        if any(hasattr(value, "resolve_expression") for value in values):
            raise TypeError("insert() writes values, not expressions: use bulk_create")
        rows.append(
            tuple(field.get_db_prep_save(value, connection)
                  for field, value in zip(fields, values, strict=True))
        )  # fmt: skip
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608 - names from the model
    with transaction.atomic(using=alias, savepoint=False), connection.cursor() as cursor:
        cursor.executemany(sql, rows)
