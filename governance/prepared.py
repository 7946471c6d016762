"""A query compiled to SQL once, then run again with new values.

Django compiles a queryset to SQL every time it runs it. For most pages that is nothing, but
a page that reads across 152 areas (a round's status, the home page of someone who reads
them all) runs a few queries with subqueries and aggregates, and compiling those cost more
of its CPU than running them: 1.3 ms to compile the query that finds how NHS England's
assurance of each submission stands, 0.1 ms to run it (issue 33).

    standing = Prepared(lambda round_key: Submission.objects.filter(round_key=round_key)
                        .values_list("hwb_area_id", ...), round_key=str)
    rows = standing(round_key="fy1516_q3")

The queryset is built with a stand-in for each value, compiled, and the stand-ins' places
among the query's parameters found: so a value must reach the SQL as it is given (an equal
to or a greater than, not a `startswith` pattern or a `__year`), or the query is refused
when first run. Each run puts the values in those places, executes the SQL and converts the
rows as Django would (a date on SQLite, which keeps text). One compiled query is kept per
database connection: a thread has its own, and its SQL may differ by database.

A prepared query is sent on the driver's own cursor (`_fetch`), and queries that a page
needs together may be sent at once (`together`, psycopg's pipeline on PostgreSQL), their
answers read after.
"""

import weakref
from collections.abc import Callable
from functools import cache, partial
from inspect import getattr_static

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model, QuerySet, signals
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query import RelatedPopulator

# Stand-ins for the values, two of each kind: small numbers, which any integer field accepts
# (Django finds nothing at all for a value outside a field's range), and text no real value is.
STAND_INS = {int: lambda n, turn: 32_000 + 100 * turn + n,
             str: lambda n, turn: f"\x1fprepared value {n}, {turn}\x1f"}  # fmt: skip


# The widest integer a column holds (PostgreSQL's bigint, SQLite's INTEGER). Django finds
# nothing for a value outside a field's range; SQLite would raise OverflowError on it.
BIGINT = (-(2**63), 2**63 - 1)


class Prepared:
    def __init__(self, build: Callable[..., QuerySet], **kinds: type) -> None:
        """`build(**values)` returns a `values_list` queryset; `kinds` names each value and
        its type (int or str)."""
        self.build, self.kinds = build, kinds
        self.compiled: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def _compile(self, connection):
        """Compiled twice, with different stand-ins: a value's places are where the two
        differ, each holding its own stand-in, so that no constant of the query is taken for
        a value however it happens to read."""
        turns = []
        for turn in (0, 1):
            stand_ins = {name: STAND_INS[kind](n, turn)
                         for n, (name, kind) in enumerate(self.kinds.items())}  # fmt: skip
            queryset = self.build(**stand_ins)
            compiler = queryset.query.get_compiler(connection=connection)
            sql, params = compiler.as_sql()
            turns.append((stand_ins, sql, list(params), compiler))
        (first, sql, params, compiler), (second, sql_again, params_again, _) = turns
        if sql != sql_again or len(params) != len(params_again):
            raise ValueError("The query's SQL depends on its values: it cannot be prepared.")
        places = {}
        for name in self.kinds:
            places[name] = [
                i for i, (a, b) in enumerate(zip(params, params_again, strict=True))
                if a == first[name] and b == second[name]
            ]  # fmt: skip
            if not places[name]:
                raise ValueError(f"The query does not use the value {name!r} as a parameter.")
        fields = [selected[0] for selected in compiler.select[: compiler.col_count]]
        compiled = (sql, params, places, compiler, compiler.get_converters(fields),
                    self._made(queryset, compiler, connection))  # fmt: skip
        self.compiled[connection] = compiled
        return compiled

    def _made(self, queryset, compiler, connection):
        """What a run needs besides the SQL to make its results (nothing, for rows)."""
        return None

    def _sql(self, connection, values: dict) -> tuple[tuple, list | None]:
        """The compiled query and its parameters with these values; None for parameters where
        no row can be found (an integer no column holds: as Django, nothing found)."""
        if values.keys() != self.kinds.keys():
            raise TypeError(f"Give exactly these values: {', '.join(self.kinds)}.")
        compiled = self.compiled.get(connection) or self._compile(connection)
        params, places = compiled[1].copy(), compiled[2]
        for name, value in values.items():
            value = self.kinds[name](value)
            if self.kinds[name] is int and not BIGINT[0] <= value <= BIGINT[1]:
                return compiled, None
            for place in places[name]:
                params[place] = value
        return compiled, params

    @staticmethod
    def _converted(compiled: tuple, rows: list) -> list:
        """The rows as fetched, converted as Django converts them."""
        _, _, _, compiler, converters, _ = compiled
        if compiler.has_extra_select:  # columns only the ordering needs, as Django drops them
            rows = [row[: compiler.col_count] for row in rows]
        if converters:
            rows = list(compiler.apply_converters(rows, converters))
        return rows

    def _results(self, using: str, compiled: tuple, rows: list) -> list:
        return [tuple(row) for row in self._converted(compiled, rows)]

    def __call__(self, *, using: str = DEFAULT_DB_ALIAS, **values) -> list:
        connection = connections[using]
        compiled, params = self._sql(connection, values)
        rows = [] if params is None else _fetch(connection, [(compiled[0], params)])[0]
        return self._results(using, compiled, rows)


