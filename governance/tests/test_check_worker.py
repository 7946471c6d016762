"""check_worker says plainly when there is no worker to check, instead of pretending."""

import io

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_without_a_broker_it_says_there_is_no_worker_and_sends_nothing(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    out = io.StringIO()
    call_command("check_worker", stdout=out)
    assert "there is no worker to check" in out.getvalue()
    assert "A worker answered" not in out.getvalue()


def test_with_a_broker_but_no_result_backend_it_says_what_to_set(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_RESULT_BACKEND = None
    with pytest.raises(CommandError, match="Set CELERY_RESULT_BACKEND"):
        call_command("check_worker", stdout=io.StringIO())
