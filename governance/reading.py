"""Pages that only read: served outside a transaction, and held to writing nothing.

Every request runs in a transaction (`ATOMIC_REQUESTS`), so that a page that writes writes
all or nothing. A page that only reads gains nothing from one: PostgreSQL runs each of its
statements at READ COMMITTED either way, each seeing what was committed when it started.
The transaction's BEGIN and COMMIT were two of a section page's nine round trips to the
database (issue 33). `reads_only` takes them away from a view that answers GET and HEAD
alone, and `reads_when_safe` from the GET and HEAD of a form's page (its POST keeps its
transaction); each refuses any INSERT, UPDATE or DELETE the view (or its template) then sends:
such a write would not be undone if the page failed after it, so it is a fault, raised
where it happens.

Since nothing changes while a page only reads, a read that two parts of one page each ask
for (the plan page's metric targets, for their table and for its task list) may be made
once for the page: `once_while_reading`.
"""

import functools
from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

from django.db import connection, transaction
from django.views.decorators.http import require_safe

WRITES = ("insert", "update", "delete")


T = TypeVar("T")
# What a page that only reads has read (`once_while_reading`); None outside such a page.
_READ: ContextVar[dict | None] = ContextVar("read_while_reading", default=None)


class WroteOnARead(RuntimeError):
    """A page that only reads sent a write: a fault in the portal."""


def _refuse_writes(execute, sql, params, many, context):
    if sql.lstrip()[:6].lower() in WRITES:
        raise WroteOnARead(f"A page that only reads tried to write: {sql[:80]}")
    return execute(sql, params, many, context)


_refuse_writes.passes_selects = True  # a prepared query, always a SELECT, need not pass it


def once_while_reading(key: tuple, read: Callable[[], T]) -> T:
    """`read()`, made once for `key` while a page only reads, and handed to each part of the
    page that asks (do not change it); anywhere else (a POST, a task, a test), made each
    time."""
    kept = _READ.get()
    if kept is None:
        return read()
    if key not in kept:
        kept[key] = read()
    return kept[key]


def _reading(view, request, *args, **kwargs):
    """The view, with any write refused and its reads kept for the page."""
    token = _READ.set({})
    try:
        with connection.execute_wrapper(_refuse_writes):
            return view(request, *args, **kwargs)
    finally:
        _READ.reset(token)


def reads_only(view):
    """`require_safe` (GET and HEAD only, else 405), outside the request's transaction, with
    any write refused."""

    @functools.wraps(view)
    def reading(request, *args, **kwargs):
        return _reading(view, request, *args, **kwargs)

    return transaction.non_atomic_requests(require_safe(reading))


def reads_when_safe(view):
    """A page that shows a form on GET and HEAD and saves it on POST: GET and HEAD as
    `reads_only` (outside a transaction, any write refused), any other method in a
    transaction of its own, as every request's was."""

    @functools.wraps(view)
    def page(request, *args, **kwargs):
        if request.method in ("GET", "HEAD"):
            return _reading(view, request, *args, **kwargs)
        with transaction.atomic():
            return view(request, *args, **kwargs)

    return transaction.non_atomic_requests(page)