def together(*runs: tuple[Prepared, dict], using: str = DEFAULT_DB_ALIAS) -> list[list]:
    """The results of several prepared queries, each `(query, values)`, in their order.
    On PostgreSQL they are sent at once and their results read after (psycopg's pipeline):
    six queries of the plan page, each waiting for its answer before the next was sent,
    cost 305 µs of CPU, and 185 µs sent together (issue 33). Elsewhere one after another."""
    connection = connections[using]
    sent = [query._sql(connection, values) for query, values in runs]
    asked = [(compiled[0], params) for compiled, params in sent if params is not None]
    fetched = iter(_fetch(connection, asked))
    return [
        query._results(using, compiled, [] if params is None else next(fetched))
        for (query, _), (compiled, params) in zip(runs, sent, strict=True)
    ]


def _fetch(connection, asked: list[tuple[str, list]]) -> list[list]:
    """The rows of each prepared query `(sql, params)`. Sent on the driver's own cursor, as
    Django's cursor sends it (its errors turned into Django's, refused in a transaction that
    must roll back) but without the wrapper Django puts round every cursor and statement:
    that cost a fifth of a prepared query's CPU, and the plan page runs fourteen (issue 33).
    Through Django's cursor, one by one, when it keeps the queries (`DEBUG`, a test counting
    them) or when something wraps each statement (`connection.execute_wrapper`), unless each
    wrapper says a SELECT passes it (`passes_selects`: a prepared query is always a SELECT)."""
    if not asked:
        return []  # every value out of its column's range: nothing to ask
    if connection.queries_logged or not all(
        getattr(wrapper, "passes_selects", False) for wrapper in connection.execute_wrappers
    ):
        fetched = []
        for sql, params in asked:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                fetched.append(cursor.fetchall())
        return fetched
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    connection.validate_no_broken_transaction()
    with connection.wrap_database_errors:
        if len(asked) > 1 and connection.vendor == "postgresql":
            return _pipelined(connection, asked)
        fetched = []
        for sql, params in asked:
            cursor = connection.create_cursor()
            try:
                cursor.execute(sql, params)
                fetched.append(cursor.fetchall())
            finally:
                cursor.close()
        return fetched


def _pipelined(connection, asked: list[tuple[str, list]]) -> list[list]:
    cursors = []
    try:
        with connection.connection.pipeline():
            for sql, params in asked:
                cursors.append(connection.create_cursor())
                cursors[-1].execute(sql, params)
        return [cursor.fetchall() for cursor in cursors]
    finally:
        for cursor in cursors:
            cursor.close()


class PreparedModels(Prepared):
    """`Prepared` for a queryset of model instances, with what it selects related and its
    annotations, made as Django's own `ModelIterable` makes them. Not for a queryset that
    prefetches, or that a related manager made (`quarterly_return.events`, which hands its
    rows the return): filter by the id instead."""

    def _made(self, queryset, compiler, connection):
        if queryset._prefetch_related_lookups or queryset._known_related_objects:
            raise ValueError("A prepared queryset neither prefetches nor comes from a manager.")
        klass_info, select = compiler.klass_info, compiler.select
        fields = klass_info["select_fields"]
        start, end = fields[0], fields[-1] + 1
        names = [column[0].target.attname for column in select[start:end]]
        populators = [
            _RelatedPopulator(related, select, connection.alias)
            for related in klass_info.get("related_klass_infos", [])
        ]
        return (klass_info["model"], start, end, names, populators,
                dict(compiler.annotation_col_map or {}))  # fmt: skip

    def _results(self, using: str, compiled: tuple, rows: list) -> list:
        rows = self._converted(compiled, rows)
        model, start, end, names, populators, annotations = compiled[-1]
        make = _maker(model, names)
        for populator in populators:
            populator.make = _maker(populator.model_cls, populator.init_list)
        made = []
        for row in rows:
            instance = make(using, names, row[start:end])
            for populator in populators:
                populator.populate(row, instance)
            for name, place in annotations.items():
                setattr(instance, name, row[place])
            made.append(instance)
        return made


