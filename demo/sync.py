"""Idempotent writes: bring rows to a wanted state, touching only what differs.

Running a loader twice must change nothing, not even `updated_at`, so these
helpers save a row only when a value differs from what is wanted.
"""

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.db import models

M = TypeVar("M", bound=models.Model)

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


def fixture(name: str) -> dict[str, Any]:
    """A JSON file of the project's `fixtures/` folder."""
    with (FIXTURES_DIR / name).open(encoding="utf-8") as f:
        return json.load(f)


def set_differing(obj: models.Model, values: dict[str, Any]) -> list[str]:
    """Give `obj` the `values` it does not hold yet (unsaved); the names of those changed."""
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    return changed


def sync(model: type[M], lookup: dict[str, Any], values: dict[str, Any] | None = None) -> M:
    """The row matching `lookup`, created or updated so that it holds `values`."""
    values = values or {}
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values)
    if changed := set_differing(obj, values):
        obj.save(update_fields=changed)
    return obj


def sync_rows(model: type[M], parent: dict[str, Any], rows: Iterable[dict[str, Any]]) -> list[M]:
    """A repeating part (ordered by `position`) made exactly `rows`, in order."""
    kept = [
        sync(model, {**parent, "position": position}, row)
        for position, row in enumerate(rows, start=1)
    ]
    model.objects.filter(**parent).exclude(pk__in=[obj.pk for obj in kept]).delete()
    return kept


def sync_keyed(
    model: type[M], parent: dict[str, Any], key: str, rows: dict[Any, dict[str, Any]]
) -> list[M]:
    """Rows of `model` under `parent`, one per `key` value, exactly those of `rows`."""
    kept = [sync(model, {**parent, key: k}, values) for k, values in rows.items()]
    model.objects.filter(**parent).exclude(pk__in=[obj.pk for obj in kept]).delete()
    return kept
