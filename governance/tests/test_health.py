"""`/healthz`: the container's own probe gets an answer under production settings."""

import pytest
from django.db import OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db

BEHIND_TLS = {
    "ALLOWED_HOSTS": ["bcf.example.org"],
    "SECURE_SSL_REDIRECT": True,
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
}


def test_the_probe_on_plain_http_and_the_containers_own_address_gets_ok(settings):
    for name, value in BEHIND_TLS.items():
        setattr(settings, name, value)
    client = Client(HTTP_HOST="127.0.0.1:8000")
    assert client.get("/sign-in/").status_code == 400  # any other page: not this host
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert response["Cache-Control"] == "no-store"


def test_without_the_database_the_probe_says_so(settings, monkeypatch):
    from django.db import connection

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "ensure_connection", refuse)
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.content == b"database unavailable\n"


def test_it_answers_nothing_else():
    assert Client().post("/healthz").status_code == 405
    assert Client().get("/healthz/more").status_code == 404
