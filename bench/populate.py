"""Fill a benchmark database with a newsroom's worth of claims.

usage: .venv/bin/python bench/populate.py [--claims 1000000] [--database-url URL]

The database (default postgres://postgres@127.0.0.1:5432/factcheck_bench, created if
missing) is migrated, emptied of articles, then filled with bulk inserts: articles of
200 claims each, a realistic mix of statuses (most claims new, some triaged, researched,
awaiting approval or published), sources, verdicts, audit events and suggested matches
(one new claim in twenty), reviewers and editors, and one claim with 50 sources and 100
events for the claim page benchmark.
Never point it at a database you care about.
"""

import argparse
import random
import time

from _setup import DEFAULT_DATABASE_URL, django_setup, ensure_postgres_database

CLAIMS_PER_ARTICLE = 200
STATUS_MIX = [  # status, share of claims
    ("new", 0.60),
    ("check_worthy", 0.08),
    ("not_check_worthy", 0.15),
    ("in_research", 0.05),
    ("awaiting_approval", 0.02),
    ("published", 0.09),
    ("duplicate", 0.01),
]
SPEAKERS = ["", "", "Ukraine", "the US", "the UK's Ministry of Defence", "Reuters"]
TEMPLATES = [
    "{n:,} guns had been given to residents to defend the city",
    "the government has pledged to provide ${n}m in military assistance",
    "unemployment fell by {p}% in the last quarter",
    "{n:,} people were evacuated from the region on Friday",
    "the council will build {n:,} new homes by {y}",
    "inflation reached {p}% in {y}, the highest in a decade",
    "a UN resolution condemning the invasion failed after a veto",
    "the ministry said {n:,} soldiers had been deployed to the border",
]
STATUSES = [status for status, _ in STATUS_MIX if status != "duplicate"]
WEIGHTS = [share for status, share in STATUS_MIX if status != "duplicate"]
BATCH = 5000
BENCH_PASSWORD = "benchmark-password"


def sentence(rng: random.Random) -> str:
    text = rng.choice(TEMPLATES).format(
        n=rng.randint(2, 90_000), p=rng.randint(1, 60), y=rng.randint(2015, 2026)
    )
    return text[0].upper() + text[1:] + "."


def make_articles(rng: random.Random, numbers: range, today) -> list:
    from factcheck.articles.models import Article
    from factcheck.articles.parsing import content_hash

    articles = []
    for number in numbers:
        body = " ".join(sentence(rng) for _ in range(CLAIMS_PER_ARTICLE))
        title = f"Benchmark article {number}"
        articles.append(
            Article(
                title=title,
                body=body,
                content_hash=content_hash(title, body),
                outlet=rng.choice(["BBC", "Reuters", "AP", "LBC"]),
                published_on=today,
            )
        )
    return articles


def make_claims(rng: random.Random, article, reviewers: list) -> list:
    """One claim per sentence of the article, with exact offsets."""
    from factcheck.claims.models import Claim

    claims, position = [], 0
    for text in article.body.split(". "):
        status = rng.choices(STATUSES, WEIGHTS)[0]
        researched = status in ("in_research", "awaiting_approval")
        claims.append(
            Claim(
                article=article,
                text=text.rstrip("."),
                sentence=text,
                start=position,
                end=position + len(text.rstrip(".")),
                speaker=rng.choice(SPEAKERS),
                claim_type=rng.choice(["quantity", "event", "prediction", "other"]),
                figures=[{"text": "1", "value": 1.0, "unit": "", "currency": ""}],
                score=round(rng.betavariate(2, 3), 4),
                score_reasons=["contains a figure"],
                status=status,
                assignee=rng.choice(reviewers) if researched else None,
            )
        )
        position += len(text) + 2
    return claims


def make_work(rng: random.Random, claims: list, reviewers, editors, ratings, now):
    """The sources, verdicts and events a claim in its status would have."""
    from factcheck.reviews.models import Event, Source, Verdict

    sources, verdicts, events = [], [], []
    for claim in claims:
        if claim.status == "new":
            continue
        actor = claim.assignee or rng.choice(reviewers)
        events.append(
            Event(claim=claim, actor=actor, action="triage", from_value="new", to_value="x")
        )
        if claim.status not in ("in_research", "awaiting_approval", "published"):
            continue
        events.append(Event(claim=claim, actor=actor, action="take"))
        sources.extend(
            Source(claim=claim, url=f"https://example.org/{claim.pk}/{n}", added_by=actor)
            for n in range(rng.randint(1, 3))
        )
        if claim.status != "in_research":
            published = claim.status == "published"
            rating = rng.choice(ratings)
            verdicts.append(
                Verdict(
                    claim=claim,
                    rating=rating,
                    rating_label=rating.label,
                    rating_value=rating.rating_value,
                    summary="Checked against the ministry's figures.",
                    author=actor,
                    status=claim.status,
                    approved_by=rng.choice(editors) if published else None,
                    approved_at=now if published else None,
                )
            )
    return sources, verdicts, events


