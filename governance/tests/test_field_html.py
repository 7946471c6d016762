"""GOV.UK radios, written in Python (`governance.field_html.radios`): labelled, linked to
their hint and error, the answer checked, and every text escaped."""

from django import forms
from django.utils.safestring import mark_safe

from governance.field_html import radios

CHOICES = [("Yes", "Yes"), ("No", "No"), ('<b a="1">', 'Not <i>sure</i> & "other"')]


class Question(forms.Form):
    answer = forms.ChoiceField(
        label="Is it <right>?", help_text="Say what you <think>", choices=CHOICES,
        widget=forms.RadioSelect, required=True,
    )  # fmt: skip


def test_each_choice_is_a_radio_and_the_first_carries_the_fields_id():
    html = radios(Question(initial={"answer": "No"})["answer"])
    assert html.count('class="govuk-radios__input"') == 3
    assert '<input class="govuk-radios__input" id="id_answer" name="answer" type="radio"' in html
    assert 'id="id_answer-2" name="answer" type="radio" value="No" checked>' in html
    assert 'for="id_answer-3">Not &lt;i&gt;sure&lt;/i&gt; &amp; &quot;other&quot;</label>' in html
    assert 'value="&lt;b a=&quot;1&quot;&gt;">' in html
    assert html.count(" checked") == 1


def test_the_legend_and_hint_are_the_fields_unless_given():
    own = radios(Question()["answer"])
    assert 'legend--s">Is it &lt;right&gt;?</legend>' in own
    assert '<div id="id_answer-hint" class="govuk-hint">Say what you &lt;think&gt;</div>' in own
    assert '<fieldset class="govuk-fieldset" aria-describedby="id_answer-hint">' in own
    given = radios(Question()["answer"], legend=mark_safe("<abbr>HWB</abbr>?"), hint="Why")
    assert 'legend--s"><abbr>HWB</abbr>?</legend>' in given
    assert 'class="govuk-hint">Why</div>' in given


def test_an_error_is_announced_with_the_radios():
    form = Question(data={"answer": "Maybe"})
    assert not form.is_valid()
    html = radios(form["answer"], hint="")
    assert (
        '<fieldset class="govuk-fieldset" aria-describedby="id_answer-hint id_answer-error">'
        in (html)
    )
    error = '<p id="id_answer-error" class="govuk-error-message">'
    assert f'{error}<span class="govuk-visually-hidden">Error:</span> Select a valid' in html
    assert " checked" not in html  # "Maybe" is none of the choices


def test_a_read_only_question_disables_every_radio():
    form = Question(initial={"answer": "Yes"})
    form.fields["answer"].disabled = True
    html = radios(form["answer"])
    assert html.count(" disabled>") == 3


class When(forms.Form):
    from governance.forms import UkDateField

    when = UkDateField(label="When did it <start>?", help_text="For example, 31 3 2016 & so")
    locked = UkDateField(label="Locked", required=False, disabled=True)


def test_a_date_is_three_boxes_the_day_box_carrying_the_fields_id():
    """Written in Python since issue 33 (a template each, they were a fifth of the national
    conditions page's CPU): the same HTML as the templates wrote."""
    import datetime

    from governance.field_html import date_input

    field = When(initial={"when": datetime.date(2016, 3, 31)})["when"]
    html = date_input(field, legend="When did it <start>?", hint="For example & so",
                      hint_id="when-hint")  # fmt: skip
    assert '<fieldset class="govuk-fieldset" role="group" aria-describedby="when-hint">' in html
    assert "When did it &lt;start&gt;?</legend>" in html
    assert '<div class="govuk-hint" id="when-hint">For example &amp; so</div>' in html
    assert '<div class="govuk-date-input" id="id_when-boxes">' in html
    for label, id_, name, value in (("Day", "id_when", "when_day", "31"),
                                    ("Month", "id_when_1", "when_month", "3"),
                                    ("Year", "id_when_2", "when_year", "2016")):  # fmt: skip
        assert (
            f'<label class="govuk-label govuk-date-input__label" for="{id_}">{label}</label>'
            in html
        )
        assert f'id="{id_}" name="{name}" type="text" inputmode="numeric" value="{value}">' in html
    assert "error" not in html


def test_a_wrong_date_keeps_what_was_typed_escaped_and_says_why():
    from governance.field_html import date_input

    form = When(data={"when_day": "31", "when_month": '2"><b>', "when_year": "2016"})
    assert not form.is_valid()
    html = date_input(form["when"], legend="When", hint="", hint_id="when-hint")
    assert 'role="group" aria-describedby=" id_when-error">' in html
    assert '<p id="id_when-error" class="govuk-error-message"><span class="govuk-visually' in html
    assert 'name="when_month" type="text" inputmode="numeric" value="2&quot;&gt;&lt;b&gt;">' in html


def test_a_locked_date_is_three_disabled_boxes():
    html = str(When()["locked"])
    assert html.count(" disabled>") == 3
