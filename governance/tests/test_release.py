"""The release is shown to signed-in users, and to no one else: pyproject.toml's version."""

import tomllib
from pathlib import Path

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"
VERSION = tomllib.loads(PYPROJECT.read_text())["project"]["version"]

pytestmark = pytest.mark.django_db


def test_signed_in_users_see_the_version_in_the_footer(signed_in):
    footer = f'<p class="govuk-body-s" id="release">Version {VERSION}</p>'
    assertContains(signed_in("officer.norfolk").get(reverse("home")), footer, html=True)


def test_nobody_signed_out_learns_it(client):
    assertNotContains(client.get(reverse("login")), VERSION)
    health = client.get("/healthz")
    assert health.content == b"ok\n"


def test_the_changelog_has_this_release_with_what_an_operator_must_do():
    changelog = (PYPROJECT.parent / "CHANGELOG.md").read_text()
    assert changelog.startswith("# Changelog")
    assert "keepachangelog.com" in changelog
    section = changelog.split(f"## [{VERSION}]")[1].split("\n## [")[0]
    assert "### Upgrading" in section