def make_matches(rng: random.Random, total_claims: int) -> int:
    """Suggested matches waiting in triage (one new claim in twenty, each pointing at a
    published claim, so that its verdict shows) and the confirmed links of duplicates."""
    from factcheck.claims.models import Claim
    from factcheck.matching.models import ClaimMatch

    new_ids = list(Claim.objects.filter(status="new").values_list("id", flat=True))
    published = list(Claim.objects.filter(status="published").values_list("id", flat=True))
    matches = [
        ClaimMatch(
            claim_id=claim_id,
            candidate_id=rng.choice(published),
            score=round(rng.uniform(0.5, 0.9), 3),
            reason="similar wording",
            status=ClaimMatch.Status.SUGGESTED,
        )
        for claim_id in rng.sample(new_ids, min(len(new_ids), total_claims // 20 * 6 // 10))
    ]
    matches.extend(
        ClaimMatch(
            claim_id=claim_id,
            candidate_id=canonical_id,
            score=0.95,
            reason="same wording",
            status=ClaimMatch.Status.CONFIRMED,
        )
        for claim_id, canonical_id in Claim.objects.filter(status="duplicate").values_list(
            "id", "canonical_id"
        )
    )
    ClaimMatch.objects.bulk_create(matches, batch_size=BATCH)
    return len(matches)


def empty_the_database() -> None:
    from django.db import connection

    from factcheck.articles.models import Article
    from factcheck.claims.models import ClaimStatusCount

    if connection.vendor == "postgresql":
        # TRUNCATE skips the row-by-row cascade (and the counting triggers: reset below).
        with connection.cursor() as cursor:
            cursor.execute(
                "TRUNCATE articles_article, claims_claim, reviews_source, reviews_verdict, "
                "reviews_verdict_sources, reviews_event RESTART IDENTITY CASCADE"
            )
        ClaimStatusCount.objects.update(count=0)
    else:
        Article.objects.all().delete()


def populate(total_claims: int, seed: int = 1) -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.db import connection, transaction
    from django.utils import timezone

    from factcheck.accounts.roles import EDITOR, REVIEWER
    from factcheck.articles.models import Article
    from factcheck.claims.models import Claim
    from factcheck.reviews.models import Event, Rating, Source, Verdict

    rng = random.Random(seed)
    started = time.perf_counter()
    empty_the_database()
    get_user_model().objects.filter(username__startswith="bench-").delete()
    password = make_password(BENCH_PASSWORD)  # hashed once: Argon2 is slow on purpose
    reviewers, editors = (
        get_user_model().objects.bulk_create(
            get_user_model()(username=f"bench-{role}-{n}", password=password) for n in range(count)
        )
        for role, count in [("reviewer", 20), ("editor", 4)]
    )
    Group.objects.get(name=REVIEWER).user_set.add(*reviewers)
    Group.objects.get(name=EDITOR).user_set.add(*editors)
    ratings = list(Rating.objects.all())
    now = timezone.now()
    counts = dict.fromkeys(["articles", "claims", "sources", "verdicts", "events", "matches"], 0)

    n_articles = max(1, total_claims // CLAIMS_PER_ARTICLE)
    per_batch = max(1, BATCH // CLAIMS_PER_ARTICLE)
    for first in range(0, n_articles, per_batch):
        with transaction.atomic():
            articles = make_articles(rng, range(first, min(n_articles, first + per_batch)), now)
            Article.objects.bulk_create(articles)
            claims = [c for article in articles for c in make_claims(rng, article, reviewers)]
            Claim.objects.bulk_create(claims, batch_size=BATCH)
            sources, verdicts, events = make_work(rng, claims, reviewers, editors, ratings, now)
            Source.objects.bulk_create(sources, batch_size=BATCH)
            Verdict.objects.bulk_create(verdicts, batch_size=BATCH)
            Event.objects.bulk_create(events, batch_size=BATCH)
        for key, rows in zip(counts, [articles, claims, sources, verdicts, events], strict=False):
            counts[key] += len(rows)
        if (first // per_batch) % 20 == 0:
            rate = counts["claims"] / (time.perf_counter() - started)
            print(f"  {counts['claims']:>9,} claims ({rate:,.0f}/s)", flush=True)

    with transaction.atomic():
        # Duplicates point at a canonical claim; one claim carries a long history.
        canonical = Claim.objects.filter(status="check_worthy").first()
        new_ids = Claim.objects.filter(status="new").values_list("id", flat=True)
        Claim.objects.filter(id__in=list(new_ids[: total_claims // 100])).update(
            status="duplicate", canonical=canonical
        )
        busy = Claim.objects.filter(status="in_research").first()
        Source.objects.bulk_create(
            Source(claim=busy, url=f"https://example.org/busy/{n}", added_by=busy.assignee)
            for n in range(50 - busy.sources.count())
        )
        Event.objects.bulk_create(
            Event(claim=busy, actor=busy.assignee, action="note", note=f"Note {n}")
            for n in range(100 - busy.events.count())
        )
        counts["matches"] = make_matches(rng, total_claims)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    counts["seconds"] = round(time.perf_counter() - started, 1)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    args = parser.parse_args()
    ensure_postgres_database(args.database_url)
    django_setup(args.database_url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print(f"Populating {args.database_url} with {args.claims:,} claims")
    counts = populate(args.claims)
    print(", ".join(f"{key}: {value:,}" for key, value in counts.items()))


if __name__ == "__main__":
    main()
