"""Figures across areas: a period's national figures (analysts and administrators), and an
area's own figures beside the national picture (everyone who reads the area)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.defaultfilters import pluralize
from django.urls import reverse

from governance import rules
from governance.charts import strip_chart
from governance.reading import reads_only
from governance.selectors import hwb_areas_for_user
from metrics.selectors import plan_metric_table
from plans.models import Plan
from returns.definitions import is_numeric, template
from returns.models import SIGNED_STATUSES, QuarterlyReturn
from returns.views import period_for_request

from .figures import (
    charts_csv,
    figure_shown,
    included_returns,
    national_figures,
    spread_csv,
    spread_of,
    template_charts,
)
from .figures_html import every_rows
from .rounds import round_areas
from .series import progress_tables, series_charts


def _csv(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _chart_csv(charts, chart_id: str) -> bytes:
    """The figures of the chart `chart_id` of these, or a 404."""
    chosen = [chart for chart in charts if chart.id == chart_id]
    if not chosen:
        raise Http404("No such chart")
    return charts_csv(chosen)


def _percent(value: float) -> str:
    return f"{value:+.1f}%"


def _national(request: HttpRequest, code: str):
    rules.require(request.user, rules.Action.NATIONAL_EXPORT)
    period = period_for_request(code)
    drafts = request.GET.get("drafts") == "yes"
    figures = national_figures(
        period=period, include_drafts=drafts, areas=round_areas(user=request.user)
    )
    definition = template(period.template_version)
    query = "?drafts=yes" if drafts else ""

    def download(chart_id: str) -> str:
        return reverse("national-figures-download", args=[code, chart_id]) + query

    charts = template_charts(
        definition, figures.total, download=download, answered=figures.answered
    )
    return period, figures, definition, charts, drafts, download


@reads_only
def national_figures_page(request: HttpRequest, period: str) -> HttpResponse:
    period_, figures, definition, charts, drafts, download = _national(request, period)
    included = included_returns(
        period=period_, include_drafts=drafts, areas=round_areas(user=request.user)
    )
    names = figures.names
    spread = {
        names[ons]: value for ons, value in spread_of(period=period_, returns=included).items()
    }
    strip = None
    if definition.spread is not None and spread:
        strip = strip_chart(
            id=definition.spread.id, title=definition.spread.title,
            summary=f"Each of {len(spread)} areas’ actual admissions against its plan, in "
                    "percent of the plan, smallest first: below the line fewer admissions "
                    "than planned.",
            values=spread.items(), shown=_percent, download=download("spread"),
        )  # fmt: skip
    every = [
        (question, section, _across(question, figures), figures.answered[question.id])
        for section in definition.sections for question in section.questions
        if is_numeric(question)
    ]  # fmt: skip
    headline = [
        (label, definition.question(id_), figures.answered[id_], _across(
            definition.question(id_), figures))
        for label, id_ in (("Total pooled fund", "ie_income_pooled_fund"),
                           ("Performance fund available (P4P)", "p4p_total_fund"))
        if definition.has(id_)
    ]  # fmt: skip
    return render(request, "national/national_figures.html", {
        "period": period_, "figures": figures, "charts": charts, "strip": strip,
        "every": every, "every_rows": every_rows(every), "drafts": drafts,
        "areas": len(figures.areas), "headline": headline,
    })  # fmt: skip


def _across(question, figures) -> str:
    """A figure across areas in words: the total of an amount or a count; a percentage's mean
    and median (never a sum); that no area answered, never £0."""
    if not figures.answered[question.id]:
        return "No area answered"
    if question.id in figures.means:
        mean = figure_shown(question, figures.means[question.id])
        median = figure_shown(question, figures.medians[question.id])
        return f"Mean {mean}, median {median}"
    return figure_shown(question, figures.total(question.id))


@reads_only
def national_figures_download(request: HttpRequest, period: str, chart: str) -> HttpResponse:
    period_, _, _, charts, drafts, _ = _national(request, period)
    if chart == "spread":
        included = included_returns(
            period=period_, include_drafts=drafts, areas=round_areas(user=request.user)
        )
        content = spread_csv(sorted(spread_of(period=period_, returns=included).items()))
    else:
        content = _chart_csv(charts, chart)
    label = "-with-DRAFTS" if drafts else ""
    return _csv(content, f"BCF-{period_.code}-national-{chart}{label}.csv")


def _series_returns(request: HttpRequest):
    """The returns the national series add up: signed off (drafts too when asked) in the
    areas the reader may read."""
    rules.require(request.user, rules.Action.NATIONAL_EXPORT)
    drafts = request.GET.get("drafts") == "yes"
    returns = QuarterlyReturn.objects.filter(hwb_area__in=round_areas(user=request.user))
    return (returns if drafts else returns.filter(status__in=SIGNED_STATUSES)), drafts


@reads_only
def national_series_page(request: HttpRequest) -> HttpResponse:
    returns, drafts = _series_returns(request)
    query = "?drafts=yes" if drafts else ""

    def download(chart_id: str) -> str:
        return reverse("national-series-download", args=[chart_id]) + query

    return render(request, "national/national_series.html", {
        "series": series_charts(returns=returns, download=download),
        "progress": progress_tables(returns=returns), "drafts": drafts,
    })  # fmt: skip


@reads_only
def national_series_download(request: HttpRequest, chart: str) -> HttpResponse:
    returns, drafts = _series_returns(request)
    content = _chart_csv(series_charts(returns=returns), chart)
    return _csv(content, f"BCF-national-{chart}{'-with-DRAFTS' if drafts else ''}.csv")


OTHER_AREA = "Another area"


def _area_spread(request: HttpRequest, area, quarterly_return) -> list[tuple[str, float]]:
    """The area's actual against its plan beside every signed-off area's, smallest first, by
    the name the reader may know each by. An area they do not read is "Another area",
    unnumbered and placed only by its value: a number or an order taken from anything public
    (its ONS code, its name) would name it."""
    period = quarterly_return.period
    if template(quarterly_return.template_version).spread is None:
        return []
    others = QuarterlyReturn.objects.filter(period=period, status__in=SIGNED_STATUSES)
    spread = spread_of(
        period=period, returns=others | QuarterlyReturn.objects.filter(pk=quarterly_return.pk)
    )
    readable = dict(
        hwb_areas_for_user(user=request.user)
        .filter(ons_code__in=spread)
        .values_list("ons_code", "name")
    )
    labelled = [(readable.get(ons, OTHER_AREA), value) for ons, value in spread.items()]
    return sorted(labelled, key=lambda pair: (pair[1], pair[0] == OTHER_AREA, pair[0]))


def _area_metrics(request: HttpRequest, ons_code: str):
    area = get_object_or_404(hwb_areas_for_user(user=request.user), ons_code=ons_code)
    rules.require(request.user, rules.Action.READ, area)
    returns = QuarterlyReturn.objects.filter(hwb_area=area).select_related("period__financial_year")
    chosen = request.GET.get("period")
    if chosen:
        quarterly_return = returns.filter(period=period_for_request(chosen)).first()
    else:
        quarterly_return = _figures_to_show(list(returns))
    return area, quarterly_return


def _figures_to_show(returns: list[QuarterlyReturn]) -> QuarterlyReturn | None:
    """The return whose figures an area's page opens on (newest first, as the model orders
    them): the newest signed off, else the newest complete, else the newest."""

    def complete(r: QuarterlyReturn) -> bool:
        return r.checks_passed == len(template(r.template_version).checks)

    for wanted in (lambda r: r.status in SIGNED_STATUSES, complete, lambda r: True):
        chosen = next((r for r in returns if wanted(r)), None)
        if chosen is not None:
            return chosen
    return None


@reads_only
def area_metrics(request: HttpRequest, ons_code: str) -> HttpResponse:
    """An area's own figures (its return, whatever its state), and where it stands among
    the areas that have signed theirs off: other areas named only to those who read them."""
    area, quarterly_return = _area_metrics(request, ons_code)
    context = {"area": area, "quarterly_return": quarterly_return, "charts": [], "strip": None,
               "periods": [r.period for r in QuarterlyReturn.objects.filter(hwb_area=area)
                           .select_related("period__financial_year")]}  # fmt: skip
    plans = Plan.objects.filter(hwb_area=area).select_related("financial_year")
    context["targets"] = [(plan, plan_metric_table(plan=plan)) for plan in plans]
    own_returns = QuarterlyReturn.objects.filter(hwb_area=area)
    context["series"] = series_charts(
        returns=own_returns, across_areas=False,
        download=lambda chart_id: reverse("area-metrics-download", args=[ons_code, chart_id]),
    )  # fmt: skip
    context["progress"] = progress_tables(returns=own_returns)
    if quarterly_return is not None:
        period = quarterly_return.period
        definition = template(quarterly_return.template_version)
        own = dict(quarterly_return.figures.values_list("question_id", "value"))
        query = f"?period={period.code}"

        def download(chart_id: str) -> str:
            return reverse("area-metrics-download", args=[ons_code, chart_id]) + query

        context["charts"] = template_charts(definition, own.get, download=download)
        labelled = _area_spread(request, area, quarterly_return)
        mine = next((value for label, value in labelled if label == area.name), None)
        if mine is not None:
            among = len(labelled)
            context["strip"] = strip_chart(
                id=definition.spread.id,
                title=f"{definition.spread.title}: {area.name} among the areas",
                summary=f"{area.name}: {_percent(mine)} against its plan, picked out in red "
                        f"among {among} area{pluralize(among)} (those signed off, and "
                        f"{area.name}), smallest first.",
                values=labelled, shown=_percent, highlight=area.name,
                download=download("spread"),
            )  # fmt: skip
            context["mine"], context["among"] = _percent(mine), among
    return render(request, "national/area_metrics.html", context)


@reads_only
def area_metrics_download(request: HttpRequest, ons_code: str, chart: str) -> HttpResponse:
    area, quarterly_return = _area_metrics(request, ons_code)
    if chart.startswith("series-"):  # the area's own figures across quarters
        own = QuarterlyReturn.objects.filter(hwb_area=area)
        content = _chart_csv(series_charts(returns=own, across_areas=False), chart)
        return _csv(content, f"BCF-{area.ons_code}-{chart}.csv")
    if quarterly_return is None:
        raise Http404("No return yet")
    definition = template(quarterly_return.template_version)
    if chart == "spread":  # the figures its strip shows, by the names it shows them by
        content = spread_csv(_area_spread(request, area, quarterly_return), key="area")
    else:
        own = dict(quarterly_return.figures.values_list("question_id", "value"))
        content = _chart_csv(template_charts(definition, own.get), chart)
    return _csv(content, f"BCF-{quarterly_return.period.code}-{area.ons_code}-{chart}.csv")
