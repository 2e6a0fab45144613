"""The per-status counters stay exact through every kind of write."""

from pathlib import Path

import pytest

from factcheck.articles.services import articles_import_files
from factcheck.claims.models import Claim, ClaimStatusCount
from factcheck.reviews import services
from factcheck.reviews.selectors import status_counts
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db
REPO = Path(__file__).resolve().parents[2]
Status = Claim.Status


def counted() -> dict[str, int]:
    return {status: n for status, n in status_counts().items() if n}


def actual() -> dict[str, int]:
    counts: dict[str, int] = {}
    for status in Claim.objects.values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


def test_counts_follow_inserts_workflow_moves_bulk_writes_and_deletes(reviewer):
    article = ArticleFactory()
    claims = [ClaimFactory(article=article, start=5 * n, end=5 * n + 4) for n in range(4)]
    assert counted() == {"new": 4} == actual()

    services.claim_triage(claim=claims[0], user=reviewer, decision=Status.CHECK_WORTHY)
    services.claim_triage(claim=claims[1], user=reviewer, decision=Status.NOT_CHECK_WORTHY)
    assert counted() == {"new": 2, "check_worthy": 1, "not_check_worthy": 1} == actual()

    Claim.objects.bulk_create(
        [
            Claim(article=article, text="t", sentence="s", start=100 + n, end=101 + n)
            for n in range(3)
        ]
    )
    Claim.objects.filter(status=Status.NEW).update(priority=5)  # not a status change
    assert counted()["new"] == 5 == actual()["new"]

    claims[0].delete()
    article.delete()  # cascades to every claim
    assert counted() == {} == actual()


def test_the_screen_reads_the_counters_in_one_query(django_assert_num_queries):
    ClaimFactory.create_batch(3, start=0, end=4)
    with django_assert_num_queries(1):
        assert status_counts()["new"] == 3
    assert ClaimStatusCount.objects.count() == len(Status.values)


def test_counts_follow_the_bulk_import_path(tmp_path):
    seed = next((REPO / "seeds").glob("*.txt"))
    for n in range(3):  # several articles, so the importer writes claims in bulk
        text = seed.read_text(encoding="utf-8").replace("Will Taylor", f"Reporter {n}")
        (tmp_path / f"{n}.txt").write_text(text.replace("18,000", f"1{n},000"), encoding="utf-8")

    articles_import_files(paths=[tmp_path])

    assert actual()["new"] > 0
    assert counted() == actual()
