"""The one selection of verdicts behind every report: the Reports screen, its downloads, the
printable report and ``manage.py export_verdicts`` all read through ``report_verdicts``;
exports stream it through ``export_rows``."""

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from itertools import batched
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.db.models import Case, Count, F, Prefetch, QuerySet, When
from django.utils import timezone

from factcheck.claims.models import Claim
from factcheck.matching.selectors import duplicates_of
from factcheck.reviews.models import Rating, Source, Verdict

PUBLISHED = Verdict.Status.PUBLISHED


@dataclass(frozen=True)
class VerdictSelection:
    """What a report covers. Empty ``articles`` or ``ratings`` means all of them.

    A verdict's date is when it was approved if it is published, else when it was proposed;
    ``since`` and ``until`` are whole days in the site's time zone, both included.
    """

    articles: tuple[int, ...] = ()
    since: date | None = None
    until: date | None = None
    ratings: tuple[str, ...] = ()
    statuses: tuple[str, ...] = (PUBLISHED,)
    # Exports only: after each verdict, a row for every claim linked to its claim (its
    # duplicates, ``Claim.canonical``), carrying that verdict.
    include_matches: bool = False

    @property
    def published_only(self) -> bool:
        return set(self.statuses) <= {PUBLISHED}


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def report_verdicts(*, selection: VerdictSelection) -> QuerySet[Verdict]:
    """Verdicts in report order: article by article (newest first), claims in the order they
    appear in the article, a claim's verdicts oldest first. Everything an export writes is
    fetched with them: the sources in one query per chunk when iterated with a chunk size."""
    verdicts = (
        Verdict.objects.annotate(
            report_date=Case(When(status=PUBLISHED, then=F("approved_at")), default=F("created_at"))
        )
        .select_related("claim__article", "rating", "author", "approved_by")
        .defer(
            "claim__article__body",
            "claim__article__caption",
            "claim__sentence",
            "claim__score_reasons",
            "author__password",
            "approved_by__password",
        )
        .prefetch_related(
            Prefetch(
                "sources",
                queryset=Source.objects.only(
                    "id", "url", "title", "publisher", "stance", "archive_url"
                ).order_by("added_at", "id"),
            )
        )
        .filter(status__in=selection.statuses)
        .order_by(
            F("claim__article__published_on").desc(nulls_last=True),
            "claim__article_id",
            "claim__start",
            "claim_id",
            "created_at",
            "id",
        )
    )
    if selection.articles:
        verdicts = verdicts.filter(claim__article_id__in=selection.articles)
    if selection.ratings:
        verdicts = verdicts.filter(rating__slug__in=selection.ratings)
    if selection.since:
        verdicts = verdicts.filter(report_date__gte=_start_of(selection.since))
    if selection.until:
        verdicts = verdicts.filter(report_date__lt=_start_of(selection.until + timedelta(days=1)))
    return verdicts


@dataclass(frozen=True)
class RatingCount:
    rating: Rating
    count: int
    share: float  # of the largest count, 0 to 1: the length of its bar


def verdicts_by_rating(*, selection: VerdictSelection) -> list[RatingCount]:
    """How many selected verdicts have each rating, in scale order, every rating listed."""
    counts = dict(
        report_verdicts(selection=selection)
        .prefetch_related(None)
        .order_by()
        .values_list("rating_id")
        .annotate(n=Count("id"))
    )
    largest = max(counts.values(), default=0)
    return [
        RatingCount(
            rating=rating,
            count=counts.get(rating.pk, 0),
            share=counts.get(rating.pk, 0) / largest if largest else 0.0,
        )
        for rating in Rating.objects.order_by("position", "id")
    ]


class MatchedFrom(NamedTuple):
    """Where a matched claim's row got its verdict: the canonical claim and its article."""

    claim_id: int
    claim: str
    article_id: int


class ExportSource(NamedTuple):
    url: str
    title: str
    publisher: str
    stance: str
    archive_url: str


