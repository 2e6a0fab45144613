"""The triage queue's stamp changes with every write that can change what the queue shows,
and only with those, whatever the write path.

On PostgreSQL the stamp is written when a transaction commits, so these tests commit:
each runs with real transactions, as requests do."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from factcheck.articles.services import articles_import_files
from factcheck.claims.models import Claim
from factcheck.matching.models import ClaimMatch
from factcheck.reviews import services
from factcheck.reviews.models import Rating, TriageQueueStamp, Verdict
from factcheck.reviews.selectors import status_counts_and_stamp
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    EditorFactory,
    ReviewerFactory,
    SourceFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
REPO = Path(__file__).resolve().parents[2]
Status = Claim.Status


def stamp() -> str:
    _, value = status_counts_and_stamp()
    assert value is not None
    return value


def claim(**fields) -> Claim:
    return ClaimFactory(start=0, end=5, **fields)


def match(**fields) -> ClaimMatch:
    return ClaimMatch.objects.create(
        claim=claim(), candidate=claim(status=Status.PUBLISHED), score=0.9, **fields
    )


def publish(verdict: Verdict) -> None:
    Verdict.objects.filter(pk=verdict.pk).update(
        status=Verdict.Status.PUBLISHED, approved_by=EditorFactory(), approved_at=timezone.now()
    )


def published_verdict() -> Verdict:
    return VerdictFactory(
        status=Verdict.Status.PUBLISHED, approved_by=EditorFactory(), approved_at=timezone.now()
    )


def import_seed() -> None:
    """The importer's own path: COPY on PostgreSQL, bulk inserts on SQLite."""
    articles_import_files(paths=[next((REPO / "seeds").glob("*.txt"))])


# Each: (what is set up first, the write under test).
CHANGES_WHAT_THE_QUEUE_SHOWS = {
    "a claim added": (lambda: None, lambda _: claim()),
    "an article imported": (lambda: None, lambda _: import_seed()),
    "claims imported in bulk": (
        ArticleFactory,
        lambda article: Claim.objects.bulk_create(
            [Claim(article=article, text="t", sentence="s", start=n, end=n + 1) for n in range(3)]
        ),
    ),
    "a claim triaged": (
        lambda: (claim(), ReviewerFactory()),
        lambda made: services.claim_triage(
            claim=made[0], user=made[1], decision=Status.CHECK_WORTHY
        ),
    ),
    "a new claim re-scored in bulk": (
        claim,
        lambda _: Claim.objects.filter(status=Status.NEW).update(score=0.99),
    ),
    "a published claim's text corrected (a match quotes it)": (
        lambda: claim(status=Status.PUBLISHED),
        lambda made: Claim.objects.filter(pk=made.pk).update(text="Corrected"),
    ),
    "a claim deleted": (claim, lambda made: made.delete()),
    "an article deleted with its claims": (
        lambda: claim().article,
        lambda article: article.delete(),
    ),
    "an article retitled": (
        ArticleFactory,
        lambda article: type(article).objects.filter(pk=article.pk).update(title="New"),
    ),
    "a match suggested": (lambda: None, lambda _: match()),
    "a suggestion turned down": (
        match,
        lambda made: ClaimMatch.objects.filter(pk=made.pk).update(
            status=ClaimMatch.Status.REJECTED
        ),
    ),
    "a suggestion deleted": (match, lambda made: made.delete()),
    "a verdict published": (VerdictFactory, publish),
    "a published verdict deleted": (published_verdict, lambda verdict: verdict.delete()),
    "a published verdict re-rated": (
        published_verdict,
        lambda verdict: Verdict.objects.filter(pk=verdict.pk).update(
            rating=Rating.objects.exclude(pk=verdict.rating_id).first()
        ),
    ),
    "a suggestion re-scored": (
        match,
        lambda made: ClaimMatch.objects.filter(pk=made.pk).update(score=0.5),
    ),
    "a rating renamed": (
        lambda: Rating.objects.first(),
        lambda rating: Rating.objects.filter(pk=rating.pk).update(label="Mostly accurate"),
    ),
    "a rating's colour changed": (
        lambda: Rating.objects.first(),
        lambda rating: Rating.objects.filter(pk=rating.pk).update(colour="#123456"),
    ),
}