def _maker(model: type[Model], names: list[str]):
    """How to make a model of a row: as `Model.from_db` makes it, or, for a plain model (its
    own `__init__` and `from_db` Django's, every field read, no field that sets itself, and
    nothing listening for it to be made), by filling in what `__init__` would, without it.
    Making 152 areas took 0.71 ms through `from_db` and 0.34 ms so (issue 33)."""
    plain = (
        _plain(model, tuple(names))
        and not signals.pre_init.has_listeners(model)
        and not signals.post_init.has_listeners(model)
    )
    return partial(_made_plainly, model) if plain else model.from_db


@cache
def _plain(model: type[Model], names: tuple[str, ...]) -> bool:
    """Whether the model and the fields a query reads of it let it be made without its
    `__init__`: what a class says of itself, worked out once (every page reads its session
    and its user through a prepared query), where listeners may come and go."""
    return (
        model.__init__ is Model.__init__
        and model.from_db.__func__ is Model.from_db.__func__
        and sorted(names) == sorted(field.attname for field in model._meta.concrete_fields)
        and not any(_sets_itself(model, name) for name in names)
    )


def _sets_itself(model: type[Model], name: str) -> bool:
    """Whether setting the field does more than keep its value (a file's descriptor makes a
    file of it). A foreign key's id forgets the related object cached when it changes: a
    model being made has none, so its id is only kept (most models have one: the plan page
    made 100 through `from_db`)."""
    descriptor = type(getattr_static(model, name, None))
    return descriptor is not ForeignKeyDeferredAttribute and hasattr(descriptor, "__set__")


def _made_plainly(model: type[Model], using: str, names: list[str], values) -> Model:
    instance = model.__new__(model)
    state = instance._state = ModelState()
    state.adding, state.db = False, using
    instance.__dict__.update(zip(names, values, strict=True))
    return instance


class _RelatedPopulator(RelatedPopulator):
    """Django's, for a model a query selects related (a contribution's partner), made as
    `_maker` makes the query's own (`make`, set at each run); the models related to it, and
    one whose columns come in another order, as Django makes them."""

    make = None

    def populate(self, row, from_obj):
        if self.reorder_for_init or self.make is None:
            super().populate(row, from_obj)
            return
        values = row[self.cols_start : self.cols_end]
        related = None
        if values[self.pk_idx] is not None:
            related = self.make(self.db, self.init_list, values)
            for populator in self.related_populators:
                populator.populate(row, related)
        self.local_setter(from_obj, related)
        if related is not None:
            self.remote_setter(related, from_obj)


class PreparedIn:
    """A prepared query for each length of the id lists it filters by (`hwb_area__in=ids`
    compiles to one parameter an id, so a list of 1 and a list of 2 are two queries):
    `build(*lists, **values)` returns the queryset, `query(lists, **values)` runs it for
    these lists, each a list of ints (or of str, with `of=str`). Most people's lists are
    short and always the same length (an officer's one area), so each length is compiled
    once a connection, and the longest lists (a national reader's 152 areas) once too. An
    empty list, which Django leaves out of its SQL, is a length like any other."""

    def __init__(
        self, build: Callable[..., QuerySet], *, models: bool = False, of: type = int,
        **kinds: type,
    ) -> None:  # fmt: skip
        """`of`: what the lists hold (int ids, or str: a return's question ids)."""
        self.build, self.kinds, self.of = build, kinds, of
        self.kind = PreparedModels if models else Prepared
        self.by_lengths: dict[tuple[int, ...], Prepared] = {}

    def _for(self, lengths: tuple[int, ...]) -> Prepared:
        prepared = self.by_lengths.get(lengths)
        if prepared is None:
            names = [[f"in{i}_{n}" for n in range(length)] for i, length in enumerate(lengths)]

            def build(**values):
                lists = [[values[name] for name in group] for group in names]
                return self.build(*lists, **{k: values[k] for k in self.kinds})

            ids = {name: self.of for group in names for name in group}
            prepared = self.by_lengths[lengths] = self.kind(build, **ids, **self.kinds)
        return prepared

    def __call__(self, lists: tuple[list[int], ...], *, using: str = DEFAULT_DB_ALIAS, **values):
        prepared, all_values = self.run(lists, **values)
        return prepared(using=using, **all_values)

    def run(self, lists: tuple[list[int], ...], **values) -> tuple[Prepared, dict]:
        """The query for these lists and its values, as `together` takes a run."""
        lists = [list(ids) for ids in lists]
        prepared = self._for(tuple(len(ids) for ids in lists))
        ids = {f"in{i}_{n}": id_ for i, group in enumerate(lists) for n, id_ in enumerate(group)}
        return prepared, {**ids, **values}
