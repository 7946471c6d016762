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
"""

import weakref
from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet

# Stand-ins for the values, two of each kind: small numbers, which any integer field accepts
# (Django finds nothing at all for a value outside a field's range), and text no real value is.
STAND_INS = {int: lambda n, turn: 32_000 + 100 * turn + n,
             str: lambda n, turn: f"\x1fprepared value {n}, {turn}\x1f"}  # fmt: skip


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
            compiler = self.build(**stand_ins).query.get_compiler(connection=connection)
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
        compiled = (sql, params, places, compiler, compiler.get_converters(fields))
        self.compiled[connection] = compiled
        return compiled

    def __call__(self, *, using: str = DEFAULT_DB_ALIAS, **values) -> list[tuple]:
        if values.keys() != self.kinds.keys():
            raise TypeError(f"Give exactly these values: {', '.join(self.kinds)}.")
        connection = connections[using]
        sql, params, places, compiler, converters = self.compiled.get(connection) or self._compile(
            connection
        )
        params = params.copy()
        for name, value in values.items():
            for place in places[name]:
                params[place] = self.kinds[name](value)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:
            return [tuple(row) for row in compiler.apply_converters(rows, converters)]
        return rows
