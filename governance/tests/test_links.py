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


# Addresses with arguments: text and whole numbers (remembered), text that an address must
# quote, and safe text (a subclass of str: worked out each time).
WITH_ARGUMENTS = [
    ("return", "'E10000020' 'fy1516_q3'"),
    ("return-version", "'E10000020' 'fy1516_q3' 2"),
    ("hwb-area", "odd"),
    ("hwb-area", "safe"),
]


@pytest.mark.parametrize("autoescape", [True, False])
@pytest.mark.parametrize(("name", "arguments"), WITH_ARGUMENTS)
def test_an_address_with_arguments_is_what_djangos_tag_writes(name, arguments, autoescape):
    from django.template import Context
    from django.utils.safestring import mark_safe

    context = Context({"odd": 'A & "B" <c>', "safe": mark_safe("E06000001")})
    source = "{% autoescape " + ("on" if autoescape else "off") + " %}{% TAG %}{% endautoescape %}"
    for _ in range(2):  # worked out, then remembered
        ours = (
            engines["django"]
            .from_string(source.replace("TAG", f"link '{name}' {arguments}"))
            .template.render(context)
        )
        djangos = (
            engines["django"]
            .from_string(source.replace("TAG", f"url '{name}' {arguments}"))
            .template.render(context)
        )
        assert ours == djangos
        named = (
            engines["django"]
            .from_string(f"{{% link '{name}' {arguments} as here %}}[{{{{ here }}}}]")
            .template.render(context)
        )
        assert (
            named
            == "["
            + engines["django"]
            .from_string(f"{{% url '{name}' {arguments} as here %}}{{{{ here }}}}")
            .template.render(context)
            + "]"
        )


def test_a_changed_script_prefix_is_not_remembered():
    from django.urls import get_script_prefix, set_script_prefix

    source = "{% link 'return' 'E10000020' 'fy1516_q3' %}"
    before, prefix = rendered(source), get_script_prefix()
    set_script_prefix("/portal/")
    try:
        assert rendered(source) == "/portal" + before
    finally:
        set_script_prefix(prefix)
    assert rendered(source) == before


def test_addresses_for_a_page_are_the_tags_and_follow_the_script_prefix_they_were_made_in():
    """`addresses()` (a page written in Python, linking many times): the same text as
    `link` and `asset` give, without escaping, for names with and without arguments (safe
    text worked out each time); made under another script prefix, that prefix's."""
    from django.urls import get_script_prefix, reverse, set_script_prefix
    from django.utils.safestring import mark_safe

    from governance.templatetags.links import addresses, asset, link

    cases = [(name, ()) for name in NAMES] + [
        ("return", ("E10000020", "fy1516_q3")), ("return-version", ("E10000020", "fy1516_q3", 2)),
        ("hwb-area", ('A & "B" <c>',)), ("hwb-area", (mark_safe("E06000001"),)),
    ]  # fmt: skip
    prefix = get_script_prefix()
    for made_in in (prefix, "/portal/"):
        set_script_prefix(made_in)
        try:
            linked, found = addresses()
            for name, args in cases:
                assert linked(name, *args) == link(name, *args) == reverse(name, args=args)
            for path in PATHS:
                assert found(path) == asset(path)
            assert linked("home") == made_in
        finally:
            set_script_prefix(prefix)
