"""Reads that feed the article screens."""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from factcheck.articles.models import Article
from factcheck.claims.models import Claim

# The body's full-text search: the stored tsvector column of articles' migration 0004,
# computed by PostgreSQL from the body with this configuration.
BODY_SEARCH_CONFIG = "english"
BODY_SEARCH_COLUMN = RawSQL(
    '"articles_article"."body_search"', (), output_field=SearchVectorField()
)
TITLE_SUGGESTIONS = 10


def _in_body(search: str) -> Q:
    """Articles whose body has the words searched for: PostgreSQL's full-text search (the
    words in any order and form, through the GIN index), SQLite's LIKE elsewhere."""
    if connection.vendor != "postgresql":
        return Q(body__icontains=search)
    return Q(body_search=SearchQuery(search, config=BODY_SEARCH_CONFIG, search_type="websearch"))


def article_list(*, search: str = "") -> QuerySet[Article]:
    # The claims are counted per article shown, in a subquery, rather than by a join and
    # GROUP BY over every matching article before the page is cut.
    claim_count = (
        Claim.objects.filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(count=Count("pk"))
        .values("count")
    )
    articles = (
        Article.objects.annotate(claim_count=Coalesce(Subquery(claim_count), 0))
        .defer("body")
        .order_by("-published_on", "-id")
    )
    if search:
        if connection.vendor == "postgresql":
            articles = articles.alias(body_search=BODY_SEARCH_COLUMN)
        articles = articles.filter(
            Q(title__icontains=search)
            | Q(outlet__icontains=search)
            | Q(author__icontains=search)
            | _in_body(search)
        )
    return articles


def article_titles(*, typed: str) -> list[str]:
    """Titles for the Article filter's autocomplete: those starting with what was typed
    first, then those containing it."""
    typed = typed.strip()
    if not typed:
        return []
    titles = Article.objects.order_by("title").values_list("title", flat=True).distinct()
    found = list(titles.filter(title__istartswith=typed)[:TITLE_SUGGESTIONS])
    if len(found) < TITLE_SUGGESTIONS:
        found += [
            title
            for title in titles.filter(title__icontains=typed).exclude(title__in=found)[
                : TITLE_SUGGESTIONS - len(found)
            ]
        ]
    return found


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
