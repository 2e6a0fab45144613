"""The Reports screen: filter verdicts, preview them, download them in any export format, or
open the printable report. Every link keeps the filters, so it all works without JavaScript."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from factcheck.matching.selectors import duplicates_of
from factcheck.reports.formats import FORMATS, export_verdicts, filename
from factcheck.reports.forms import DownloadForm, ReportForm
from factcheck.reports.selectors import (
    PUBLISHED,
    RatingCount,
    report_verdicts,
    verdicts_by_rating,
)

PREVIEW_ROWS = 50
PRINTED_AT_MOST = 1000
FORBIDDEN = 403


def _form(request, form_class=ReportForm):
    return form_class(
        request.GET,
        may_export_unpublished=request.user.has_perm("reviews.export_unpublished_verdicts"),
    )


def _with_query(url: str, query) -> str:
    return f"{url}?{query.urlencode()}" if query else url


def _links(request) -> dict:
    """The download and print links for the filters in the query string."""
    query = request.GET.copy()
    query.pop("format", None)
    download = reverse("reports:download")
    downloads = []
    for fmt in FORMATS.values():
        query["format"] = fmt.name
        downloads.append((fmt, f"{download}?{query.urlencode()}"))
    query.pop("format")
    return {
        "downloads": downloads,
        "print_url": _with_query(reverse("reports:print"), query),
    }


def _invalid(request, form):
    """The Reports page with the form's messages beside its fields."""
    form.offer_articles()
    return render(
        request,
        "reports/reports.html",
        {"form": form, "refused": form.refused},
        status=FORBIDDEN if form.refused else 400,
    )


@require_GET
@permission_required("reviews.export_verdicts", raise_exception=True)
def reports_view(request):
    form = _form(request)
    context = {"form": form, "refused": False}
    if form.is_valid():
        verdicts = report_verdicts(selection=form.selection())
        context |= {
            "verdicts": list(verdicts[:PREVIEW_ROWS]),
            "total": verdicts.count(),
            **_links(request),
        }
    else:
        context["refused"] = form.refused
    form.offer_articles()
    template = "reports/reports.html#report" if request.htmx else "reports/reports.html"
    return render(request, template, context)


@require_GET
@permission_required("reviews.export_verdicts", raise_exception=True)
def download_view(request):
    form = _form(request, DownloadForm)
    if not form.is_valid():
        return _invalid(request, form)
    fmt = FORMATS[form.cleaned_data["format"]]
    response = StreamingHttpResponse(
        export_verdicts(fmt=fmt, selection=form.selection()), content_type=fmt.content_type
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename(fmt)
    )
    return response


@dataclass(frozen=True)
class Bar:
    """One bar of the verdicts-by-rating chart, in SVG user units."""

    label: str
    count: int
    colour: str
    y: int
    width: float


CHART_LABEL_WIDTH = 120
CHART_BAR_WIDTH = 240
CHART_ROW_HEIGHT = 24


def _bars(counts: list[RatingCount]) -> list[Bar]:
    return [
        Bar(
            label=row.rating.label,
            count=row.count,
            colour=row.rating.colour,
            y=index * CHART_ROW_HEIGHT,
            width=round(row.share * CHART_BAR_WIDTH, 1),
        )
        for index, row in enumerate(counts)
    ]


@require_GET
@permission_required("reviews.export_verdicts", raise_exception=True)
def print_view(request):
    form = _form(request)
    if not form.is_valid():
        return _invalid(request, form)
    selection = form.selection()
    counts = verdicts_by_rating(selection=selection)
    total = sum(row.count for row in counts)
    verdicts = list(report_verdicts(selection=selection)[:PRINTED_AT_MOST])
    if selection.include_matches:
        linked = duplicates_of(verdict.claim_id for verdict in verdicts)
        for verdict in verdicts:
            verdict.matched_claims = linked.get(verdict.claim_id, [])
    return render(
        request,
        "reports/print.html",
        {
            "form": form,
            "organisation": settings.FACTCHECK_ORGANISATION,
            "selection": selection,
            "verdicts": verdicts,
            # Unpublished verdicts are for the newsroom only: printed apart, and marked.
            "published": [v for v in verdicts if v.status == PUBLISHED],
            "unpublished": [v for v in verdicts if v.status != PUBLISHED],
            "total": total,
            "printed_at_most": PRINTED_AT_MOST,
            "counts": counts,
            "bars": _bars(counts),
            "chart": {
                "label_width": CHART_LABEL_WIDTH,
                "bar_x": CHART_LABEL_WIDTH,
                "count_x": CHART_LABEL_WIDTH + CHART_BAR_WIDTH + 8,
                "width": CHART_LABEL_WIDTH + CHART_BAR_WIDTH + 60,
                "height": max(len(counts), 1) * CHART_ROW_HEIGHT,
            },
            "reports_url": _with_query(reverse("reports:index"), request.GET),
        },
    )
