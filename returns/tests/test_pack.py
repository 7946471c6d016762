"""The return pack for the Board's papers: a tagged PDF with every font embedded, whose words
are the cover report's, the sections', the figures asked about, the conversations and the
changes since the last signed version; of one return or several; from the portal and from
`manage.py return_pack`."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from pytest_django.asserts import assertContains

from conftest import demo_user
from governance.conversations import conversation_start
from returns import workflow
from returns.pack import pack_html, pack_pdf
from returns.services import answers_save, confirmation_give

NORFOLK = "E10000020"
PACK = reverse("return-pack", args=[NORFOLK])
POPPLER = pytest.mark.skipif(
    shutil.which("pdffonts") is None, reason="poppler-utils (pdffonts, pdfinfo, pdftotext)"
)


def poppler(tool: str, pdf: Path) -> str:
    return subprocess.run([tool, str(pdf), *(["-"] if tool == "pdftotext" else [])],
                          capture_output=True, text=True, check=True).stdout  # fmt: skip


@pytest.fixture
def signed_with_history(norfolk):
    """Norfolk's Q3 return signed off, reopened, changed, confirmed, discussed, signed again."""
    officer, signer = demo_user("officer.norfolk"), demo_user("signoff.norfolk")
    workflow.return_mark_ready(quarterly_return=norfolk, user=officer)
    workflow.return_sign_off(quarterly_return=norfolk, user=signer, on_behalf_of="The Board")
    workflow.return_reopen(quarterly_return=norfolk, user=signer, reason="Q3 income was wrong.")
    answers_save(quarterly_return=norfolk, values={"ie_income_actual_q3": 1_584_695},
                 user=officer, source="form")  # fmt: skip
    for key in ("income_actual_far_from_plan", "income_actual_times_previous"):
        confirmation_give(quarterly_return=norfolk, key=key, user=officer,
                          explanation="A transfer to reserves, agreed by the Board.")  # fmt: skip
    conversation_start(subject=norfolk, hwb_area=norfolk.hwb_area, about="section:cover",
                       title="Who signs", text="The sub-group, as in December.",
                       user=officer)  # fmt: skip
    workflow.return_mark_ready(quarterly_return=norfolk, user=officer)
    body = "BCF sub-group of the Norfolk Health and Wellbeing Board"
    workflow.return_sign_off(quarterly_return=norfolk, user=signer, on_behalf_of=body)
    norfolk.refresh_from_db()
    return norfolk


def test_the_pack_holds_the_cover_report_sections_checks_conversations_and_changes(
    signed_with_history,
):
    html = pack_html([signed_with_history])
    for words in (
        "Norfolk’s Q3 2015/16 return", "Purpose", "Recommendation",
        "That the Board notes Norfolk’s Q3 2015/16 Better Care Fund return, signed off on its "
        "behalf as version 2", "(signoff.norfolk) on", "All 142 checklist questions pass.",
        "3. National Conditions", "Income actual Q3 2015/16",
        "A transfer to reserves, agreed by the Board.", "Who signs (open)",
        "The sub-group, as in December.", "1 answer changed since version 1",
    ):  # fmt: skip
        assert words in html, words
    assert "£1,584,695" in html


@POPPLER
def test_the_pdf_is_tagged_its_fonts_embedded_and_its_words_the_covers(
    signed_with_history, tmp_path
):
    pdf = tmp_path / "pack.pdf"
    pdf.write_bytes(pack_pdf([signed_with_history]))
    assert "Tagged:          yes" in poppler("pdfinfo", pdf)
    fonts = poppler("pdffonts", pdf).splitlines()[2:]
    assert fonts, "the PDF names no font"
    for line in fonts:
        assert line.split()[-5] == "yes", f"not embedded: {line}"  # the `emb` column
        assert "DejaVu" in line
    text = poppler("pdftotext", pdf)
    assert "Better Care Fund return for the Board: Norfolk, Q3 2015/16" in text
    assert "Recommendation" in text
    assert "All 142 checklist questions pass." in text


def test_several_returns_make_one_pack_in_period_order(signed_in, norfolk):
    from returns.selectors import period_by_code
    from returns.services import return_get_or_create

    return_get_or_create(hwb_area=norfolk.hwb_area, period=period_by_code("fy1516_q4"))
    page = signed_in("analyst").get(PACK, {"period": ["fy1516_q4", "fy1516_q3"], "as": "html"})
    html = page.content.decode()
    assert "Norfolk, Q3 2015/16 and Q4 2015/16" in html
    assert html.index("Norfolk’s Q3 2015/16 return") < html.index("Norfolk’s Q4 2015/16 return")
    assert "That the Board approves Norfolk’s Q4 2015/16" in html


@POPPLER
def test_the_portal_gives_the_pdf_to_members_only(signed_in, norfolk):
    response = signed_in("signoff.norfolk").get(PACK, {"period": "fy1516_q3", "as": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    assert "BCF-return-pack-Norfolk-fy1516_q3.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content)[:5] == b"%PDF-"
    assert signed_in("officer.other").get(PACK, {"period": "fy1516_q3"}).status_code == 404


def test_choosing_no_return_or_another_areas_is_explained(signed_in, norfolk):
    chooser = signed_in("officer.norfolk").get(PACK)
    assertContains(chooser, "Which returns?")
    refused = signed_in("officer.norfolk").get(PACK, {"period": "fy1617_q3"})  # not started
    assertContains(refused, "Choose at least one of the area’s returns.", status_code=400)
    overview = signed_in("officer.norfolk").get(reverse("return", args=[NORFOLK, "fy1516_q3"]))
    assertContains(overview, f"{PACK}?period=fy1516_q3&amp;as=pdf", html=False)


@POPPLER
def test_the_command_writes_the_pack(norfolk, tmp_path, capsys):
    out = tmp_path / "pack.pdf"
    call_command("return_pack", "--hwb", NORFOLK, "--period", "fy1516_q3", "--output", str(out))
    assert out.read_bytes()[:5] == b"%PDF-"
    assert "Norfolk, Q3 2015/16" in capsys.readouterr().out
    with pytest.raises(CommandError, match="Norfolk has no Q2 2016/17 return"):
        call_command("return_pack", "--hwb", NORFOLK, "--period", "fy1617_q2", "--output",
                     str(out))  # fmt: skip
