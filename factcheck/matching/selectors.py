"""Reads for matching: candidates for a new claim, similar claims for a search, and what the
triage queue, the claim page and the article page show of matches, in a fixed number of
queries however many rows they show."""

from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Count, Q

from factcheck.claims.models import Claim
from factcheck.extraction.figures import find_figures
from factcheck.matching import similarity
from factcheck.matching.models import ClaimBand, ClaimFingerprint, ClaimMatch
from factcheck.reviews.models import Verdict

CANDIDATE_LIMIT = 20
# SQLite has no trigram index: a few of the claim's words narrow the rows scored in Python.
SQLITE_PREFILTER_WORDS = 3
SQLITE_SCAN_LIMIT = 5_000
SEARCH_MAX_CHARS = 1000


def fingerprint_of(fingerprint_row: ClaimFingerprint) -> similarity.Fingerprint:
    return similarity.Fingerprint(
        tokens=frozenset(fingerprint_row.match_key.split()),
        figures=fingerprint_row.figure_key,
        speaker=frozenset(fingerprint_row.speaker_key.split()),
        negations=fingerprint_row.negations,
        directions=frozenset(fingerprint_row.directions.split()),
        word_count=fingerprint_row.word_count,
    )


def _trigram_candidates(rows, match_key: str, threshold: float, limit: int) -> list:
    from django.contrib.postgres.search import TrigramSimilarity

    with transaction.atomic(), connection.cursor() as cursor:
        # ``%`` (trigram_similar) reads its threshold from this setting, which the GIN index
        # uses to skip rows; is_local=true scopes it to this transaction.
        cursor.execute(
            "SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(threshold)]
        )
        return list(
            rows.filter(match_key__trigram_similar=match_key)
            .annotate(similarity=TrigramSimilarity("match_key", match_key))
            .order_by("-similarity", "claim_id")[:limit]
        )


def _prefiltered_candidates(rows, fingerprint: similarity.Fingerprint, threshold: float, limit):
    longest = sorted(fingerprint.tokens, key=lambda token: (-len(token), token))
    words = Q()
    for token in longest[:SQLITE_PREFILTER_WORDS]:
        words |= Q(match_key__contains=token)
    found = []
    for row in rows.filter(words)[:SQLITE_SCAN_LIMIT]:
        row.similarity = similarity.trigram_similarity(fingerprint.match_key, row.match_key)
        if row.similarity >= threshold:
            found.append(row)
    found.sort(key=lambda row: -row.similarity)
    return found[:limit]


# On PostgreSQL each band key contributes at most this many claims, the most recent: a key
# shared by thousands of claims (two common words) says little, and a repeat shares many
# other keys, or is found through the recent duplicates that point at it.
PER_BAND_LIMIT = 100
_BAND_HITS_SQL = """
    SELECT hit.claim_id, count(*) AS shared
    FROM unnest(%(keys)s::bigint[]) AS key(band)
    CROSS JOIN LATERAL (
        SELECT band.claim_id FROM matching_claimband AS band
        WHERE band.band = key.band AND band.claim_id < %(before)s
        ORDER BY band.claim_id DESC
        LIMIT %(per_band)s
    ) AS hit
    GROUP BY hit.claim_id
    ORDER BY shared DESC, hit.claim_id DESC
    LIMIT %(limit)s
"""


def _band_hits(keys: list[int], before: int | None, limit: int) -> list[int]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                _BAND_HITS_SQL,
                {
                    "keys": keys,
                    "before": before if before is not None else 2**63 - 1,
                    "per_band": PER_BAND_LIMIT,
                    "limit": limit,
                },
            )
            return [claim_id for claim_id, _ in cursor.fetchall()]
    hits = ClaimBand.objects.filter(band__in=keys)
    if before is not None:
        hits = hits.filter(claim_id__lt=before)
    return list(
        hits.values_list("claim_id", flat=True)
        .annotate(shared=Count("band"))
        .order_by("-shared", "-claim_id")[:limit]
    )


def band_candidates(
    *,
    fingerprint: similarity.Fingerprint,
    exclude_article: int | None = None,
    before: int | None = None,
    limit: int = CANDIDATE_LIMIT,
) -> list[ClaimFingerprint]:
    """Stored claims sharing an LSH band key with ``fingerprint`` (so with the same figures),
    those sharing most keys first. Two indexed queries."""
    keys = similarity.band_keys(fingerprint)
    if not keys:
        return []
    ranked = _band_hits(keys, before, limit + 5)
    rows = ClaimFingerprint.objects.filter(claim_id__in=ranked)
    if exclude_article is not None:
        rows = rows.exclude(claim__article_id=exclude_article)
    order = {claim_id: position for position, claim_id in enumerate(ranked)}
    return sorted(rows, key=lambda row: order[row.claim_id])[:limit]


def search_candidates(
    *, fingerprint: similarity.Fingerprint, limit: int = CANDIDATE_LIMIT
) -> list[ClaimFingerprint]:
    """Stored claims whose words are close to ``fingerprint``'s, whatever their figures,
    closest first: pg_trgm on PostgreSQL, a word prefilter on SQLite."""
    if not fingerprint.tokens:
        return []
    rows = ClaimFingerprint.objects.all()
    if connection.vendor == "postgresql":
        return _trigram_candidates(
            rows, fingerprint.match_key, similarity.RETRIEVAL_THRESHOLD, limit
        )
    return _prefiltered_candidates(rows, fingerprint, similarity.RETRIEVAL_THRESHOLD, limit)


@dataclass(frozen=True)
class SimilarClaim:
    claim: Claim
    comparison: similarity.Comparison