LEAVES_THE_QUEUE_AS_IT_IS = {
    "a claim in research reassigned": (
        lambda: (claim(status=Status.IN_RESEARCH), ReviewerFactory()),
        lambda made: Claim.objects.filter(pk=made[0].pk).update(assignee=made[1]),
    ),
    "a draft verdict written": (
        lambda: claim(status=Status.IN_RESEARCH),
        lambda made: VerdictFactory(claim=made),
    ),
    "a source attached": (
        lambda: claim(status=Status.IN_RESEARCH),
        lambda made: SourceFactory(claim=made),
    ),
    "an article's outlet changed": (
        ArticleFactory,
        lambda article: type(article).objects.filter(pk=article.pk).update(outlet="Elsewhere"),
    ),
    "a confirmed match re-scored": (
        lambda: match(status=ClaimMatch.Status.CONFIRMED),
        lambda made: ClaimMatch.objects.filter(pk=made.pk).update(score=0.5),
    ),
}


@pytest.mark.parametrize(
    ("write", "changes"),
    [(write, True) for write in CHANGES_WHAT_THE_QUEUE_SHOWS]
    + [(write, False) for write in LEAVES_THE_QUEUE_AS_IT_IS],
)
def test_the_stamp_changes_with_exactly_the_writes_the_queue_shows(write, changes):
    setup, change = {**CHANGES_WHAT_THE_QUEUE_SHOWS, **LEAVES_THE_QUEUE_AS_IT_IS}[write]
    made = setup()
    before = stamp()

    change(made)

    assert (stamp() != before) is changes


def test_a_transaction_of_many_writes_gives_one_new_stamp_at_commit():
    article = ArticleFactory()
    before = stamp()

    with transaction.atomic():
        for n in range(5):
            ClaimFactory(article=article, start=n, end=n + 1)
        # Inside it the stamp is not to be trusted: on PostgreSQL it changes at commit.
        assert status_counts_and_stamp()[1] is None

    after = stamp()
    assert after != before
    assert TriageQueueStamp.objects.count() == 1


def test_a_rolled_back_transaction_leaves_the_stamp():
    article = ArticleFactory()
    before = stamp()

    with pytest.raises(RuntimeError), transaction.atomic():
        ClaimFactory(article=article)
        raise RuntimeError("rolled back")

    assert stamp() == before


def test_without_its_row_there_is_no_stamp_and_writes_still_work():
    TriageQueueStamp.objects.all().delete()

    claim()

    assert status_counts_and_stamp() == ({**dict.fromkeys(Status.values, 0), "new": 1}, None)


def test_a_migrate_or_restore_renews_the_stamp_and_brings_back_its_row():
    """``make restore`` migrates: pages kept under the restored stamp are never served."""
    before = stamp()
    call_command("migrate", verbosity=0)
    assert stamp() != before

    TriageQueueStamp.objects.all().delete()  # as a flush leaves it
    call_command("migrate", verbosity=0)

    assert stamp() is not None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's deferred triggers")
def test_a_transaction_writes_the_stamp_row_once_however_many_rows_it_writes():
    article = ArticleFactory()

    def stamp_row_updates(cursor) -> int:
        # Counted for this backend; taken as a difference inside one transaction, since
        # counts of earlier transactions may not be flushed yet.
        cursor.execute(
            "SELECT n_tup_upd FROM pg_stat_xact_user_tables "
            "WHERE relname = 'reviews_triagequeuestamp'"
        )
        return cursor.fetchone()[0]

    with transaction.atomic(), connection.cursor() as cursor:
        before = stamp_row_updates(cursor)
        for n in range(5):
            ClaimFactory(article=article, start=n, end=n + 1)
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # fire what waits for the commit
        assert stamp_row_updates(cursor) - before == 1
