"""How `demo-before-layers.json.gz` was made: the demo as the layout before the core app
(commit a647e39, where areas, people and the change record lived in `plans` and `bcfportal`)
stored it, with a recorded change to each kind of record that later moved.

It runs only against that commit's code, e.g.:

    git worktree add /tmp/before a647e39 && cd /tmp/before
    DEBUG=true DATABASE_URL=sqlite:////tmp/before.sqlite3 DEMO_PASSWORD=layout-test-password \
        python manage.py migrate && ... seed_demo && shell < tests/data/make_layout_snapshot.py

`tests/test_layout_migration.py` loads it into a database at that layout and migrates it.
"""

import gzip
import io

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from bcfportal.audit import field_values, record_changes
from bcfportal.models import ChangeSource
from plans.models import FinancialYear, HwbArea, Membership, Partner, Plan
from plans.services import ContributionInput, plan_funding_save

admin = get_user_model().objects.get(username="admin")
officer = get_user_model().objects.get(username="officer.norfolk")
for obj in [
    HwbArea.objects.get(ons_code="E10000020"),
    Partner.objects.get(code="NCC"),
    FinancialYear.objects.get(start_year=2016),
    Membership.objects.filter(user=officer).first(),
]:
    before = field_values(obj)
    after = {**before, next(iter(before)): before[next(iter(before))] + " (checked)"}
    record_changes(obj=obj, before=before, after=after, user=admin, source=ChangeSource.ADMIN)
    LogEntry.objects.create(
        user=admin, content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk),
        object_repr=str(obj)[:200], action_flag=CHANGE, change_message="Checked.",
    )
plan = Plan.objects.get(hwb_area__ons_code="E10000020", financial_year__start_year=2016)
plan_funding_save(
    plan=plan, user=officer, revision=plan.revision, pooled_fund_total=plan.pooled_fund_total,
    contributions=[
        ContributionInput(partner=c.partner, amount=c.amount + 1, amount_last_year=c.amount_last_year)
        for c in plan.contributions.select_related("partner")
    ],
)
out = io.StringIO()
call_command("dumpdata", "--all", "--indent", "0", "--exclude", "sessions", stdout=out)
with gzip.open("tests/data/demo-before-layers.json.gz", "wt") as f:
    f.write(out.getvalue())
