from datetime import UTC, datetime

import pytest

from factcheck.claims.models import Claim
from factcheck.reviews.models import Rating, Verdict
from tests.factories import ArticleFactory, ClaimFactory, EditorFactory, VerdictFactory

APPROVED_AT = datetime(2024, 3, 1, 10, 0, tzinfo=UTC)


@pytest.fixture
def approver(db):
    return EditorFactory(username="ada")


@pytest.fixture
def publish(approver):
    """Make a published verdict: ``publish(claim=..., rating="false", approved_at=...)``."""

    def make(claim=None, *, rating="mostly-true", approved_at=APPROVED_AT, **fields):
        claim = claim or ClaimFactory(status=Claim.Status.PUBLISHED)
        return VerdictFactory(
            claim=claim,
            rating=Rating.objects.get(slug=rating),
            status=Verdict.Status.PUBLISHED,
            approved_by=approver,
            approved_at=approved_at,
            **fields,
        )

    return make


@pytest.fixture
def article_with_claims(db):
    """An article with three claims, made out of order: the report puts them in text order."""

    def make(**article_fields):
        article = ArticleFactory(**article_fields)
        spans = [(40, 60), (0, 20), (80, 100)]
        return article, [
            ClaimFactory(article=article, start=start, end=end, status=Claim.Status.PUBLISHED)
            for start, end in spans
        ]

    return make


@pytest.fixture
def link(db):
    """Make a claim in another article linked to ``canonical``, as a confirmed or automatic
    match leaves it: ``link(canonical, speaker=..., title=...)``."""

    def make(canonical, *, speaker="", **article_fields):
        return ClaimFactory(
            article=ArticleFactory(**article_fields),
            speaker=speaker,
            status=Claim.Status.DUPLICATE,
            canonical=canonical,
        )

    return make
