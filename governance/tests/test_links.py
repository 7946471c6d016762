"""{% link %} and {% asset %} write what {% url %} and {% static %} write, escaped alike,
and forget what they remembered when a setting changes."""

import pytest
from django.template import engines
from django.test import override_settings

NAMES = ["home", "glossary", "logout", "password_change", "admin:index", "login"]
PATHS = ["css/portal.css", "js/init.js", "govuk/govuk-frontend.min.css", "a file & <more>.css"]


def rendered(source: str, autoescape: bool = True) -> str:
    if not autoescape:
        source = "{% autoescape off %}" + source + "{% endautoescape %}"
    return engines["django"].from_string("{% load static %}" + source).render({})


@pytest.mark.parametrize("autoescape", [True, False])
def test_each_writes_what_djangos_tag_writes(autoescape):
    for name in NAMES:
        assert rendered(f"{{% link '{name}' %}}", autoescape) == rendered(
            f"{{% url '{name}' %}}", autoescape
        )
    for path in PATHS:
        assert rendered(f"{{% asset '{path}' %}}", autoescape) == rendered(
            f"{{% static '{path}' %}}", autoescape
        )


def test_a_changed_setting_is_not_remembered():
    before = rendered("{% asset 'css/portal.css' %}")
    with override_settings(STATIC_URL="/elsewhere/"):
        moved = rendered("{% asset 'css/portal.css' %}")
        assert moved == rendered("{% static 'css/portal.css' %}")
        assert moved != before
    assert rendered("{% asset 'css/portal.css' %}") == before
