"""{% link %} and {% asset %}: `{% url %}` and `{% static %}`, each address worked out once.

Every page's header and footer link to the same five addresses and load the same six files,
and `{% url %}` and `{% static %}` work each out again each time: more than half of the base
template's CPU (issue 33). A return's pages link to its sections, checklist, steps and
versions by the area's code and the period's, again on every page. These give the same
text, escaped as those tags escape it, remembered by the address's name and arguments (text
and whole numbers; any other argument is worked out each time), or the file's path, the
script prefix the portal is served under and the URL configuration; a changed setting (in a
test) forgets them."""

from functools import lru_cache, partial

from django import template
from django.core.signals import setting_changed
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()


@register.simple_tag
def link(name: str, *args) -> str:
    """{% link 'home' %}: `{% url 'home' %}`; {% link 'return' area.ons_code period.code %}:
    `{% url 'return' area.ons_code period.code %}`."""
    return _linked(get_script_prefix(), get_urlconf(), name, *args)


REMEMBERED = (str, int)  # exactly: a subclass may turn into other text in an address


def _linked(prefix: str, urlconf, name: str, *args) -> str:
    if all(type(arg) in REMEMBERED for arg in args):
        return _link(prefix, urlconf, name, args)
    return reverse(name, args=args)


@register.simple_tag
def asset(path: str) -> str:
    """{% asset 'css/portal.css' %}: `{% static 'css/portal.css' %}`."""
    return _asset(get_script_prefix(), path)


def addresses():
    """(`link`, `asset`) for a page written in Python that links to many: the script prefix
    and the URL configuration looked up once for all of them. Each look-up goes through
    asgiref's context-local storage, 3.3 µs of a link's 4 to 5 (the plan page links about
    thirty times)."""
    prefix = get_script_prefix()
    return partial(_linked, prefix, get_urlconf()), partial(_asset, prefix)


@lru_cache(maxsize=8192)  # 152 areas × 6 periods × the few addresses of a return's pages
def _link(prefix: str, urlconf, name: str, args: tuple) -> str:
    return reverse(name, urlconf=urlconf, args=args)


@lru_cache(maxsize=256)
def _asset(prefix: str, path: str) -> str:
    return static(path)


def _forget(**kwargs) -> None:
    _link.cache_clear()
    _asset.cache_clear()


setting_changed.connect(_forget, dispatch_uid="links-forget")
