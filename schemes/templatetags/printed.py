"""{% load printed %}{{ schemes|printed_schemes }}: the printable plan's schemes, written by
schemes.print_html."""

from django import template

from schemes.print_html import printed_schemes

register = template.Library()
register.filter("printed_schemes", printed_schemes)
