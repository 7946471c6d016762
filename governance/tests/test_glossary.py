"""Abbreviations in words: marked where pages print them, listed on the glossary page."""

from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from governance.glossary import GLOSSARY, abbreviated, plain


def test_an_abbreviation_is_marked_with_its_expansion_and_the_rest_escaped():
    assert abbreviated("5. I&E <b>") == (
        '5. <abbr title="income and expenditure">I&amp;E</abbr> &lt;b&gt;'
    )
    assert abbreviated("Actual Q3 15/16 NEAs") == (
        'Actual Q3 15/16 <abbr title="non-elective admissions">NEAs</abbr>'
    )
    assert abbreviated("NHSE and CCGs") == "NHSE and CCGs"  # whole words only


def test_checklist_symbols_are_written_out():
    assert plain("Payments >= suggested") == "Payments at least suggested"
    assert plain("payment is <> suggested payment") == "payment is different from suggested payment"


def test_the_glossary_lists_every_abbreviation(signed_in):
    page = signed_in("officer.norfolk").get(reverse("glossary"))
    for short, (in_full, _) in GLOSSARY.items():
        assertContains(page, in_full[:1].upper() + in_full[1:])
        assertContains(page, f">{short}<".replace("&", "&amp;"), html=False)


def test_pages_mark_abbreviations_and_link_the_glossary(signed_in):
    client = signed_in("officer.norfolk")
    overview = client.get(reverse("return", args=["E10000020", "fy1516_q3"]))
    assertContains(overview, '<abbr title="income and expenditure">I&amp;E</abbr>', html=False)
    assertContains(overview, f'href="{reverse("glossary")}"')
    checklist = client.get(reverse("return-checklist", args=["E10000020", "fy1516_q3"]))
    assertNotContains(checklist, "&gt;=")
    assertNotContains(checklist, "&lt;&gt;")
    assertContains(checklist, "Cumulative quarterly Actual Payments at least Cumulative")


def test_remembered_words_are_escaped_whatever_came_first():
    """Titles and labels are worked out once and remembered: text that was safe markup once
    is still escaped when the same characters come from someone's input."""
    from django.template import Context, Template
    from django.utils.safestring import mark_safe

    page = Template("{{ safe|plain }}|{{ typed|plain }}|{{ safe|abbr }}|{{ typed|abbr }}")
    shown = page.render(Context({"safe": mark_safe("<b>HWB</b>"), "typed": "<b>HWB</b>"}))
    assert "<b>" not in shown
    assert shown.count("&lt;b&gt;") == 4