def similar_claims(
    *, text: str = "", claim: Claim | None = None, limit: int = CANDIDATE_LIMIT
) -> list[SimilarClaim]:
    """Claims like ``claim``, or like a free text, most similar first.

    A free text is compared on its words; its figures count when it has some, but claims with
    other figures are still listed (lower), so a search finds the claim a person half recalls.
    """
    if claim is not None:
        fingerprint = similarity.fingerprint(
            claim.text, figures=claim.figures, speaker=claim.speaker
        )
    else:
        text = text[:SEARCH_MAX_CHARS]
        fingerprint = similarity.fingerprint(text, figures=find_figures(text), speaker="")
    rows = search_candidates(fingerprint=fingerprint, limit=limit * 3)
    if claim is not None:
        rows = [row for row in rows if row.claim_id != claim.pk]
    claims = (
        Claim.objects.select_related("article", "canonical")
        .defer("article__body")
        .in_bulk([row.claim_id for row in rows])
    )
    found = []
    for row in rows:
        comparison = similarity.compare(fingerprint, fingerprint_of(row))
        if claim is None and comparison.score == 0 and comparison.reason == "different figures":
            comparison = similarity.Comparison(
                round(row.similarity / 2, 4), "other figures", False, False
            )
        if row.claim_id in claims:
            found.append(SimilarClaim(claims[row.claim_id], comparison))
    found.sort(key=lambda item: (-item.comparison.score, item.claim.pk))
    return found[:limit]


# What the screens show ------------------------------------------------------------------


def published_verdicts(claim_ids) -> dict[int, Verdict]:
    """The latest published verdict of each claim that has one, in one query."""
    latest: dict[int, Verdict] = {}
    claim_ids = set(claim_ids)
    if not claim_ids:
        return latest
    verdicts = (
        Verdict.objects.filter(claim_id__in=claim_ids, status=Verdict.Status.PUBLISHED)
        .select_related("rating")
        .order_by()
    )
    # The latest of each claim's few verdicts, picked here: an ORDER BY costs the ORM more
    # to compile than the database to run, on a page that asks for it on every load.
    for verdict in verdicts:
        known = latest.get(verdict.claim_id)
        if known is None or (verdict.approved_at, verdict.pk) > (known.approved_at, known.pk):
            latest[verdict.claim_id] = verdict
    return latest


def attach_inherited_verdicts(claims: list[Claim]) -> list[Claim]:
    """Give each claim linked to a canonical claim ``inherited_verdict``: the canonical claim's
    published verdict, or None."""
    verdicts = published_verdicts(claim.canonical_id for claim in claims if claim.canonical_id)
    for claim in claims:
        claim.inherited_verdict = verdicts.get(claim.canonical_id) if claim.canonical_id else None
    return claims


def attach_suggested_matches(claims: list[Claim]) -> list[Claim]:
    """Give each claim ``suggested_match``: its best undecided match, with the candidate and
    the candidate's published verdict (``candidate_verdict``), or None. Two queries at most."""
    matches: dict[int, ClaimMatch] = {}
    if not claims:
        return claims
    rows = (
        ClaimMatch.objects.filter(
            claim_id__in=[claim.pk for claim in claims], status=ClaimMatch.Status.SUGGESTED
        )
        # Suggested before a reviewer marked the candidate Not a claim: no longer offered.
        .exclude(candidate__status=Claim.Status.NOT_A_CLAIM)
        .select_related("candidate")
        .order_by()
    )
    for match in rows:  # the best of each claim's few suggestions: highest score, then oldest
        known = matches.get(match.claim_id)
        if known is None or (match.score, -match.pk) > (known.score, -known.pk):
            matches[match.claim_id] = match
    verdicts = published_verdicts(match.candidate_id for match in matches.values())
    for match in matches.values():
        match.candidate_verdict = verdicts.get(match.candidate_id)
    for claim in claims:
        claim.suggested_match = matches.get(claim.pk)
    return claims


def match_panel(*, claim: Claim, user) -> dict:
    """The claim page's "Suggested match" panel: undecided suggestions, the current link and
    the verdict it brings."""
    suggestions = list(
        ClaimMatch.objects.filter(claim=claim, status=ClaimMatch.Status.SUGGESTED)
        # A claim merged into its candidate is that claim's duplicate, not a suggestion.
        .exclude(candidate_id=claim.canonical_id)
        .exclude(candidate__status=Claim.Status.NOT_A_CLAIM)
        .select_related("candidate__article")
        .defer("candidate__article__body")
        .order_by("-score", "id")[:5]
    )
    link = (
        ClaimMatch.objects.filter(
            claim=claim,
            candidate_id=claim.canonical_id,
            status__in=[ClaimMatch.Status.AUTO_LINKED, ClaimMatch.Status.CONFIRMED],
        ).first()
        if claim.canonical_id
        else None
    )
    verdicts = published_verdicts(
        [match.candidate_id for match in suggestions]
        + ([claim.canonical_id] if claim.canonical_id else [])
    )
    for match in suggestions:
        match.candidate_verdict = verdicts.get(match.candidate_id)
    return {
        "suggested_matches": suggestions,
        "match_link": link,
        "inherited_verdict": verdicts.get(claim.canonical_id) if claim.canonical_id else None,
        "can_decide_match": user.has_perm("claims.triage_claim"),
    }


def duplicates_of(canonical_ids) -> dict[int, list[Claim]]:
    """The claims linked to each canonical claim, for exports that include matched claims."""
    found: dict[int, list[Claim]] = {}
    for claim in (
        Claim.objects.filter(canonical_id__in=set(canonical_ids))
        .select_related("article", "speaker_identity")
        .defer("article__body")
        .order_by("canonical_id", "id")
    ):
        found.setdefault(claim.canonical_id, []).append(claim)
    return found
