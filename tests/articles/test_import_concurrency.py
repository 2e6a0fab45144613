"""Two imports of the same file at the same moment, for real: threads with their own
connections, on PostgreSQL."""

import json

import pytest

from factcheck.articles.models import Article, ImportBatch
from factcheck.articles.services import articles_import_files
from factcheck.claims.models import Claim
from tests.concurrency import only_on_postgresql, run_together

pytestmark = only_on_postgresql

BODY = "The mayor said 40 homes flooded on Monday.\n\nThe council promised £2m in repairs."


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("articles", [1, 60], ids=["one-article", "many-articles"])
def test_two_imports_of_the_same_file_at_once_make_each_article_once(tmp_path, articles):
    feed = tmp_path / "feed.json"
    feed.write_text(
        json.dumps([{"title": f"Story {n}", "body": f"{BODY} Item {n}."} for n in range(articles)])
    )

    outcomes = run_together(
        [lambda: articles_import_files(paths=[feed], processes=1) for _ in range(2)]
    )

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert Article.objects.count() == articles
    batches = ImportBatch.objects.all()
    assert sum(b.articles_created for b in batches) == articles
    assert sum(b.duplicates_skipped for b in batches) == articles
    assert all(b.status == ImportBatch.Status.DONE for b in batches)
    claims_per_article = {a.pk: a.claims.count() for a in Article.objects.all()}
    assert sum(claims_per_article.values()) == Claim.objects.count()
    assert min(claims_per_article.values()) > 0
