from collections.abc import Iterator

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
