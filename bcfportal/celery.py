"""The Celery application, configured from Django settings prefixed CELERY_."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bcfportal.settings")

app = Celery("bcfportal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
