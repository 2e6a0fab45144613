"""Reads that feed the review screens: queues with filters and cursors, counts, the claim page."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from factcheck.claims.models import Claim, ClaimStatusCount
from factcheck.forms import MAX_ID, is_id
from factcheck.reviews.models import Draft, Event, SavedSearch, Source, Verdict
from factcheck.speakers.models import SpeakerAlias

Status = Claim.Status


@dataclass(frozen=True)
class TriageFilters:
    article: str = ""  # a title or part of one; a number is an article's id
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
        return cursor if 0 <= cursor.score <= 1 and 0 < cursor.id <= MAX_ID else None


def _after(claims: QuerySet[Claim], cursor: Cursor | None) -> QuerySet[Claim]:
    """Claims ordered by (-score, id) that come after ``cursor``.

    One range condition on the index's leading sort column, so the database walks the index
    from the cursor and stops after a page, however deep; the tie on score is settled by a
    filter, not an OR that would defeat the index order.
    """
    if cursor is None:
        return claims
    return claims.filter(score__lte=cursor.score).exclude(score=cursor.score, id__lte=cursor.id)


class TriageView(models.TextChoices):
    """The queues of the triage page: new claims, and those decided or set aside, to
    revisit."""

    NEW = "new", "New"
    SKIPPED = "skipped", "Skipped"
    CHECK_WORTHY = Status.CHECK_WORTHY.value, "Check-worthy"
    NOT_CHECK_WORTHY = Status.NOT_CHECK_WORTHY.value, "Not check-worthy"
    NOT_A_CLAIM = Status.NOT_A_CLAIM.value, "Not a claim"
    SENT_BACK = "sent_back", "Sent back"


def latest_verdict_status() -> Subquery:
    """The status of a claim's newest verdict, for annotating claims."""
    return Subquery(
        Verdict.objects.filter(claim=OuterRef("pk"))
        .order_by("-created_at", "-id")
        .values("status")[:1]
    )


def _in_view(view: str, skipped: list[int]) -> QuerySet[Claim]:
    if view == TriageView.SKIPPED:
        return Claim.objects.filter(status=Status.NEW, pk__in=skipped)
    if view == TriageView.SENT_BACK:
        return Claim.objects.annotate(latest_verdict=latest_verdict_status()).filter(
            status__in=[Status.IN_RESEARCH, Status.PUBLISHED],
            latest_verdict=Verdict.Status.SENT_BACK,
        )
    if view == TriageView.NEW:
        claims = Claim.objects.filter(status=Status.NEW)
        return claims.exclude(id__in=skipped) if skipped else claims
    return Claim.objects.filter(status=view).annotate(decided_at=last_triage_at())


def last_triage_at() -> Subquery:
    """When a claim was last triaged, for annotating claims (who may return it to New)."""
    return Subquery(
        Event.objects.filter(
            claim=OuterRef("pk"), action__in=[Event.Action.TRIAGE, Event.Action.NOT_A_CLAIM]
        )
        .order_by("-created_at", "-id")
        .values("created_at")[:1]
    )


def triage_queue(
    *,
    filters: TriageFilters,
    after: Cursor | None = None,
    exclude: list[int] = (),
    view: str = TriageView.NEW,
) -> QuerySet[Claim]:
    """The claims of one triage view (new ones unless told), most check-worthy first, in an
    order a cursor can resume. ``exclude``: the claims this reviewer skipped, left out of
    the new ones and listed on their own in the Skipped view."""
    claims = (
        _in_view(view, list(exclude))
        .select_related("article", "assignee")
        .defer("article__body")
        .order_by("-score", "id")
    )
    if filters.article:
        # A number is an article's id (old links and bookmarks), anything else its title.
        if is_id(filters.article):
            claims = claims.filter(article_id=int(filters.article))
        else:
            claims = claims.filter(article__title__icontains=filters.article)
    if filters.speaker:
        # By identity as well: "Zelenskyy" finds the claims of "Ukraine's president" once
        # both are known to be Volodymyr Zelenskyy.
        named = SpeakerAlias.objects.filter(name__icontains=filters.speaker)
        claims = claims.filter(
            Q(speaker__icontains=filters.speaker)
            | Q(speaker_identity__in=named.values("speaker_id"))
        )
    if filters.claim_type:
        claims = claims.filter(claim_type=filters.claim_type)
    if filters.min_score is not None:
        claims = claims.filter(score__gte=filters.min_score)
    if filters.max_score is not None:
        claims = claims.filter(score__lte=filters.max_score)
    if filters.search:
        claims = claims.filter(text__icontains=filters.search)
    return _after(claims, after)


