"""Opening a reporting round: a return for every HWB area of the period, each pre-filled as
one started from its area's page; from the admin (through the worker) or the command."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from governance.models import HwbArea
from national.rounds import round_open
from returns.models import QuarterlyReturn, ReportingPeriod
from returns.selectors import return_answers

pytestmark = pytest.mark.django_db


def test_opening_a_round_makes_a_return_for_every_area_once(demo):
    period = ReportingPeriod.objects.get(quarter=3, financial_year__start_year=2015)
    before = {r.pk: r.revision for r in QuarterlyReturn.objects.all()}  # Norfolk, Borsetshire
    assert round_open(period=period) == HwbArea.objects.count() - 2 == 150
    assert QuarterlyReturn.objects.filter(period=period).count() == 152
    assert {r.pk: r.revision for r in QuarterlyReturn.objects.filter(pk__in=before)} == before
    suffolk = QuarterlyReturn.objects.get(hwb_area__ons_code="E10000029")
    assert (suffolk.status, suffolk.template_version) == ("draft", period.template_version)
    assert return_answers(quarterly_return=suffolk)["cover_hwb"] == "Suffolk"  # pre-populated
    assert round_open(period=period) == 0  # opened again: nothing more


def test_the_admin_opens_a_round_through_the_worker(signed_in, django_capture_on_commit_callbacks):
    period = ReportingPeriod.objects.get(quarter=3, financial_year__start_year=2015)
    client = signed_in("admin")
    changelist = reverse("admin:returns_reportingperiod_changelist")
    assert "2 of 152 areas" in client.get(changelist).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            changelist,
            {"action": "open_round", "_selected_action": [period.pk]},
            follow=True,
        )
    assert "making a return for each of the 150 HWB areas that have none" in (
        response.content.decode()
    )
    assert QuarterlyReturn.objects.filter(period=period).count() == 152
    assert "152 of 152 areas" in client.get(changelist).content.decode()


def test_the_command_opens_a_round_and_refuses_a_period_it_does_not_know(demo, capsys):
    call_command("open_round", period="fy1516_q3")
    assert capsys.readouterr().out == "Q3 2015/16: 150 returns made.\n"
    with pytest.raises(Exception, match="There is no reporting period 'fy1718_q1'"):
        call_command("open_round", period="fy1718_q1")


ROUND = reverse("round-status", args=["fy1516_q3"])


def deadline(days: int) -> None:
    import datetime

    from django.utils import timezone

    ReportingPeriod.objects.update(submission_deadline=timezone.now() + datetime.timedelta(days))


def status_rows(page) -> list[tuple[str, str]]:
    """(area, status words) of each row of the round's table."""
    import re

    body = page.content.decode().split('id="round-status"', 1)[1].split("</tbody>", 1)[0]
    area = r'<th scope="row"[^>]*>(?:<a[^>]*>)?([^<]+)(?:</a>)?</th>\s*'
    return re.findall(area + r"<td[^>]*>[^<]*</td>\s*<td[^>]*>([^<]+?)\s*(?:<strong|</td>)", body)


