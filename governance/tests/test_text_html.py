"""The small pieces of HTML that pages written in Python share say what Django's would."""

from django.utils.html import conditional_escape

from governance.models import HwbArea
from governance.text_html import shown
from schemes.models import Scheme


def test_a_choice_is_shown_by_its_label_as_djangos_display_shows_it_escaped():
    """Every choice of a scheme's theme and status, none chosen, and a value no choice has
    (kept before a choice was dropped): each the text `get_<name>_display()` gives, escaped."""
    for name in ("theme", "status"):
        for value in [value for value, _ in Scheme._meta.get_field(name).flatchoices] + [
            "",
            "<gone & away>",
        ]:
            scheme = Scheme(**{name: value})
            expected = conditional_escape(getattr(scheme, f"get_{name}_display")())
            assert shown(scheme, name) == expected
    assert shown(Scheme(theme="<gone & away>"), "theme") == "&lt;gone &amp; away&gt;"
    area = HwbArea(region="")
    assert shown(area, "region") == conditional_escape(area.get_region_display())
