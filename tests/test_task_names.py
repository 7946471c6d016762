"""Every task the portal sends by name is registered under that name, and the tasks that moved
into the national app kept the names they had in `returns`: a task queued before an upgrade,
and beat's schedule, still find theirs."""

import re
from pathlib import Path

from celery import current_app
from django.apps import apps
from django.conf import settings

PROJECT = Path(__file__).resolve().parents[1]
SENT = re.compile(r'task_send\(\s*"([a-z_.]+)"|signature\(\s*"([a-z_.]+)"|notify="([a-z_.]+)"')


def registered() -> dict:
    current_app.loader.autodiscover_tasks([config.name for config in apps.get_app_configs()])
    return current_app.tasks


def test_every_task_sent_by_name_or_scheduled_is_registered():
    sent = set()
    for path in PROJECT.glob("*/**/*.py"):
        if ".venv" in path.parts or "tests" in path.parts:
            continue
        for match in SENT.finditer(path.read_text()):
            sent.add(next(name for name in match.groups() if name))
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert len(sent) > 8
    assert sent | scheduled <= set(registered())


def test_the_national_tasks_keep_their_names_from_returns():
    tasks = registered()
    for name in ("returns.export_national", "returns.export_national_chunk",
                 "returns.export_national_finish", "returns.open_round",
                 "returns.send_reminders"):  # fmt: skip
        assert tasks[name].__module__ == "national.tasks", name
