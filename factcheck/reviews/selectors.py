"""Reads that feed the review screens: queues with filters and cursors, counts, the claim page."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet

from factcheck.claims.models import Claim, ClaimStatusCount
from factcheck.reviews.models import Event, Source, Verdict

Status = Claim.Status


@dataclass(frozen=True)
class TriageFilters:
    article: int | None = None
    speaker: str = ""
    claim_type: str = ""
    min_score: float | None = None
    max_score: float | None = None
    search: str = ""


@dataclass(frozen=True)
class Cursor:
    """Where a page of the triage queue ends: the last row's score and id."""

    score: float
    id: int

    def __str__(self) -> str:
        return f"{self.score!r}_{self.id}"

    @classmethod
    def parse(cls, raw: str) -> "Cursor | None":
        score, _, pk = raw.partition("_")
        try:
            cursor = cls(score=float(score), id=int(pk))
        except ValueError:
            return None
        return cursor if 0 <= cursor.score <= 1 and cursor.id > 0 else None


def triage_queue(
    *, filters: TriageFilters, after: Cursor | None = None, exclude: list[int] = ()
) -> QuerySet[Claim]:
    """New claims, most check-worthy first, in an order a cursor can resume."""
    claims = (
        Claim.objects.filter(status=Status.NEW)
        .select_related("article")
        .defer("article__body")
        .order_by("-score", "id")
    )
    if filters.article:
        claims = claims.filter(article_id=filters.article)
    if filters.speaker:
        claims = claims.filter(speaker__icontains=filters.speaker)
    if filters.claim_type:
        claims = claims.filter(claim_type=filters.claim_type)
    if filters.min_score is not None:
        claims = claims.filter(score__gte=filters.min_score)
    if filters.max_score is not None:
        claims = claims.filter(score__lte=filters.max_score)
    if filters.search:
        claims = claims.filter(text__icontains=filters.search)
    if after is not None:
        # One range condition on the index's leading sort column, so the database walks
        # the index from the cursor and stops after a page, however deep; the tie on
        # score is settled by a filter, not an OR that would defeat the index order.
        claims = claims.filter(score__lte=after.score).exclude(score=after.score, id__lte=after.id)
    if exclude:
        claims = claims.exclude(id__in=exclude)
    return claims


def status_counts() -> dict[str, int]:
    """Claims per status, from the counters the database keeps (no table scan)."""
    counts = dict.fromkeys(Status.values, 0)
    counts.update(ClaimStatusCount.objects.values_list("status", "count"))
    return counts


def my_claims(*, user) -> QuerySet[Claim]:
    return (
        Claim.objects.filter(
            assignee=user, status__in=[Status.IN_RESEARCH, Status.AWAITING_APPROVAL]
        )
        .select_related("article")
        .defer("article__body")
        .order_by("status", "-priority", "-score", "id")
    )


def approval_queue() -> QuerySet[Verdict]:
    return (
        Verdict.objects.filter(status=Verdict.Status.AWAITING_APPROVAL)
        .select_related("claim__article", "rating", "author")
        .defer("claim__article__body")
        .prefetch_related("sources")
        .order_by("created_at", "id")
    )


def claims_for_page() -> QuerySet[Claim]:
    """Claims with what the claim page shows of them, in a fixed number of queries."""
    return Claim.objects.select_related("article", "assignee", "canonical").prefetch_related(
        Prefetch("sources", queryset=Source.objects.select_related("added_by")),
        Prefetch(
            "verdicts",
            queryset=Verdict.objects.select_related("rating", "author", "approved_by")
            .prefetch_related("sources")
            .order_by("-created_at", "-id"),
        ),
    )


def claim_timeline(*, claim: Claim) -> QuerySet[Event]:
    return claim.events.select_related("actor").order_by("created_at", "id")


def researchers() -> QuerySet:
    """People who can be given a claim to research."""
    return (
        get_user_model()
        .objects.filter(
            Q(groups__permissions__codename="research_claim") | Q(is_superuser=True),
            is_active=True,
        )
        .distinct()
        .order_by("username")
    )
