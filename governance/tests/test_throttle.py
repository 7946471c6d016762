"""Password resets are counted where every process sees them: two processes, as two
gunicorn workers would be, asking at once for one address send no more than the limit."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import demo_user
from governance.tests.test_worker import database_url_of_the_test_database

PROJECT = Path(__file__).resolve().parents[2]

ASKING = """
import sys, django
django.setup()
from django.test import Client
client = Client()
for _ in range(int(sys.argv[2])):
    response = client.post("/password/reset/", {"email": sys.argv[1]})
    assert response.status_code == 302, response.status_code
"""


@pytest.mark.django_db(transaction=True)
def test_two_processes_asking_at_once_send_no_more_than_the_limit(demo, tmp_path):
    email = demo_user("officer.norfolk").email
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bcfportal.test_settings",
        "DATABASE_URL": database_url_of_the_test_database(),
        "ALLOWED_HOSTS": "testserver",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "PASSWORD_RESET_PER_ADDRESS": "3",
    }
    processes = [
        subprocess.Popen([sys.executable, "-c", ASKING, email, "4"], cwd=PROJECT, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for _ in range(2)
    ]  # fmt: skip
    for process in processes:
        output, _ = process.communicate(timeout=120)
        assert process.returncode == 0, output
    sent = list((tmp_path / "mail").iterdir())
    assert len(sent) == 3, f"{len(sent)} e-mails for 8 requests"


@pytest.mark.django_db
def test_attempts_older_than_a_day_are_forgotten():
    from datetime import timedelta

    from django.utils import timezone

    from governance.models import Attempt
    from governance.tasks import tidy_up
    from governance.throttle import attempt_allowed

    hour = timedelta(hours=1)
    assert attempt_allowed(scope="test", key="k", limit=1, window=hour)
    assert not attempt_allowed(scope="test", key="k", limit=1, window=hour)
    Attempt.objects.update(at=timezone.now() - timedelta(days=1, minutes=1))
    assert attempt_allowed(scope="test", key="k", limit=1, window=hour)  # the old ones age out
    assert tidy_up()["attempts"] == 2
    assert list(Attempt.objects.values_list("scope", flat=True)) == ["test"]
    assert not Attempt.objects.filter(key="k").exists()  # kept by an HMAC, never in clear
