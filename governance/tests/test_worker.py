"""A real Celery worker, in its own process, takes a task from the real broker and runs it
against the test database. Skipped, with the reason, when no broker is reachable."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from celery import Celery
from django.conf import settings
from django.db import connection

from conftest import service_missing
from governance.tests.factories import HwbAreaFactory, MembershipFactory

PROJECT = Path(__file__).resolve().parents[2]
DEFAULT_BROKER = "redis://127.0.0.1:6379/0"

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def broker_url() -> str:
    url = settings.CELERY_BROKER_URL or DEFAULT_BROKER
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        service_missing(f"No Celery broker reachable at {url} ({error}); start Redis to run this.")
    return url


def database_url_of_the_test_database() -> str:
    """DATABASE_URL for the database this test run writes to (pytest-django's test_… one)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker(worker_process):
    """The queue of a `celery worker` process of its own."""
    return worker_process[0]


@pytest.fixture
def worker_process(broker_url):
    """A `celery worker` process on a queue of its own: (queue, process), stopped (and its
    log shown) after. It runs one task at a time in that process (the solo pool)."""
    queue = f"test-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bcfportal.test_settings",
        "DATABASE_URL": database_url_of_the_test_database(),
        "CELERY_BROKER_URL": broker_url,
        "CELERY_RESULT_BACKEND": broker_url,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),  # files the worker makes land where the test looks
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "bcfportal", "worker", "--pool=solo",
         "--without-gossip", "--without-mingle", "--without-heartbeat",
         "-Q", queue, "-n", f"{queue}@%h", "--loglevel=INFO"],
        cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        yield queue, process
    finally:
        process.terminate()
        log, _ = process.communicate(timeout=30)
        print(log)  # shown by pytest when the test fails


def test_a_real_worker_runs_the_health_check_against_our_database(worker, broker_url):
    HwbAreaFactory.create_batch(2)
    MembershipFactory()  # and its area: three areas, one membership

    client = Celery("test-client", broker=broker_url, backend=broker_url, set_as_current=False)
    result = client.send_task("governance.health_check", queue=worker)
    report = result.get(timeout=60)

    assert report["database"] == connection.vendor
    assert (report["hwb_areas"], report["memberships"]) == (3, 1)
