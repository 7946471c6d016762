"""Template filters for words: abbreviations marked, checklist symbols written out."""

from django import template

from governance.glossary import labelled, plain
from governance.text import readable

register = template.Library()


@register.filter(name="abbr")
def abbr(text):
    """{{ section.title|abbr }}: `5. I&E` with `I&E` as <abbr title="income and expenditure">."""
    return labelled(text)


@register.filter(name="plain")
def plain_filter(text):
    """{{ check.label|plain }}: `a >= b` -> `a at least b`."""
    return plain(str(text))


@register.filter(name="readable")
def readable_filter(text):
    """{{ scheme.overview|readable }}: Word's Symbol-font bullets (an empty box) as •."""
    return readable(str(text)) if text else text