def test_a_national_analyst_sees_every_areas_status_with_counts_and_overdue(signed_in):
    from conftest import demo_user
    from returns import workflow

    norfolk = QuarterlyReturn.objects.get(hwb_area__ons_code="E10000020", period__quarter=3)
    workflow.return_mark_ready(quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    workflow.return_sign_off(quarterly_return=norfolk, user=demo_user("signoff.norfolk"),
                             on_behalf_of="The Board")  # fmt: skip
    client = signed_in("analyst.national")
    page = client.get(ROUND)
    text = page.content.decode()
    counts = text.split('id="round-counts"', 1)[1].split("</ul>", 1)[0]
    assert "Not started</a>: <strong>150</strong>" in counts
    assert "In progress</a>: <strong>1</strong>" in counts  # Borsetshire
    assert "Signed off</a>: <strong>1</strong>" in counts  # Norfolk
    assert "151 overdue" in text  # the deadline, 26 February 2016, has passed
    rows = dict(status_rows(page))
    assert len(rows) == 152
    assert (rows["Norfolk"], rows["Borsetshire"], rows["Suffolk"]) == (
        "Signed off", "In progress", "Not started",
    )  # fmt: skip
    assert "142 of 142" in text  # Norfolk's checks, kept with its answers
    deadline(10)
    assert "overdue" not in client.get(ROUND).content.decode().lower()


def test_the_round_filters_by_status_and_region_and_sorts(signed_in):
    client = signed_in("analyst.national")
    london = dict(status_rows(client.get(f"{ROUND}?region=London")))
    assert len(london) == 33
    assert "City of London" in london
    assert "Norfolk" not in london
    drafts = status_rows(client.get(f"{ROUND}?status=draft&sort=-area"))
    assert [area for area, _ in drafts] == ["Norfolk", "Borsetshire"]
    by_checks = status_rows(client.get(f"{ROUND}?sort=-checks"))
    assert by_checks[0][0] == "Norfolk"  # 142 passed, the most
    assert 'aria-sort="descending"' in client.get(f"{ROUND}?sort=-checks").content.decode()


def test_the_round_downloads_as_csv_and_a_spreadsheet_with_the_pages_rows(signed_in):
    import csv
    import io

    import openpyxl

    client = signed_in("analyst.national")
    url = reverse("round-status-download", args=["fy1516_q3", "csv"])
    response = client.get(f"{url}?region=Midlands and East&sort=area")
    assert 'filename="BCF-Q3-2015-16-round-status.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["ONS code", "HWB area", "NHS England region", "Status", "Overdue"]
    norfolk = next(row for row in rows if row[1] == "Norfolk")
    assert norfolk[:7] == ["E10000020", "Norfolk", "Midlands and East", "In progress", "Yes",
                           "142", "142"]  # fmt: skip
    assert {row[2] for row in rows[1:]} == {"Midlands and East"}
    xlsx = client.get(reverse("round-status-download", args=["fy1516_q3", "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 1 + 152
    assert [c.value for c in sheet[1]][:2] == ["ONS code", "HWB area"]
    assert (
        client.get(reverse("round-status-download", args=["fy1516_q3", "pdf"])).status_code == 404
    )


def test_an_area_analyst_sees_their_areas_and_officers_are_refused(signed_in):
    rows = dict(status_rows(signed_in("analyst").get(ROUND)))
    assert set(rows) == {"Norfolk", "Borsetshire"}
    assert len(status_rows(signed_in("admin").get(ROUND))) == 152  # national, no area
    assert signed_in("officer.norfolk").get(ROUND).status_code == 403
    assert signed_in("analyst").get(reverse("round-status", args=["fy1718_q1"])).status_code == 404


def test_the_round_costs_the_same_queries_for_two_areas_as_for_every_area(
    signed_in, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as two_areas:
        assert signed_in("analyst").get(ROUND).status_code == 200
    round_open(
        period=ReportingPeriod.objects.get(quarter=3, financial_year__start_year=2015)
    )  # 150 more returns
    with django_assert_max_num_queries(len(two_areas)):
        assert signed_in("analyst.national").get(ROUND).status_code == 200


def test_a_rows_cells_link_tag_and_date_it_as_the_site_shows_them(signed_in):
    """The table's rows are written in Python (issue 33): each cell as the template wrote it,
    every name escaped, every date in the site's time zone."""
    import datetime

    from returns.models import Extension

    period = ReportingPeriod.objects.get(quarter=3, financial_year__start_year=2015)
    HwbArea.objects.filter(ons_code="E10000020").update(name="Norfolk <& Waveney>")
    QuarterlyReturn.objects.filter(hwb_area__ons_code="E10000020").update(
        synthetic=True, updated_at=datetime.datetime(2016, 5, 3, 23, 30, tzinfo=datetime.UTC)
    )
    Extension.objects.create(
        period=period, hwb_area=HwbArea.objects.get(ons_code="E10000020"),
        until=datetime.datetime(2016, 3, 4, 17, 0, tzinfo=datetime.UTC),
    )  # fmt: skip
    page = signed_in("analyst.national").get(ROUND).content.decode()
    norfolk = page.split("Norfolk &lt;&amp; Waveney&gt;", 1)
    assert len(norfolk) == 2, "the area's name, escaped"
    row = norfolk[0].rsplit("<tr", 1)[1] + norfolk[1].split("</tr>", 1)[0]
    assert 'href="/areas/E10000020/returns/fy1516_q3/"' in row
    assert "Synthetic figures</strong>" in row
    assert 'In progress <strong class="govuk-tag govuk-tag--red">Overdue</strong>' in row
    assert "Extended to 4 Mar 2016, 17:00" in row  # GMT
    assert "4 May 2016, 00:30" in row  # the last change, in British Summer Time
    assert row.endswith('<td class="govuk-table__cell">–</td>')  # never signed off
    suffolk = page.split(">Suffolk</th>", 1)[1].split("</tr>", 1)[0]
    assert "Not started" in suffolk
    assert "0 of 142" in suffolk
    assert ">Suffolk</a>" not in page
