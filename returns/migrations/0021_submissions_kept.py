"""A return's submission is kept as a `governance.Submission` (0022 moves what was recorded
as submitted into it; 0023 drops the old columns). Three migrations, so that PostgreSQL
alters no table with the data move's updates pending."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0012_submissions"),
        ("returns", "0020_confirmations_of_figures"),
    ]

    operations = [
        migrations.AddField(
            model_name="returnevent",
            name="submission",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="governance.submission",
            ),
        ),
        migrations.AddField(
            model_name="returnversion",
            name="submission",
            field=models.OneToOneField(
                blank=True,
                help_text="What was sent to NHS England of this version, kept as it was sent.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="governance.submission",
            ),
        ),
    ]
