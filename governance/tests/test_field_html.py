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
