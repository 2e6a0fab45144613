"""Writes that create or refresh an article's claims from the extraction engine."""

from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from factcheck.articles.models import Article
from factcheck.claims.models import Claim
from factcheck.extraction import ENGINE_VERSION, extract_claims
from factcheck.matching.services import matches_find_for_claims


def claim_from_extracted(article: Article, extracted) -> Claim:
    return Claim(
        article=article,
        text=extracted.text,
        sentence=extracted.sentence,
        start=extracted.start,
        end=extracted.end,
        speaker=extracted.speaker or "",
        claim_type=str(extracted.type),
        figures=extracted.to_dict()["figures"],
        score=min(max(extracted.score, 0.0), 1.0),
        score_reasons=list(extracted.reasons),
        extractor_version=ENGINE_VERSION,
    )


def _touched_claims(article: Article):
    """Claims a person has worked on: re-extraction must never lose them."""
    from factcheck.reviews.models import Event, Source, Verdict

    return article.claims.filter(
        ~Q(status=Claim.Status.NEW)
        | Q(assignee__isnull=False)
        | Q(duplicates__isnull=False)
        | Exists(Source.objects.filter(claim=OuterRef("pk")))
        | Exists(Verdict.objects.filter(claim=OuterRef("pk")))
        | Exists(Event.objects.filter(claim=OuterRef("pk")))
    ).distinct()


@transaction.atomic
def claims_extract_for_article(*, article: Article) -> list[Claim]:
    """(Re-)extract an article's claims with the current engine.

    Untouched claims are replaced; every claim a reviewer has touched is kept with its
    sources, verdicts and events, and a new claim overlapping a kept one is dropped.
    """
    kept = list(_touched_claims(article).values_list("pk", "start", "end"))
    kept_ids = [pk for pk, _, _ in kept]
    article.claims.exclude(pk__in=kept_ids).delete()

    def overlaps_kept(start: int, end: int) -> bool:
        return any(start < kept_end and kept_start < end for _, kept_start, kept_end in kept)

    new_claims = [
        claim_from_extracted(article, extracted)
        for extracted in extract_claims(article.body)
        if not overlaps_kept(extracted.start, extracted.end)
    ]
    Claim.objects.bulk_create(new_claims)
    article.extractor_version = ENGINE_VERSION
    article.save(update_fields=["extractor_version"])
    matches_find_for_claims(claims=new_claims)
    return new_claims