@dataclass(slots=True)
class ExportRow:
    """One selected verdict with everything an export writes about it, as plain values."""

    verdict_id: int
    status: str
    summary: str
    proposed_at: datetime
    approved_at: datetime | None
    claim_id: int
    claim: str
    speaker: str
    claim_type: str
    figures: list
    article_id: int
    article_title: str
    article_url: str
    article_outlet: str
    article_published_on: date | None
    rating: Rating
    # The rating's label and value as the verdict was published with them.
    rating_label: str
    rating_value: int | None
    reviewer: str
    approver: str
    sources: list[ExportSource]
    # Set on a matched claim's row: the claim whose verdict it carries. None on a verdict's
    # own row.
    matched_from: MatchedFrom | None = None
    # The speaker's kind (person, organisation, country) when ``speaker`` is an identity.
    speaker_kind: str = ""


def _matched_row(row: ExportRow, claim: Claim) -> ExportRow:
    """``row``'s verdict on ``claim``, a claim linked to the verdict's claim."""
    article = claim.article
    return replace(
        row,
        claim_id=claim.pk,
        claim=claim.text,
        speaker=claim.speaker_identity.name if claim.speaker_identity else claim.speaker,
        speaker_kind=claim.speaker_identity.kind if claim.speaker_identity else "",
        claim_type=claim.claim_type,
        figures=claim.figures,
        article_id=article.pk,
        article_title=article.title,
        article_url=article.url,
        article_outlet=article.outlet,
        article_published_on=article.published_on,
        matched_from=MatchedFrom(row.claim_id, row.claim, row.article_id),
    )


_EXPORT_COLUMNS = (
    "id",
    "status",
    "summary",
    "created_at",
    "approved_at",
    "claim_id",
    "claim__text",
    "claim__speaker",
    "claim__claim_type",
    "claim__figures",
    "claim__article_id",
    "claim__article__title",
    "claim__article__url",
    "claim__article__outlet",
    "claim__article__published_on",
    "rating_id",
    "rating_label",
    "rating_value",
    "author_id",
    "approved_by_id",
    "claim__speaker_identity__name",
    "claim__speaker_identity__kind",
)


def _sources_by_verdict(verdict_ids: list[int]) -> dict[int, list[ExportSource]]:
    links = (
        Verdict.sources.through.objects.filter(verdict_id__in=verdict_ids)
        .order_by("source__added_at", "source_id")
        .values_list(
            "verdict_id",
            "source__url",
            "source__title",
            "source__publisher",
            "source__stance",
            "source__archive_url",
        )
    )
    sources: dict[int, list[ExportSource]] = {}
    for link in links:
        sources.setdefault(link[0], []).append(ExportSource._make(link[1:]))
    return sources


def export_rows(*, selection: VerdictSelection, chunk_size: int = 2000) -> Iterator[ExportRow]:
    """The selected verdicts in report order, streamed a chunk at a time.

    Plain values rather than model instances: building eight model objects per verdict
    (verdict, claim, article, rating, two people, sources) held exports to a few thousand
    rows a second. Each chunk costs two queries however many rows it holds: one for the
    sources of its verdicts, one for the names of people not seen before; ratings are read
    once. With ``include_matches`` a third query per chunk reads the claims linked to its
    verdicts' claims; each follows its verdict's row as a row of its own.
    """
    ratings = Rating.objects.in_bulk()
    usernames: dict[int | None, str] = {None: ""}
    user_model = get_user_model()
    rows = (
        report_verdicts(selection=selection)
        .prefetch_related(None)
        .values_list(*_EXPORT_COLUMNS)
        .iterator(chunk_size=chunk_size)
    )
    for chunk in batched(rows, chunk_size):
        sources = _sources_by_verdict([row[0] for row in chunk])
        duplicates = duplicates_of(row[5] for row in chunk) if selection.include_matches else {}
        unknown = {person for row in chunk for person in row[18:20]} - usernames.keys()
        if unknown:
            usernames |= {
                user.pk: user.get_username()
                for user in user_model.objects.filter(pk__in=unknown).only(
                    "pk", user_model.USERNAME_FIELD
                )
            }
        for row in chunk:
            speaker, speaker_kind = row[20] or row[7], row[21] or ""
            exported = ExportRow(
                *row[:7],
                speaker,
                *row[8:15],
                ratings[row[15]],
                *row[16:18],
                usernames[row[18]],
                usernames[row[19]],
                sources.get(row[0], []),
                speaker_kind=speaker_kind,
            )
            yield exported
            for claim in duplicates.get(exported.claim_id, ()):
                yield _matched_row(exported, claim)
