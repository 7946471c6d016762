"""Recording changes to plans, contributions, schemes and their parts.

`record_changes(before, after)` compares two states of one record field by
field; the admin records through `AuditedAdmin` (its own saves and its inline
rows), and the plan and scheme forms will call the same function.
"""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.deletion import Collector

from .models import ChangeAction, ChangeSource, RecordChange

UNTRACKED = {"id", "created_at", "updated_at"}


def field_values(obj: models.Model) -> dict[str, str]:
    """The record's own fields as text (a relation as its key), as a change shows them."""
    values = {}
    for field in obj._meta.concrete_fields:
        if field.name in UNTRACKED:
            continue
        value = getattr(obj, field.attname)
        values[field.name] = "" if value is None else str(value)
    return values


def record_changes(
    *, obj: models.Model, before: dict | None, after: dict | None, user, source: str,
    object_id=None, object_repr: str | None = None,
) -> list[RecordChange]:  # fmt: skip
    """One RecordChange per field that differs; `before` None: created, `after` None: deleted."""
    action = (
        ChangeAction.CREATED if before is None
        else ChangeAction.DELETED if after is None
        else ChangeAction.CHANGED
    )  # fmt: skip
    before, after = before or {}, after or {}
    user = user if user is not None and user.is_authenticated else None
    changes = [
        RecordChange(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
            object_id=str(object_id if object_id is not None else obj.pk),
            object_repr=(object_repr or str(obj))[:200],
            action=action,
            field=name,
            old_value=before.get(name, ""),
            new_value=after.get(name, ""),
            user=user,
            source=source,
        )
        for name in sorted({*before, *after})
        if before.get(name, "") != after.get(name, "")
    ]
    return RecordChange.objects.bulk_create(changes)


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin that records every change it makes: inline rows, rows deleted with a
    record and bulk deletions included."""

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        before = field_values(type(obj).objects.get(pk=obj.pk)) if change and obj.pk else None
        super().save_model(request, obj, form, change)
        record_changes(obj=obj, before=before, after=field_values(obj), user=request.user,
                       source=ChangeSource.ADMIN)  # fmt: skip

    @transaction.atomic
    def delete_model(self, request, obj):
        self.delete_queryset(request, type(obj).objects.filter(pk=obj.pk))

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        """Deletes the records (one, or the selected ones) and every row that goes with them,
        each deletion recorded, field by field."""
        collector = Collector(using=queryset.db)
        collector.collect(queryset)
        deleted = [
            (row, field_values(row), row.pk, str(row))
            for rows in [*collector.data.values(), *collector.fast_deletes]
            for row in rows
            if not row._meta.auto_created  # a many-to-many link is not a record
        ]
        super().delete_queryset(request, queryset)
        for row, before, pk, name in deleted:
            record_changes(obj=row, before=before, after=None, user=request.user,
                           source=ChangeSource.ADMIN, object_id=pk, object_repr=name)  # fmt: skip

    @transaction.atomic
    def save_formset(self, request, form, formset, change):
        rows = [(row, row.instance.pk, str(row.instance)) for row in formset.forms]
        model = formset.model
        before = {
            pk: field_values(existing)
            for existing in model.objects.filter(pk__in=[pk for _, pk, _ in rows if pk])
            for pk in [existing.pk]
        }
        deleted = {id(row) for row in formset.deleted_forms}
        super().save_formset(request, form, formset, change)
        who = {"user": request.user, "source": ChangeSource.ADMIN}
        for row, pk, name in rows:
            if id(row) in deleted and pk:
                record_changes(obj=row.instance, before=before[pk], after=None, object_id=pk,
                               object_repr=name, **who)  # fmt: skip
            elif row.has_changed() and row.instance.pk:
                after = field_values(row.instance)
                record_changes(obj=row.instance, before=before.get(pk), after=after, **who)
