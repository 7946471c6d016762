"""How `demo-before-national.json.gz` was made: the demo as the layout before the national
app (commit 7cbda5e, release 0.2.0, where the national exports and the reminders lived in
`returns`) stored it, with a national export and a reminder of each kind, and an admin log
entry for each kind of record that later moved.

It runs only against that commit's code, e.g.:

    git worktree add /tmp/before-national 7cbda5e && cd /tmp/before-national
    DEBUG=true DATABASE_URL=sqlite:////tmp/before-national.sqlite3 \\
        DEMO_PASSWORD=layout-test-password python manage.py migrate && ... seed_demo \\
        && ... shell < tests/data/make_national_snapshot.py

`tests/test_layout_migration.py` loads it into a database at that layout and migrates it.
"""

import gzip
import io

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from governance.models import ExportStatus, HwbArea
from returns.models import NationalExport, Reminder, ReportingPeriod

admin = get_user_model().objects.get(username="admin")
analyst = get_user_model().objects.get(username="analyst")
period = ReportingPeriod.objects.get(financial_year__start_year=2015, quarter=3)
moved = [
    NationalExport.objects.create(period=period, requested_by=analyst, include_drafts=True,
                                  status=ExportStatus.FAILED, error="Checked.", total=2),
    NationalExport.objects.create(period=period, requested_by=analyst),
]
for area, moment, audience in [("E10000020", "before", "officers"),
                               ("E10000020", "deadline", "signers"),
                               ("E99999001", "before", "officers")]:
    moved.append(Reminder.objects.create(hwb_area=HwbArea.objects.get(ons_code=area),
                                         period=period, moment=moment, audience=audience,
                                         sent_to=2))
for obj in (moved[0], moved[2]):
    LogEntry.objects.create(
        user=admin, content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk),
        object_repr=str(obj)[:200], action_flag=CHANGE, change_message="Checked.",
    )
out = io.StringIO()
call_command("dumpdata", "--all", "--indent", "0", "--exclude", "sessions", stdout=out)
with gzip.open("tests/data/demo-before-national.json.gz", "wt") as f:
    f.write(out.getvalue())
