"""Changes to plans, contributions and schemes are recorded: who, when, how, old → new."""

import pytest
from django.urls import reverse

from governance.models import RecordChange
from plans.models import Contribution, Plan
from schemes.models import Scheme

pytestmark = pytest.mark.django_db


def change_form_data(response) -> dict:
    """What the admin change page would post back unchanged: its form and every inline."""
    data = {}

    def add(form):
        for name in form.fields:
            value = form[name].value()
            key = form.add_prefix(name)
            if isinstance(value, list | tuple):
                data[key] = [str(v) for v in value]
            elif value is not None and value is not False:
                data[key] = "on" if value is True else str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data


def test_an_admin_change_to_a_plan_and_its_contributions_is_recorded(signed_in):
    plan = Plan.objects.get(hwb_area__ons_code="E10000020", financial_year__start_year=2016)
    client = signed_in("admin")
    url = reverse("admin:plans_plan_change", args=[plan.pk])
    data = change_form_data(client.get(url))
    data["pooled_fund_total"] = "63573470"
    first = Contribution.objects.filter(plan=plan).order_by("partner__name").first()
    position = next(k for k, v in data.items() if k.endswith("-id") and v == str(first.pk))
    prefix = position.removesuffix("-id")
    data[f"{prefix}-amount"] = str(first.amount + 1)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    pooled = RecordChange.objects.get(field="pooled_fund_total")
    assert (pooled.old_value, pooled.new_value) == ("63573469", "63573470")
    assert (pooled.user.username, pooled.source, pooled.action) == ("admin", "admin", "changed")
    amount = RecordChange.objects.get(field="amount")
    assert (amount.old_value, amount.new_value) == (str(first.amount), str(first.amount + 1))
    assert amount.object_repr == str(first)


def test_a_deleted_scheme_is_recorded_with_what_it_held(signed_in):
    scheme = Scheme.objects.filter(plan__hwb_area__ons_code="E10000020").first()
    client = signed_in("admin")
    url = reverse("admin:schemes_scheme_delete", args=[scheme.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    deleted = RecordChange.objects.filter(action="deleted", object_id=str(scheme.pk))
    assert deleted.get(field="name").old_value == scheme.name
    assert deleted.get(field="reference").object_repr == str(scheme)


def test_the_rows_deleted_with_a_record_and_bulk_deletions_are_recorded_too(signed_in):
    from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

    from schemes.models import InvestmentLine

    norfolk = Scheme.objects.filter(plan__hwb_area__ons_code="E10000020")
    first, second = norfolk.filter(investment_lines__isnull=False).distinct()[:2]
    lines = list(InvestmentLine.objects.filter(scheme__in=[first, second]))
    assert lines
    response = signed_in("admin").post(
        reverse("admin:schemes_scheme_changelist"),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [first.pk, second.pk], "post": "yes"},
    )
    assert response.status_code == 302
    deleted = RecordChange.objects.filter(action="deleted", source="admin")
    assert {int(r.object_id) for r in deleted.filter(field="name")} >= {first.pk, second.pk}
    line_ids = {int(r.object_id) for r in deleted.filter(field="description")}
    assert line_ids >= {line.pk for line in lines}  # each line went with its scheme, recorded


def test_the_record_of_changes_cannot_be_edited(signed_in):
    client = signed_in("admin")
    assert client.get(reverse("admin:governance_recordchange_changelist")).status_code == 200
    assert client.get(reverse("admin:governance_recordchange_add")).status_code == 403
