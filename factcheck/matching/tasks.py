"""Matching the claims of an import in the background, once they are written."""

from django.tasks import task

from factcheck.articles.models import Article
from factcheck.matching.services import matches_find_for_articles

ARTICLES_PER_TRANSACTION = 100


@task()
def match_batch_task(*, batch_id: int) -> int:
    """Find the earlier claims that the new claims of an import batch repeat."""
    article_ids = list(Article.objects.filter(batch_id=batch_id).values_list("pk", flat=True))
    found = 0
    for first in range(0, len(article_ids), ARTICLES_PER_TRANSACTION):
        chunk = article_ids[first : first + ARTICLES_PER_TRANSACTION]
        found += len(matches_find_for_articles(article_ids=chunk))
    return found
