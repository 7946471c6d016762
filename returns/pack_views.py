"""The return pack of an area's returns: as a page to print, or as a PDF."""

import io

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from governance import rules
from governance.models import HwbArea
from governance.reading import reads_only
from governance.selectors import hwb_areas_for_user

from . import selectors
from .pack import PackUnavailable, in_period_order, pack_filename, pack_html, pack_pdf


@reads_only
def area_return_pack(request: HttpRequest, ons_code: str) -> HttpResponse:
    """`?period=fy1516_q1&period=fy1516_q2…`: those returns of the area, in period order;
    `as=pdf` for the PDF."""
    area = get_object_or_404(hwb_areas_for_user(user=request.user), ons_code=ons_code)
    rules.require(request.user, rules.Action.EXPORT, area)
    codes = request.GET.getlist("period")
    returns = _chosen(request, area, codes)
    if not returns:
        return render(request, "returns/pack_choose.html", {
            "area": area, "error": bool(codes),
            "returns": selectors.returns_for_user(user=request.user).filter(hwb_area=area)
            .order_by("period__financial_year__start_year", "period__quarter"),
        }, status=400 if codes else 200)  # fmt: skip
    if request.GET.get("as") != "pdf":
        return HttpResponse(pack_html(returns, for_screen=True))
    try:
        content = pack_pdf(returns)
    except PackUnavailable:
        return render(request, "returns/pack_unavailable.html", {"area": area}, status=503)
    return FileResponse(io.BytesIO(content), as_attachment=True, filename=pack_filename(returns),
                        content_type="application/pdf")  # fmt: skip


def _chosen(request, area: HwbArea, codes: list[str]) -> list:
    returns = []
    for code in dict.fromkeys(codes[:12]):  # a year's four, and a few more: no more than that
        if selectors.period_by_code(code) is None:
            return []
        found = (
            selectors.returns_for_user(user=request.user)
            .filter(hwb_area=area, **selectors.period_lookup(code))
            .first()
        )
        if found is None:
            return []
        returns.append(found)
    return in_period_order(returns)
