"""Writes for matching: fingerprints, suggestions and links after extraction, and a
reviewer's confirm or reject.

Linking a claim to its canonical claim is a workflow move (status Duplicate, ``canonical``
set), so it goes through the review workflow's own conditional update, which checks the
version and writes the Event in the same transaction. ``claim_merge`` is not reused: it needs
``claims.assign_claim`` (editors), while confirming a suggestion is a one-key triage decision
any reviewer makes, and it moves only claims nobody is researching.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from factcheck.claims.models import Claim
from factcheck.claims.workflow import (
    StaleClaim,
    WorkflowError,
    claim_move,
    event_record,
    permission_require,
)
from factcheck.matching import similarity
from factcheck.matching.models import ClaimBand, ClaimFingerprint, ClaimMatch
from factcheck.matching.selectors import band_candidates, fingerprint_of
from factcheck.reviews.models import Event

Status = Claim.Status
MatchStatus = ClaimMatch.Status
# Suggestions kept per new claim: the reviewer sees the best first.
SUGGESTIONS_PER_CLAIM = 3
# A reviewer links claims nobody has started researching; editors merge the others.
CONFIRMABLE = {Status.NEW, Status.CHECK_WORTHY, Status.NOT_CHECK_WORTHY}


@dataclass(frozen=True)
class Candidate:
    claim_id: int
    comparison: similarity.Comparison


def _fingerprint_row(claim: Claim, fingerprint: similarity.Fingerprint) -> ClaimFingerprint:
    return ClaimFingerprint(
        claim=claim,
        match_key=fingerprint.match_key,
        figure_key=fingerprint.figures,
        speaker_key=" ".join(sorted(fingerprint.speaker))[:300],
        directions=" ".join(sorted(fingerprint.directions))[:300],
        negations=min(fingerprint.negations, 32767),
        word_count=fingerprint.word_count,
    )


def claim_fingerprint(claim: Claim) -> similarity.Fingerprint:
    return similarity.fingerprint(claim.text, figures=claim.figures, speaker=claim.speaker)


def fingerprints_save(*, claims: list[Claim]) -> dict[int, similarity.Fingerprint]:
    """Store (or refresh) the fingerprints and band keys of ``claims``; return the
    fingerprints by claim id."""
    fingerprints = {claim.pk: claim_fingerprint(claim) for claim in claims}
    ClaimFingerprint.objects.bulk_create(
        [_fingerprint_row(claim, fingerprints[claim.pk]) for claim in claims],
        update_conflicts=True,
        unique_fields=["claim"],
        update_fields=[
            "match_key",
            "figure_key",
            "speaker_key",
            "directions",
            "negations",
            "word_count",
        ],
        batch_size=1000,
    )
    ClaimBand.objects.filter(claim_id__in=fingerprints).delete()
    ClaimBand.objects.bulk_create(
        [
            ClaimBand(claim_id=claim_id, band=band)
            for claim_id, fingerprint in fingerprints.items()
            for band in similarity.band_keys(fingerprint)
        ],
        batch_size=2000,
    )
    return fingerprints


def match_candidates(
    *, fingerprint: similarity.Fingerprint, article_id: int | None = None, before: int | None = None
) -> list[Candidate]:
    """Earlier claims from other articles that ``fingerprint`` may repeat, best first."""
    found = []
    for row in band_candidates(fingerprint=fingerprint, exclude_article=article_id, before=before):
        comparison = similarity.compare(fingerprint, fingerprint_of(row))
        if comparison.suggest:
            found.append(Candidate(row.claim_id, comparison))
    found.sort(key=lambda candidate: (-candidate.comparison.score, candidate.claim_id))
    return found


def _roots(claim_ids) -> dict[int, int]:
    """Each claim's canonical claim: a duplicate stands for the claim it duplicates. A
    claim a reviewer marked Not a claim is no one's match, so it has none."""
    return {
        pk: (canonical_id if status == Status.DUPLICATE and canonical_id else pk)
        for pk, status, canonical_id in Claim.objects.filter(pk__in=set(claim_ids))
        .exclude(status=Status.NOT_A_CLAIM)
        .values_list("pk", "status", "canonical_id")
    }


