"""The article page's text and claim list, cached by what they show.

An article of 200 claims marks each one in its text and lists it beside: rendering that
takes tens of milliseconds, for a page that changes only when one of its claims does. The
fragment is keyed by the article's text and everything each claim shows (see
``factcheck.reviews.fragments``): a changed claim or a new verdict is a new key.
"""

from collections.abc import Sequence

from django.utils.safestring import SafeString

from factcheck.articles.models import Article
from factcheck.articles.selectors import article_segments
from factcheck.claims.models import Claim
from factcheck.reviews.fragments import CachedFragment

ARTICLE_BODY = CachedFragment(
    "articles/article_detail.html#body",
    drawn_from=("articles/article_detail.html", "includes/article_text.html"),
)


def article_body(request, article: Article, claims: Sequence[Claim]) -> SafeString:
    """The marked text and the claim list; claims need ``inherited_verdict``
    (``attach_inherited_verdicts``)."""
    shown = (article.pk, article.body, tuple(_claim_shown(claim) for claim in claims))
    context = {
        "article": article,
        "claims": claims,
        # Worked out only when the fragment is rendered, not when it comes from the cache.
        "segments": lambda: article_segments(article.body, claims),
        "claim": None,  # no claim of the page is the current one
    }
    return ARTICLE_BODY.render(request, shown, context)


def _claim_shown(claim: Claim) -> tuple:
    verdict = claim.inherited_verdict
    return (
        claim.pk,
        claim.start,
        claim.end,
        claim.text,
        claim.status,
        claim.speaker,
        claim.score,
        claim.canonical_id,
        (verdict.rating.label, verdict.rating.colour) if verdict else None,
    )
