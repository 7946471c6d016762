"""Two values with the changed words marked: whole, escaped, and nothing but the marks added."""

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from governance.worddiff import word_diff

MARKS = re.compile(r"</?(ins|del)>")


def test_words_removed_and_added_are_marked_and_escaped():
    marked = word_diff("Plan agreed <b>by</b> the Board", "Plan agreed by the whole Board")
    assert marked.before == "Plan agreed <del>&lt;b&gt;by&lt;/b&gt;</del> the Board"
    assert marked.after == "Plan agreed <ins>by</ins> the <ins>whole</ins> Board"


def test_a_sentence_added_at_the_end_is_all_that_is_marked():
    before = "The schemes progress well.\n\nWinter pressures remain."
    marked = word_diff(before, before + " A new sentence.")
    assert marked.before == html.escape(before)
    assert marked.after.endswith("remain. <ins>A new sentence.</ins>")


@given(st.text(max_size=80), st.text(max_size=80))
def test_each_side_is_the_whole_value_once_the_marks_are_taken_out(before, after):
    marked = word_diff(before, after)
    assert html.unescape(MARKS.sub("", marked.before)) == before
    assert html.unescape(MARKS.sub("", marked.after)) == after
    assert "<ins>" not in marked.before
    assert "<del>" not in marked.after
