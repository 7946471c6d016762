"""The return pack: what a Health and Wellbeing Board minutes and attaches when it approves one
or more returns (some Boards approve Q1 to Q3 together), as the seed's Norfolk papers do.

For each return: a cover report for the Board (purpose, recommendation, who signed it off and
when, the checklist result), each section laid out as its workbook tab lays it out (tables as
grids), the figures the portal asked about with the officers' reasons, the conversations, and
what changed since the last signed-off version. One HTML document (`returns/pack.html`, with
`static/css/pack.css`), printed by a browser or made a PDF by WeasyPrint: tagged, in DejaVu
Sans (vendored in `static/fonts/dejavu`, whose licence lets a PDF embed it; GDS Transport's
does not), every font embedded.
"""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from governance.conversations import conversations_on

from .models import QuarterlyReturn, ReturnStatus, ReturnVersion
from .selectors import (
    Asked,
    ReturnState,
    answer_differences,
    decoded_answers,
    difference_count,
    return_cautions,
    return_state,
)
from .shown import ShownSection, shown_sections

STYLESHEET = Path(settings.BASE_DIR) / "static" / "css" / "pack.css"


class PackUnavailable(Exception):
    """This machine cannot make PDFs (WeasyPrint, or the Pango it needs, is missing)."""


@dataclass
class PackedReturn:
    quarterly_return: QuarterlyReturn
    state: ReturnState
    sections: list[ShownSection]
    signed: ReturnVersion | None  # the version signed off, when it is
    since: ReturnVersion | None  # the signed version the changes are counted from
    changes: list | None  # [(section, rows)] since `since`; None when there is none
    change_count: int
    confirmed: list[Asked]
    conversations: list

    @property
    def recommendation(self) -> str:
        area, period = self.quarterly_return.hwb_area.name, self.quarterly_return.period.label
        if self.signed is not None:
            return (f"That the Board notes {area}’s {period} Better Care Fund return, signed "
                    f"off on its behalf as version {self.signed.number}, and the submission to "
                    "NHS England.")  # fmt: skip
        return (f"That the Board approves {area}’s {period} Better Care Fund return for "
                "submission to NHS England, or says what must change.")  # fmt: skip


def packed(quarterly_return: QuarterlyReturn) -> PackedReturn:
    state = return_state(quarterly_return=quarterly_return)
    versions = list(quarterly_return.versions.select_related("signed_off_by").order_by("number"))
    signed_off = quarterly_return.status in (ReturnStatus.SIGNED_OFF, ReturnStatus.SUBMITTED)
    signed = versions[-1] if signed_off and versions else None
    earlier = [v for v in versions if v.number < quarterly_return.version]
    since = earlier[-1] if earlier else None
    changes = None
    if since is not None:
        before = decoded_answers(answers=since.answers.items(), definition=state.definition)
        changes = answer_differences(
            definition=state.definition, before=before, after=state.answers
        )
    threads = [
        (c, list(c.comments.select_related("user"))) for c in conversations_on(quarterly_return)
    ]
    return PackedReturn(
        quarterly_return=quarterly_return,
        state=state,
        sections=shown_sections(state.definition, state.values),
        signed=signed,
        since=since,
        changes=changes,
        change_count=difference_count(changes),
        confirmed=[one for one in return_cautions(state=state) if one.confirmed],
        conversations=threads,
    )


def pack_html(quarterly_returns: list[QuarterlyReturn], *, for_screen: bool = False) -> str:
    """The pack as one HTML document."""
    returns = [packed(r) for r in quarterly_returns]
    area = quarterly_returns[0].hwb_area
    periods = " and ".join(", ".join(r.period.label for r in quarterly_returns).rsplit(", ", 1))
    return render_to_string(
        "returns/pack.html",
        {
            "returns": returns,
            "area": area,
            "periods": periods,
            "made_at": timezone.localtime(),
            "for_screen": for_screen,
        },
    )


def pack_pdf(quarterly_returns: list[QuarterlyReturn]) -> bytes:
    """The pack as a tagged PDF, its fonts embedded."""
    try:
        from weasyprint import CSS, HTML
    except (ImportError, OSError) as error:  # OSError: Pango is not installed
        raise PackUnavailable(str(error)) from None
    html = pack_html(quarterly_returns)
    # The stylesheet's fonts are found beside it (static/fonts), whatever the working folder.
    return HTML(string=html, base_url=str(STYLESHEET.parent)).write_pdf(
        stylesheets=[CSS(filename=str(STYLESHEET))], pdf_tags=True
    )


def in_period_order(quarterly_returns: list[QuarterlyReturn]) -> list[QuarterlyReturn]:
    """The returns of a pack as the Board reads them: the earliest period first."""
    return sorted(quarterly_returns,
                  key=lambda r: (r.period.financial_year.start_year, r.period.quarter))  # fmt: skip


def pack_filename(quarterly_returns: list[QuarterlyReturn]) -> str:
    area = quarterly_returns[0].hwb_area.name.replace(" ", "-")
    periods = "-".join(r.period.code for r in quarterly_returns)
    return f"BCF-return-pack-{area}-{periods}.pdf"
