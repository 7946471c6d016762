"""The form renderer writes text boxes, tick boxes, text areas and selects exactly as Django's
templates do."""

import copy

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from hypothesis import given, settings
from hypothesis import strategies as st

from governance.field_html import esc
from governance.renderers import PortalFormRenderer, QuickSelect

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
VALUES = st.one_of(
    st.none(), TEXT, st.integers(), st.just(mark_safe("<b>safe</b>")), st.booleans(), st.just("")
)
ATTRS = st.dictionaries(
    st.sampled_from(["class", "id", "aria-describedby", "data-x", "spellcheck", "required"]),
    st.one_of(TEXT, st.booleans(), st.integers(), st.just(mark_safe("a&b"))),
    max_size=5,
)
WIDGETS = [forms.TextInput, forms.NumberInput, forms.EmailInput, forms.URLInput,
           forms.HiddenInput, forms.DateInput, forms.Textarea, forms.CheckboxInput]  # fmt: skip


def rendered(renderer, widget, name, value, attrs) -> str:
    return widget.render(name, value, attrs=attrs, renderer=renderer)


@settings(max_examples=300, deadline=None)
@given(widget=st.sampled_from(WIDGETS), name=TEXT, value=VALUES, attrs=ATTRS)
def test_each_widget_is_the_templates_html_character_for_character(widget, name, value, attrs):
    made = rendered(PortalFormRenderer(), widget(), name, value, attrs)
    assert made == rendered(DjangoTemplates(), widget(), name, value, attrs)


CHOICES = st.lists(
    st.one_of(
        st.tuples(TEXT, TEXT),
        st.tuples(TEXT, st.lists(st.tuples(TEXT, TEXT), max_size=3)),  # an optgroup
        st.tuples(st.integers(), TEXT),
    ),
    max_size=5,
)


@settings(max_examples=200, deadline=None)
@given(choices=CHOICES, name=TEXT, value=VALUES, attrs=ATTRS, multiple=st.booleans())
def test_a_select_is_the_templates_html_character_for_character(
    choices, name, value, attrs, multiple
):
    widget = forms.SelectMultiple if multiple else forms.Select
    value = [value] if multiple else value
    made = rendered(PortalFormRenderer(), widget(choices=choices), name, value, attrs)
    assert made == rendered(DjangoTemplates(), widget(choices=choices), name, value, attrs)


@pytest.mark.parametrize("widget", [forms.RadioSelect(choices=[("a", "A")]), forms.FileInput()])
def test_other_widgets_are_rendered_by_their_templates(widget):
    assert rendered(PortalFormRenderer(), widget, "x", "a", {}) == rendered(
        DjangoTemplates(), widget, "x", "a", {}
    )


def test_the_portal_uses_it(settings):
    from django.forms.renderers import get_default_renderer

    assert isinstance(get_default_renderer(), PortalFormRenderer)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(VALUES, st.builds(lambda t: gettext_lazy(t), TEXT)))
def test_the_quick_escape_is_djangos_conditional_escape(text):
    assert esc(text) == conditional_escape(text)


FLAT = st.lists(st.one_of(st.tuples(TEXT, TEXT), st.tuples(st.integers(), TEXT)), max_size=6)


@settings(max_examples=300, deadline=None)
@given(choices=st.one_of(FLAT, CHOICES), name=TEXT, value=VALUES, attrs=ATTRS)
def test_the_quick_select_is_djangos_select_character_for_character(choices, name, value, attrs):
    made = QuickSelect(choices=choices).render(name, value, attrs=attrs)
    assert made == forms.Select(choices=choices).render(
        name, value, attrs=attrs, renderer=DjangoTemplates()
    )


def test_the_quick_select_shows_its_choices_as_they_are_when_it_is_rendered():
    """Options are written once per list of choices: new choices, or choices worked out each
    time (a callable), are written afresh."""
    widget = QuickSelect(choices=[("a", "Apple"), ("b", "Banana")])
    assert ">Banana<" in widget.render("fruit", "b")
    widget.choices = [("c", "Cherry")]
    assert ">Cherry<" in widget.render("fruit", "c")
    assert "Banana" not in widget.render("fruit", "c")
    fruits = [[("a", "Apple")]]
    counted = QuickSelect(choices=lambda: fruits[-1])
    assert ">Apple<" in counted.render("fruit", "")
    fruits.append([("d", "Damson")])
    assert ">Damson<" in counted.render("fruit", "")
    copied = copy.copy(widget)
    assert copied.render("fruit", "c") == widget.render("fruit", "c")
    assert 'value="c" selected' in copied.render("fruit", "c")
    assert "selected" not in copied.render("fruit", "x")
