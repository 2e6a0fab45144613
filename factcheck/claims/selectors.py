from collections.abc import Iterator

from factcheck.articles.models import Article
from factcheck.claims.models import Claim, ClaimStatus


def duplicates_of_duplicates() -> Iterator[tuple[int, int, int]]:
    """(claim, its canonical, the canonical's canonical) for each duplicate claim whose
    canonical is a duplicate too: what no merge should leave behind."""
    return (
        Claim.objects.filter(status=ClaimStatus.DUPLICATE, canonical__status=ClaimStatus.DUPLICATE)
        .order_by("pk")
        .values_list("pk", "canonical_id", "canonical__canonical_id")
        .iterator()
    )


def claims_with_broken_spans() -> Iterator[tuple[Claim, str]]:
    """(claim, the words its span now covers) for every claim whose ``body[start:end]``
    is no longer inside its sentence: its highlight would show the wrong characters."""
    claims = Claim.objects.select_related("article").only(
        "pk", "start", "end", "sentence", "article__body"
    )
    for claim in claims.order_by("article_id", "start").iterator(chunk_size=500):
        body = claim.article.body
        if not claim.span_fits(body):
            yield claim, body[claim.start : claim.end]


# A sentence's label: check-worthy if any of its claims went on to be checked.
_CHECKED = {
    ClaimStatus.CHECK_WORTHY,
    ClaimStatus.IN_RESEARCH,
    ClaimStatus.AWAITING_APPROVAL,
    ClaimStatus.PUBLISHED,
    ClaimStatus.DUPLICATE,
}


def _claim_label(claim: Claim) -> str:
    return "check_worthy" if claim.status in _CHECKED else claim.status


def _sentence_label(claims: list[Claim]) -> str:
    labels = {_claim_label(claim) for claim in claims if claim.status != ClaimStatus.NEW}
    for label in ("check_worthy", "not_check_worthy", "not_a_claim"):
        if label in labels:
            return label
    return "new"


def judged_sentences(*, since=None) -> Iterator[dict]:
    """One record per sentence a reviewer judged (triaged, marked Not a claim or corrected
    one of its claims): the sentence, its article, its label, and the engine's claims
    beside the reviewer's. What the check-worthiness training and the extraction
    evaluation read."""
    judged = Claim.objects.exclude(status=ClaimStatus.NEW, engine_claims__isnull=True)
    if since is not None:
        judged = judged.filter(updated_at__date__gte=since)
    keys = judged.order_by("article_id", "sentence").values_list("article_id", "sentence")
    articles = {}
    for article_id, sentence in keys.distinct().iterator(chunk_size=500):
        if article_id not in articles:
            articles.clear()  # records come article by article: keep one body at a time
            articles[article_id] = Article.objects.only("body", "published_on").get(pk=article_id)
        article = articles[article_id]
        claims = list(
            Claim.objects.filter(article_id=article_id, sentence=sentence).order_by("start", "id")
        )
        engine, seen = [], set()
        for claim in claims:
            for found in claim.engine_claims if claim.is_corrected else [claim.as_engine_claim()]:
                key = (found["start"], found["end"], found["text"])
                if key not in seen:
                    seen.add(key)
                    engine.append(found)
        non_claim = [claim for claim in claims if claim.status == ClaimStatus.NOT_A_CLAIM]
        yield {
            "article_id": article_id,
            "article_date": article.published_on.isoformat() if article.published_on else None,
            "sentence": sentence,
            "sentence_start": _sentence_start(article.body, sentence, claims[0].start),
            "label": _sentence_label(claims),
            "reason": non_claim[0].non_claim_reason if non_claim else "",
            "corrected": any(claim.is_corrected for claim in claims),
            "engine_claims": sorted(engine, key=lambda found: (found["start"], found["end"])),
            "reviewer_claims": [
                {
                    **claim.as_engine_claim(),
                    "label": _claim_label(claim),
                    "reason": claim.non_claim_reason,
                    "note": claim.non_claim_note,
                }
                for claim in claims
            ],
        }


def _sentence_start(body: str, sentence: str, near: int) -> int | None:
    """Where ``sentence`` starts in ``body``: the copy that holds offset ``near``."""
    at = body.rfind(sentence, 0, near + 1)
    if at == -1 or at + len(sentence) < near:
        at = body.find(sentence)
    return at if at != -1 else None
