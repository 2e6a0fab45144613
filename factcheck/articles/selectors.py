"""Reads that feed the article screens."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from factcheck.articles.models import Article
from factcheck.claims.models import Claim


def article_list(*, search: str = "") -> QuerySet[Article]:
    articles = (
        Article.objects.annotate(claim_count=Count("claims"))
        .defer("body")
        .order_by("-published_on", "-id")
    )
    if search:
        articles = articles.filter(
            Q(title__icontains=search) | Q(outlet__icontains=search) | Q(author__icontains=search)
        )
    return articles


@dataclass(frozen=True)
class Segment:
    """A run of article text, highlighted when it belongs to a claim."""

    text: str
    claim: Claim | None = None


def article_segments(body: str, claims: list[Claim]) -> list[Segment]:
    """Cut the body at claim offsets so a template can highlight each claim in place.

    Claims are laid out in order of their start; where two overlap, the later one is
    highlighted from where the earlier one ends, so no character is shown twice. A claim
    whose span no longer lies in its sentence (the text changed under it) is not
    highlighted at all rather than at the wrong words.
    """
    segments: list[Segment] = []
    position = 0
    fitting = (claim for claim in claims if claim.span_fits(body))
    for claim in sorted(fitting, key=lambda c: (c.start, c.end)):
        start = max(claim.start, position)
        end = min(claim.end, len(body))
        if start >= end:
            continue
        if start > position:
            segments.append(Segment(body[position:start]))
        segments.append(Segment(body[start:end], claim))
        position = end
    if position < len(body):
        segments.append(Segment(body[position:]))
    return segments
