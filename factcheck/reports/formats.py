"""Verdict export formats: CSV, JSON, JSON Lines and ClaimReview JSON-LD.

Each writer takes the rows of ``export_rows`` and yields text a piece at a time, so an
export of any size streams to a response or a file without being held in memory.
"""

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo
from itertools import groupby

from django.conf import settings
from django.db.models import Max, Min
from django.urls import reverse
from django.utils import timezone

from factcheck.reports.selectors import PUBLISHED, ExportRow, VerdictSelection, export_rows
from factcheck.reviews.models import Rating

CHUNK_SIZE = 2000  # verdicts fetched at once; their sources come in one more query
BUFFER_CHARS = 64 * 1024  # text handed on at once: few writes, little memory

# The CSV columns, in order. README.md documents them; changing them breaks spreadsheets.
CSV_COLUMNS = [
    "verdict_id",
    "claim_id",
    "claim",
    "speaker",
    "claim_type",
    "figures",
    "article_id",
    "article_title",
    "article_url",
    "article_outlet",
    "article_published_on",
    "status",
    "rating",
    "rating_value",
    "summary",
    "sources",
    "reviewer",
    "approver",
    "proposed_at",
    "approved_at",
    # Added with matched claims; new columns go at the end so existing spreadsheets still read.
    "matched_from_claim_id",
]
# A spreadsheet reads a cell starting with one of these as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _timestamp(moment: datetime | None, zone: tzinfo) -> str | None:
    """ISO 8601 with the offset of the site's time zone."""
    return moment.astimezone(zone).isoformat(timespec="seconds") if moment else None


def _day(day: date | None) -> str | None:
    return day.isoformat() if day else None


def verdict_record(row: ExportRow, zone: tzinfo) -> dict:
    """One verdict as plain data: the JSON and JSON Lines record."""
    return {
        "verdict_id": row.verdict_id,
        "claim_id": row.claim_id,
        "claim": row.claim,
        "speaker": row.speaker,
        "claim_type": row.claim_type,
        "figures": row.figures,
        "article": {
            "id": row.article_id,
            "title": row.article_title,
            "url": row.article_url,
            "outlet": row.article_outlet,
            "published_on": _day(row.article_published_on),
        },
        "status": row.status,
        "rating": {"slug": row.rating.slug, "label": row.rating_label, "value": row.rating_value},
        "summary": row.summary,
        "sources": [source._asdict() for source in row.sources],
        "reviewer": row.reviewer,
        "approver": row.approver,
        "proposed_at": _timestamp(row.proposed_at, zone),
        "approved_at": _timestamp(row.approved_at, zone),
        "matched_from": row.matched_from._asdict() if row.matched_from else None,
    }


def _safe(text: str) -> str:
    """Text a spreadsheet shows as text: a leading quote keeps it from running a formula."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def csv_row(row: ExportRow, zone: tzinfo) -> list:
    return [
        row.verdict_id,
        row.claim_id,
        _safe(row.claim),
        _safe(row.speaker),
        row.claim_type,
        _safe("; ".join(str(figure.get("text", "")) for figure in row.figures or ())),
        row.article_id,
        _safe(row.article_title),
        _safe(row.article_url),
        _safe(row.article_outlet),
        _day(row.article_published_on) or "",
        row.status,
        _safe(row.rating_label),
        "" if row.rating_value is None else row.rating_value,
        _safe(row.summary),
        _safe("\n".join(source.url for source in row.sources)),
        _safe(row.reviewer),
        _safe(row.approver),
        _timestamp(row.proposed_at, zone),
        _timestamp(row.approved_at, zone) or "",
        row.matched_from.claim_id if row.matched_from else "",
    ]


class _Echo:
    """A file-like object that hands back what the csv writer writes, instead of storing it."""

    def write(self, value: str) -> str:
        return value


def write_csv(rows: Iterable[ExportRow]) -> Iterator[str]:
    writer, zone = csv.writer(_Echo()), timezone.get_current_timezone()
    yield writer.writerow(CSV_COLUMNS)
    for row in rows:
        yield writer.writerow(csv_row(row, zone))


# As Django's json_script: a title holding "</script>" stays inert when a publisher pastes
# the export into <script type="application/ld+json">. JSON readers see the same text.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def _dumps(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)


def _json_array(records: Iterable[dict]) -> Iterator[str]:
    """A JSON array written one element at a time."""
    yield "["
    separator = "\n"
    for record in records:
        yield separator + _dumps(record)
        separator = ",\n"
    yield "\n]\n"


def write_json(rows: Iterable[ExportRow]) -> Iterator[str]:
    zone = timezone.get_current_timezone()
    return _json_array(verdict_record(row, zone) for row in rows)


def write_jsonl(rows: Iterable[ExportRow]) -> Iterator[str]:
    zone = timezone.get_current_timezone()
    for row in rows:
        yield _dumps(verdict_record(row, zone)) + "\n"


@dataclass(frozen=True)
class RatingScale:
    """The numbered part of the verdict scale: ClaimReview's worstRating and bestRating."""

    worst: int | None
    best: int | None

    @classmethod
    def current(cls) -> "RatingScale":
        bounds = Rating.objects.aggregate(worst=Min("rating_value"), best=Max("rating_value"))
        return cls(worst=bounds["worst"], best=bounds["best"])


