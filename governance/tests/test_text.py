"""Text as pages show it: Word's font-specific bullets, pasted in, shown as bullets."""

from hypothesis import given
from hypothesis import strategies as st

from governance.text import readable

WORD_BULLETS = "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8"  # Symbol and Wingdings bullets


def test_each_of_words_bullets_is_shown_as_a_bullet():
    assert readable(f"Teams:\n{WORD_BULLETS[0]} nursing\n{WORD_BULLETS[1]} therapy") == (
        "Teams:\n• nursing\n• therapy"
    )
    assert readable(WORD_BULLETS) == "•" * 6


@given(st.text(alphabet=st.sampled_from(f"ab \n•<&{WORD_BULLETS}\uf0b6\uf077"), max_size=60))
def test_nothing_else_changes(text):
    shown = readable(text)
    assert len(shown) == len(text)
    for before, after in zip(text, shown, strict=True):
        assert after == ("•" if before in WORD_BULLETS else before)
