"""{% link %} and {% asset %}: `{% url %}` (for an address without arguments) and
`{% static %}`, each address worked out once.

Every page's header and footer link to the same five addresses and load the same six files,
and `{% url %}` and `{% static %}` work each out again each time: more than half of the base
template's CPU (issue 33). These give the same text, escaped as those tags escape it,
remembered by the address's name (or the file's path), the script prefix the portal is
served under and the URL configuration; a changed setting (in a test) forgets them."""

from functools import lru_cache

from django import template
from django.core.signals import setting_changed
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()


@register.simple_tag
def link(name: str) -> str:
    """{% link 'home' %}: `{% url 'home' %}`."""
    return _link(get_script_prefix(), get_urlconf(), name)


@register.simple_tag
def asset(path: str) -> str:
    """{% asset 'css/portal.css' %}: `{% static 'css/portal.css' %}`."""
    return _asset(get_script_prefix(), path)


@lru_cache(maxsize=256)
def _link(prefix: str, urlconf, name: str) -> str:
    return reverse(name, urlconf=urlconf)


@lru_cache(maxsize=256)
def _asset(prefix: str, path: str) -> str:
    return static(path)


def _forget(**kwargs) -> None:
    _link.cache_clear()
    _asset.cache_clear()


setting_changed.connect(_forget, dispatch_uid="links-forget")