# Where `make demo` serves; a deployment sets SITE_URL (`check --deploy` warns otherwise).
LOCAL_SITE_URL = "http://127.0.0.1:8000"


def site_url(path: str = "") -> str:
    return (settings.SITE_URL or LOCAL_SITE_URL) + path


def _appearance(row: ExportRow) -> dict:
    appearance = {
        "@type": "CreativeWork",
        "url": row.article_url or site_url(reverse("articles:detail", args=[row.article_id])),
        "headline": row.article_title,
    }
    if row.article_published_on:
        appearance["datePublished"] = _day(row.article_published_on)
    return appearance


def claim_review(
    row: ExportRow,
    *,
    scale: RatingScale,
    organisation: dict,
    zone: tzinfo,
    matches: Iterable[ExportRow] = (),
) -> dict:
    """One published verdict as a schema.org ClaimReview. The articles of ``matches`` (rows of
    claims linked to the verdict's claim) are further appearances of the claim reviewed."""
    review_rating = {"@type": "Rating", "alternateName": row.rating_label}
    if row.rating_value is not None and scale.best is not None:
        review_rating |= {
            "ratingValue": row.rating_value,
            "bestRating": scale.best,
            "worstRating": scale.worst,
        }
    appearances = [_appearance(row)]
    for match in matches:
        appearance = _appearance(match)
        if all(appearance["url"] != seen["url"] for seen in appearances):
            appearances.append(appearance)
    item_reviewed = {
        "@type": "Claim",
        "appearance": appearances[0] if len(appearances) == 1 else appearances,
    }
    # A known speaker's kind says Person or Organization; a name not resolved to one is most
    # often a government or body in news copy, and an unnamed speaker is the outlet.
    speaker = row.speaker or row.article_outlet
    if speaker:
        kind = "Person" if row.speaker and row.speaker_kind == "person" else "Organization"
        item_reviewed["author"] = {"@type": kind, "name": speaker}
    if row.article_published_on:
        item_reviewed["datePublished"] = _day(row.article_published_on)
    claim_url = reverse("reviews:claim", args=[row.claim_id])
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": site_url(f"{claim_url}#verdict-{row.verdict_id}"),
        "claimReviewed": row.claim,
        "reviewBody": row.summary,
        "datePublished": _timestamp(row.approved_at, zone),
        "author": organisation,
        "reviewRating": review_rating,
        "itemReviewed": item_reviewed,
    }


def _with_matches(rows: Iterable[ExportRow]) -> Iterator[tuple[ExportRow, list[ExportRow]]]:
    """Each verdict's row with the matched claims' rows that follow it."""
    for _, group in groupby(rows, key=lambda row: row.verdict_id):
        own, *matches = group
        yield own, matches


def write_claimreview(rows: Iterable[ExportRow]) -> Iterator[str]:
    """A JSON-LD document: an array of ClaimReview objects, one per published verdict; claims
    linked to its claim add their articles to its ``itemReviewed.appearance``."""
    scale, zone = RatingScale.current(), timezone.get_current_timezone()
    organisation = {
        "@type": "Organization",
        "name": settings.FACTCHECK_ORGANISATION,
        "url": site_url(reverse("home")),
    }
    return _json_array(
        claim_review(row, scale=scale, organisation=organisation, zone=zone, matches=matches)
        for row, matches in _with_matches(rows)
        if row.status == PUBLISHED
    )


@dataclass(frozen=True)
class ExportFormat:
    name: str
    label: str
    content_type: str
    extension: str
    write: Callable[[Iterable[ExportRow]], Iterator[str]]
    published_only: bool = False


FORMATS = {
    fmt.name: fmt
    for fmt in [
        ExportFormat("csv", "CSV", "text/csv; charset=utf-8", "csv", write_csv),
        ExportFormat("json", "JSON", "application/json; charset=utf-8", "json", write_json),
        ExportFormat(
            "jsonl", "JSON Lines", "application/jsonl; charset=utf-8", "jsonl", write_jsonl
        ),
        ExportFormat(
            "claimreview",
            "ClaimReview JSON-LD",
            "application/ld+json; charset=utf-8",
            "jsonld",
            write_claimreview,
            published_only=True,
        ),
    ]
}


def _buffered(pieces: Iterable[str]) -> Iterator[str]:
    buffer, size = [], 0
    for piece in pieces:
        buffer.append(piece)
        size += len(piece)
        if size >= BUFFER_CHARS:
            yield "".join(buffer)
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer)


def selection_for(fmt: ExportFormat, selection: VerdictSelection) -> VerdictSelection:
    """ClaimReview is publication markup: it only ever holds published verdicts."""
    if fmt.published_only:
        return replace(selection, statuses=tuple(s for s in selection.statuses if s == PUBLISHED))
    return selection


def export_verdicts(*, fmt: ExportFormat, selection: VerdictSelection) -> Iterator[str]:
    """The selected verdicts in ``fmt``, as pieces of text to write one after another."""
    rows = export_rows(selection=selection_for(fmt, selection), chunk_size=CHUNK_SIZE)
    return _buffered(fmt.write(rows))


def filename(fmt: ExportFormat) -> str:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return f"verdicts-{stamp}.{fmt.extension}"
