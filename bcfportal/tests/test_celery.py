"""The worker's database connections: kept between tasks as between requests (issue 33)."""

from types import SimpleNamespace

from celery.signals import task_postrun, task_prerun

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
