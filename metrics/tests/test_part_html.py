"""The metric targets page's fieldsets, written in Python (issue 33), are the HTML its
template loop wrote: the part's template as it was is kept here as the oracle
(`metrics_loop.html`), for the page as it opens and refused with errors, with text that
needs escaping."""

from pathlib import Path

import pytest
from django.template import engines
from django.template.loader import get_template
from django.test import RequestFactory

from metrics.forms import MetricsForm
from metrics.models import MetricDefinition
from plans.models import Plan

pytestmark = pytest.mark.django_db

LOOP = (Path(__file__).parent / "metrics_loop.html").read_text()
ODD = "I&E \"<b>bold</b>\" 'quoted'"


def pages(form) -> tuple[str, str]:
    """The part as its template wrote it, and as it writes it now."""
    context = {"form": form, "plan": form.plan}
    request = RequestFactory().get("/")
    old = engines["django"].from_string(LOOP).render(context, request)
    return old, get_template("plans/parts/metrics.html").render(context, request)


@pytest.fixture
def plan(demo):
    MetricDefinition.objects.filter(pk=MetricDefinition.objects.first().pk).update(
        name=ODD, description=ODD
    )
    return Plan.objects.get(hwb_area__ons_code="E10000020", financial_year__start_year=2016)


def test_the_page_as_it_opens_is_what_the_loop_wrote(plan):
    old, new = pages(MetricsForm(plan=plan))
    assert "I&amp;E &quot;&lt;b&gt;bold" in new
    assert new.count("<fieldset") == MetricDefinition.objects.count() > 1
    assert new == old


def test_a_page_refused_with_errors_is_what_the_loop_wrote(plan):
    form = MetricsForm(plan=plan)
    data = dict.fromkeys(form.fields, "") | {"revision": plan.revision}
    key = MetricDefinition.objects.first().key
    form = MetricsForm(data | {f"{key}_q1": "-5", f"{key}_q2": "lots"}, plan=plan)
    assert not form.is_valid()
    old, new = pages(form)
    assert "govuk-form-group--error" in new
    assert new == old
