"""Two imports of the same file at the same moment, for real: threads with their own
connections, on PostgreSQL."""

import json
import threading

import pytest
from django.db import connection, connections

from factcheck.articles.models import Article, ImportBatch
from factcheck.articles.services import articles_import_files
from factcheck.claims.models import Claim

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises every write, so there is no race to test",
    ),
]

BODY = "The mayor said 40 homes flooded on Monday.\n\nThe council promised £2m in repairs."


def run_together(actions):
    barrier = threading.Barrier(len(actions))
    outcomes = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            outcomes[index] = action()
        except Exception as error:
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


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
