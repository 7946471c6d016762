"""The suite's own set-up (`conftest.py`): after a test that commits, the demo is copied back
over whatever the test left, without Django's `flush`; the browser tests' Chromium."""

import shutil

import pytest
from django.db import connection
from django.test import TransactionTestCase
from django.test.utils import CaptureQueriesContext

from governance.models import HwbArea, Membership
from returns.models import Answer

from .test_browser import chromium_path


def test_after_a_committing_test_the_demo_is_back_and_the_tests_rows_gone(demo):
    """What the teardown of a test that commits does (here inside this test's transaction,
    which is rolled back after it)."""
    answers = Answer.objects.count()
    norfolk = HwbArea.objects.get(ons_code="E10000020")
    HwbArea.objects.filter(pk=norfolk.pk).update(name="Changed by a test")
    HwbArea.objects.create(name="Made by a test", ons_code="E99999999")
    Membership.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        TransactionTestCase._fixture_teardown(TransactionTestCase())
    assert HwbArea.objects.get(pk=norfolk.pk).name == "Norfolk"
    assert not HwbArea.objects.filter(ons_code="E99999999").exists()
    assert Membership.objects.exists()
    assert Answer.objects.count() == answers
    sql = " ".join(query["sql"] for query in queries.captured_queries).upper()
    assert "TRUNCATE" not in sql  # no flush
    assert "DJANGO_CONTENT_TYPE" not in sql  # content types and permissions left as migrated


@pytest.mark.django_db(transaction=True)
def test_a_committing_test_finds_the_demo_as_loaded(demo):
    """Each of these two may run after the other on the same worker: each finds the demo."""
    assert HwbArea.objects.get(ons_code="E10000020").name == "Norfolk"
    HwbArea.objects.filter(ons_code="E10000020").update(name="Committed by a test")


@pytest.mark.django_db(transaction=True)
def test_another_committing_test_finds_the_demo_as_loaded(demo):
    assert HwbArea.objects.get(ons_code="E10000020").name == "Norfolk"
    HwbArea.objects.filter(ons_code="E10000020").update(name="Committed by a test")


def test_the_headless_shell_is_preferred_to_the_whole_browser(monkeypatch):
    installed = {"chromium": "/usr/bin/chromium"}
    monkeypatch.setattr(shutil, "which", installed.get)
    assert chromium_path() == "/usr/bin/chromium"
    installed["chromium-headless-shell"] = "/usr/bin/chromium-headless-shell"
    assert chromium_path() == "/usr/bin/chromium-headless-shell"
    installed.clear()
    assert chromium_path() is None