@transaction.atomic
def matches_find_for_claims(*, claims: list[Claim]) -> list[ClaimMatch]:
    """After extraction: fingerprint ``claims``, then link each to the earlier claim it
    repeats when matching is sure, or suggest the likely ones for a reviewer."""
    claims = [claim for claim in claims if claim.pk is not None]
    fingerprints = fingerprints_save(claims=claims)
    created = []
    for claim in claims:
        candidates = match_candidates(
            fingerprint=fingerprints[claim.pk], article_id=claim.article_id, before=claim.pk
        )
        if not candidates:
            continue
        roots = _roots(candidate.claim_id for candidate in candidates)
        best_by_root: dict[int, Candidate] = {}
        for candidate in candidates:
            root = roots.get(candidate.claim_id)
            if root is not None and root != claim.pk:
                best_by_root.setdefault(root, candidate)
        ranked = sorted(best_by_root.items(), key=lambda item: -item[1].comparison.score)
        for position, (root, candidate) in enumerate(ranked[:SUGGESTIONS_PER_CLAIM]):
            link = position == 0 and candidate.comparison.auto_link and claim.status == Status.NEW
            match = ClaimMatch.objects.create(
                claim=claim,
                candidate_id=root,
                score=candidate.comparison.score,
                reason=candidate.comparison.reason[:200],
                status=MatchStatus.AUTO_LINKED if link else MatchStatus.SUGGESTED,
                decided_at=timezone.now() if link else None,
            )
            if link:
                claim_move(
                    claim,
                    user=None,
                    version=None,
                    allowed_from={Status.NEW},
                    to=Status.DUPLICATE,
                    action=Event.Action.MATCH_AUTO_LINK,
                    note=f"Same claim as claim {root} ({candidate.comparison.reason})",
                    canonical_id=root,
                    assignee=None,
                )
            created.append(match)
    return created


def _decide(match: ClaimMatch, *, user, to: str, expected: set[str]) -> None:
    updated = ClaimMatch.objects.filter(pk=match.pk, status__in=expected).update(
        status=to, decided_by=user, decided_at=timezone.now()
    )
    if not updated:
        raise WorkflowError("Someone else decided this match while you were looking at it.")
    match.refresh_from_db()


@transaction.atomic
def match_confirm(*, match: ClaimMatch, user, version: int | None = None) -> ClaimMatch:
    """A reviewer confirms a suggestion: the claim becomes a duplicate of the candidate's
    canonical claim and is checked there."""
    permission_require(user, "claims.triage_claim")
    if match.status != MatchStatus.SUGGESTED:
        raise WorkflowError(f"This match is already decided: {match.get_status_display()}.")
    claim, candidate = match.claim, match.candidate
    canonical = candidate.canonical if candidate.status == Status.DUPLICATE else candidate
    if canonical is None or canonical.pk == claim.pk:
        raise WorkflowError("A claim cannot be a duplicate of itself.")
    if claim.status not in CONFIRMABLE:
        raise WorkflowError(
            f"This claim is {claim.get_status_display()}; an editor can merge it from the "
            f"claim page."
        )
    claim_move(
        claim,
        user=user,
        version=version,
        allowed_from=CONFIRMABLE,
        to=Status.DUPLICATE,
        action=Event.Action.MATCH_CONFIRM,
        note=f"Same claim as claim {canonical.pk}",
        canonical=canonical,
        assignee=None,
    )
    _decide(match, user=user, to=MatchStatus.CONFIRMED, expected={MatchStatus.SUGGESTED})
    return match


@transaction.atomic
def match_reject(*, match: ClaimMatch, user, version: int | None = None) -> ClaimMatch:
    """Not the same claim. A suggestion is dismissed; a link (automatic or confirmed) is
    undone, and the claim goes back to the triage queue as a new claim."""
    permission_require(user, "claims.triage_claim")
    claim = match.claim
    if match.status == MatchStatus.SUGGESTED:
        if version is not None and version != claim.version:
            raise StaleClaim(claim)
        _decide(match, user=user, to=MatchStatus.REJECTED, expected={MatchStatus.SUGGESTED})
        event_record(
            claim=claim,
            user=user,
            action=Event.Action.MATCH_REJECT,
            note=f"Not the same claim as claim {match.candidate_id}",
        )
        return match
    if match.status not in {MatchStatus.AUTO_LINKED, MatchStatus.CONFIRMED}:
        raise WorkflowError(f"This match is already decided: {match.get_status_display()}.")
    if claim.status != Status.DUPLICATE or claim.canonical_id != match.candidate_id:
        raise WorkflowError("This claim is no longer linked by this match.")
    claim_move(
        claim,
        user=user,
        version=version,
        allowed_from={Status.DUPLICATE},
        to=Status.NEW,
        action=Event.Action.MATCH_REJECT,
        note=f"Not the same claim as claim {match.candidate_id}: link undone",
        canonical=None,
    )
    _decide(
        match,
        user=user,
        to=MatchStatus.REJECTED,
        expected={MatchStatus.AUTO_LINKED, MatchStatus.CONFIRMED},
    )
    return match


def matches_find_for_articles(*, article_ids) -> list[ClaimMatch]:
    """Match the claims of articles whose claims were inserted in bulk (the importer)."""
    claims = list(
        Claim.objects.filter(article_id__in=list(article_ids), fingerprint__isnull=True)
        .defer("article__body")
        .order_by("pk")
    )
    return matches_find_for_claims(claims=claims)
