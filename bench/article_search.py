"""Time the article search, body text included, over a hundred thousand articles.

usage: .venv/bin/python bench/article_search.py [--articles 100000] [--database-url URL]

The database (default postgres://postgres@127.0.0.1:5432/factcheck_bench_articles,
created if missing; a database of its own, so the claims benchmark's is left alone) is
migrated and filled with articles of 40 sentences each until it holds --articles of
them (a second run reuses them). One article in a thousand mentions a rare word, one in
ten a less rare one. Then the articles page is requested with each search (server time
in-process, as bench/pages.py times pages), and PostgreSQL's EXPLAIN of the body search
is printed, to show it runs through the GIN and trigram indexes of articles' migration 0004.
Never point it at a database you care about.
"""

import argparse
import random
import statistics
import time

from _setup import django_setup, ensure_postgres_database
from pages import percentile
from populate import sentence

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/factcheck_bench_articles"
SENTENCES_PER_ARTICLE = 40
BATCH = 2000
RARE, UNCOMMON = "zeppelin", "hovercraft"  # in 1 in 1,000 and 1 in 10 articles
SEARCHES = {
    "rare word (1 in 1,000 articles)": RARE,
    "uncommon word (1 in 10)": UNCOMMON,
    # Matching nearly every article: timed --common-requests times only (it took 34 s a
    # request before articles' migration 0004 stored the body's tsvector).
    "common word (most articles)": "inflation",
    "two words, any order": f"{RARE} ministry",
    "no article has it": "xylophonist",
}


def fill(total: int) -> None:
    from django.utils import timezone

    from factcheck.articles.models import Article
    from factcheck.articles.parsing import content_hash

    have = Article.objects.count()
    rng, today = random.Random(have), timezone.localdate()
    started = time.perf_counter()
    for first in range(have, total, BATCH):
        articles = []
        for number in range(first, min(first + BATCH, total)):
            words = [sentence(rng) for _ in range(SENTENCES_PER_ARTICLE)]
            if number % 1000 == 7:
                words[rng.randrange(len(words))] += f" A {RARE} was seen."
            if number % 10 == 3:
                words[rng.randrange(len(words))] += f" The {UNCOMMON} sank."
            title, body = f"Search benchmark article {number}", " ".join(words)
            articles.append(
                Article(
                    title=title,
                    body=body,
                    content_hash=content_hash(title, body),
                    outlet=rng.choice(["BBC", "Reuters", "AP", "LBC"]),
                    published_on=today,
                )
            )
        Article.objects.bulk_create(articles)
    if total > have:
        print(f"added {total - have:,} articles in {time.perf_counter() - started:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--common-requests", type=int, default=3)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    args = parser.parse_args()
    ensure_postgres_database(args.database_url)
    django_setup(args.database_url)

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from factcheck.articles.models import Article
    from factcheck.articles.selectors import article_list

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--no-input", verbosity=0)
    fill(args.articles)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
    user, _ = get_user_model().objects.get_or_create(
        username="search-bench", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(user)
    total = Article.objects.count()
    print(f"{total:,} articles, {connection.vendor}; {args.requests} requests per search\n")
    print("| search | found | p50 ms | p95 ms |\n| --- | ---: | ---: | ---: |")
    for label, words in SEARCHES.items():
        common = words == SEARCHES["common word (most articles)"]
        for _ in range(1 if common else 5):  # warm-up
            client.get("/articles/", {"q": words})
        timings = []
        for _ in range(args.common_requests if common else args.requests):
            started = time.perf_counter()
            response = client.get("/articles/", {"q": words})
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
        found = article_list(search=words).count()
        print(
            f"| {label}: {words!r} | {found:,} | {statistics.median(timings):.1f} "
            f"| {percentile(timings, 0.95):.1f} |"
        )
    if connection.vendor == "postgresql":
        sql, params = article_list(search=RARE).query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF) {sql}", params)
            print(f"\nEXPLAIN ANALYZE, search {RARE!r}:")
            print("\n".join(row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    main()
