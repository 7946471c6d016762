# The last sign of life of a job the worker makes a file for, to tell one whose worker died.

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("returns", "0007_keep_history"),
    ]

    operations = [
        migrations.AddField(
            model_name="workbookexport",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True,
                default=django.utils.timezone.now,
                help_text="Its last sign of life: queued, started, progress, finished.",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="nationalexport",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True,
                default=django.utils.timezone.now,
                help_text="Its last sign of life: queued, started, progress, finished.",
            ),
            preserve_default=False,
        ),
    ]