def status_counts() -> dict[str, int]:
    """Claims per status, from the counters the database keeps (no table scan)."""
    counts = dict.fromkeys(Status.values, 0)
    counts.update(ClaimStatusCount.objects.values_list("status", "count"))
    return counts


def my_claims(*, user, after: Cursor | None = None) -> QuerySet[Claim]:
    """The claims a reviewer works on, most check-worthy first, in an order a cursor resumes."""
    claims = (
        Claim.objects.filter(
            assignee=user, status__in=[Status.IN_RESEARCH, Status.AWAITING_APPROVAL]
        )
        .select_related("article")
        .defer("article__body")
        .order_by("-score", "id")
    )
    return _after(claims, after)


def latest_verdicts(claim_ids: list[int]) -> dict[int, Verdict]:
    """Each claim's newest verdict, with its rating: one query for a page of claims (a
    subquery per row would cost the My claims page its index-ordered read)."""
    verdicts = (
        Verdict.objects.filter(claim_id__in=claim_ids)
        .select_related("rating")
        .order_by("created_at", "id")
    )
    return {verdict.claim_id: verdict for verdict in verdicts}


def approval_queue(*, after_id: int | None = None) -> QuerySet[Verdict]:
    """Verdicts awaiting approval, oldest first; ``after_id`` resumes after a page."""
    verdicts = (
        Verdict.objects.filter(status=Verdict.Status.AWAITING_APPROVAL)
        .select_related("claim__article", "rating", "author")
        .defer("claim__article__body")
        .prefetch_related("sources")
        .order_by("id")
    )
    return verdicts.filter(id__gt=after_id) if after_id else verdicts


def claims_for_page() -> QuerySet[Claim]:
    """Claims with what every panel of the claim page shows of them."""
    return Claim.objects.select_related("article", "assignee", "canonical")


def claim_sources(*, claim: Claim) -> QuerySet[Source]:
    return claim.sources.select_related("added_by").order_by("added_at", "id")


def claim_verdicts(*, claim: Claim) -> QuerySet[Verdict]:
    return (
        claim.verdicts.select_related("rating", "author", "approved_by", "withdrawn_by")
        .prefetch_related("sources", "corrections")
        .order_by("-created_at", "-id")
    )


def sent_back_verdict(*, verdicts: list[Verdict]) -> Verdict | None:
    """The claim's newest verdict if an editor sent it back (``verdicts``: newest first),
    with the editor's note on it as ``send_back``, the event that sent it back."""
    if not verdicts or verdicts[0].status != Verdict.Status.SENT_BACK:
        return None
    verdict = verdicts[0]
    verdict.send_back = (
        Event.objects.filter(claim_id=verdict.claim_id, action=Event.Action.SEND_BACK)
        .select_related("actor")
        .order_by("-created_at", "-id")
        .first()
    )
    return verdict


def claim_timeline(*, claim: Claim) -> QuerySet[Event]:
    return claim.events.select_related("actor").order_by("created_at", "id")


def claims_held_in_research(*, holders) -> dict[int, int]:
    """How many claims each of ``holders`` (user ids) researches, for those who hold any."""
    rows = (
        Claim.objects.filter(assignee__in=holders, status=Status.IN_RESEARCH)
        .values_list("assignee")
        .annotate(held=Count("pk"))
        .order_by()
    )
    return dict(rows)


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


def claim_drafts(*, claim: Claim, user) -> dict[str, dict]:
    """What ``user`` left typed in each of the claim's forms, by form; the edit forms of
    sources under ``Draft.Form.SOURCE_EDIT``, by source id."""
    drafts: dict = {Draft.Form.SOURCE_EDIT: {}}
    for form, source_id, data in Draft.objects.filter(claim=claim, author=user).values_list(
        "form", "source_id", "data"
    ):
        if source_id is None:
            drafts[form] = data
        else:
            drafts[Draft.Form.SOURCE_EDIT][source_id] = data
    return drafts


def saved_searches(*, owner) -> QuerySet:
    """The reviewer's own saved searches, by name; nobody else's."""
    return SavedSearch.objects.filter(owner=owner).order_by("name")
