"""Extraction into the database, and re-extraction after an engine upgrade."""

import pytest

from factcheck.claims.models import Claim
from factcheck.claims.services import claims_extract_for_article
from factcheck.extraction import ENGINE_VERSION
from factcheck.reviews import services as workflow
from tests.factories import ARTICLE_BODY, ArticleFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_extraction_stores_each_claim_with_exact_offsets_speaker_and_figures():
    article = ArticleFactory(body=ARTICLE_BODY)

    claims_extract_for_article(article=article)

    claims = list(article.claims.order_by("start"))
    assert len(claims) >= 2
    for claim in claims:
        assert article.body[claim.start : claim.end]
        assert 0 <= claim.score <= 1
        assert claim.extractor_version == ENGINE_VERSION
    speakers = {claim.speaker for claim in claims}
    assert {"Ukraine", "the US"} <= speakers
    guns = next(claim for claim in claims if "18,000" in claim.text)
    assert guns.figures[0]["value"] == 18000
    article.refresh_from_db()
    assert article.extractor_version == ENGINE_VERSION


def test_re_extraction_replaces_untouched_claims_and_duplicates_nothing():
    article = ArticleFactory(body=ARTICLE_BODY)
    first = {(c.start, c.end) for c in claims_extract_for_article(article=article)}

    claims_extract_for_article(article=article)

    assert {(c.start, c.end) for c in article.claims.all()} == first


def test_re_extraction_keeps_every_claim_a_reviewer_touched_with_its_work(reviewer, editor):
    article = ArticleFactory(body=ARTICLE_BODY)
    claims_extract_for_article(article=article)
    touched = article.claims.order_by("start").first()
    workflow.claim_triage(claim=touched, user=reviewer, decision=Claim.Status.CHECK_WORTHY)
    touched = workflow.claim_take(claim=Claim.objects.get(pk=touched.pk), user=reviewer)
    source = SourceFactory(claim=touched, added_by=reviewer)
    touched.text = "edited by a reviewer"
    touched.save(update_fields=["text"])

    claims_extract_for_article(article=article)

    kept = Claim.objects.get(pk=touched.pk)
    assert kept.text == "edited by a reviewer"
    assert list(kept.sources.all()) == [source]
    assert kept.events.count() == 2
    spans = [(c.start, c.end) for c in article.claims.order_by("start")]
    assert len(spans) == len(set(spans))
    for start, end in spans:  # nothing new overlaps the kept claim
        if (start, end) != (kept.start, kept.end):
            assert end <= kept.start or start >= kept.end
