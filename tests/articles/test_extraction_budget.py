"""One article whose extraction runs too long fails alone, with a clear error."""

import time

import pytest

from factcheck.articles import claim_pool
from factcheck.articles.models import Article
from factcheck.articles.services import articles_import_files
from factcheck.extraction import extract_claims

pytestmark = pytest.mark.django_db


def slow_on_request(body: str):
    if "SLOW" in body:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # busy, as a pathological regex would be
            pass
    return extract_claims(body)


def test_an_article_over_its_time_budget_is_refused_and_the_rest_of_the_batch_imports(
    tmp_path, settings, monkeypatch
):
    settings.FACTCHECK_EXTRACTION_SECONDS = 0.3
    monkeypatch.setattr(claim_pool, "extract_claims", slow_on_request)
    (tmp_path / "slow.txt").write_text("Slow story\n\nSLOW. The mayor said 40 homes flooded.")
    (tmp_path / "fine.txt").write_text("Fine story\n\nThe council promised £2m in repairs.")

    started = time.monotonic()
    batch = articles_import_files(paths=[tmp_path]).batch

    assert time.monotonic() - started < 20
    assert list(Article.objects.values_list("title", flat=True)) == ["Fine story"]
    assert any(
        "slow.txt" in error and "took longer than 0.3 s, the limit for one article" in error
        for error in batch.errors
    ), batch.errors


def test_without_a_budget_extraction_is_not_interrupted():
    assert claim_pool.extract_many(["The mayor said 40 homes flooded."], seconds=0)[0]
