"""The worker's database connections, kept between tasks as between requests, and its
garbage collector, settled as a web worker's (issue 33)."""

import gc
from types import SimpleNamespace

from celery.signals import task_postrun, task_prerun, worker_process_init, worker_ready

from bcfportal import celery


def test_a_task_treats_its_connections_as_a_request_does(monkeypatch):
    """Before and after each task Django's `close_old_connections` decides (CONN_MAX_AGE, a
    broken connection, one left in a transaction), not Celery's fixup, which would close
    every connection after every task: it is told to recycle them only every 2,000. A task
    run eagerly is inside a request (or a test) that does this itself."""
    closed = []
    monkeypatch.setattr("django.db.close_old_connections", lambda: closed.append("checked"))
    for signal in (task_prerun, task_postrun):
        assert celery.connections_as_for_a_request in [
            receiver() for _, receiver in signal.receivers
        ]
    celery.connections_as_for_a_request(sender=SimpleNamespace(request=SimpleNamespace()))
    eager = SimpleNamespace(request=SimpleNamespace(is_eager=True))
    celery.connections_as_for_a_request(sender=eager)
    assert closed == ["checked"]
    assert celery.app.conf.get("CELERY_DB_REUSE_MAX") == 1000


def test_a_worker_settles_once_it_has_loaded_the_portal_as_a_web_worker_does():
    """Its own process (a solo pool's) and each process a prefork pool starts: what it
    loaded frozen, its youngest generation collected after 10,000 objects; a test process has
    its collector back after."""
    for signal in (worker_ready, worker_process_init):
        assert celery.settled in [receiver() for _, receiver in signal.receivers]
    threshold = gc.get_threshold()
    gc.unfreeze()
    gc.set_threshold(700, 10, 10)
    try:
        celery.settled(sender=None)
        assert gc.get_freeze_count() > 1000
        assert gc.get_threshold() == (10_000, 10, 10)
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
