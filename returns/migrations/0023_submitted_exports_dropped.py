"""The exports a return's versions and events named as submitted are now their submissions'
own copies (0022): the old columns go."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("returns", "0022_submissions_moved")]

    operations = [
        migrations.RemoveField(model_name="returnevent", name="export"),
        migrations.RemoveField(model_name="returnversion", name="submitted"),
    ]
