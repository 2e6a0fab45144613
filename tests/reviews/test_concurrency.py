"""Two people acting at the same moment, for real: threads with their own connections."""

import pytest
from django.db import connection, transaction
from django.urls import reverse

from factcheck.claims.models import Claim
from factcheck.reviews import services, views
from factcheck.reviews.selectors import status_counts_and_stamp
from tests.concurrency import only_on_postgresql, run_together, uncommitted
from tests.factories import ArticleFactory, ClaimFactory, ReviewerFactory
from tests.triage import queue

pytestmark = only_on_postgresql


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reviewers_pressing_next_claim_at_once_never_get_the_same_claim():
    reviewers = ReviewerFactory.create_batch(8)
    for n in range(5):
        ClaimFactory(status=Claim.Status.CHECK_WORTHY, start=5 * n, end=5 * n + 4, score=0.5)

    outcomes = run_together(
        [lambda user=user: services.claim_take_next(user=user) for user in reviewers]
    )

    taken = [claim for claim in outcomes if isinstance(claim, Claim)]
    assert len(taken) == 5
    assert len({claim.pk for claim in taken}) == 5
    assert outcomes.count(None) == 3
    assert Claim.objects.filter(status=Claim.Status.IN_RESEARCH).count() == 5
    for claim in Claim.objects.all():
        assert claim.events.filter(action="take").count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_saves_of_one_version_exactly_one_wins():
    claim = ClaimFactory()
    first, second = ReviewerFactory.create_batch(2)

    outcomes = run_together(
        [
            lambda: services.claim_triage(
                claim=Claim.objects.get(pk=claim.pk),
                user=first,
                decision=Claim.Status.CHECK_WORTHY,
                version=1,
            ),
            lambda: services.claim_triage(
                claim=Claim.objects.get(pk=claim.pk),
                user=second,
                decision=Claim.Status.NOT_CHECK_WORTHY,
                version=1,
            ),
        ]
    )

    winners = [outcome for outcome in outcomes if isinstance(outcome, Claim)]
    losers = [outcome for outcome in outcomes if isinstance(outcome, services.StaleClaim)]
    assert len(winners) == 1 and len(losers) == 1
    claim.refresh_from_db()
    assert claim.status == winners[0].status
    assert claim.version == 2
    assert claim.events.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_writing_transaction_does_not_hold_the_triage_stamp_until_it_commits():
    """Writers take the stamp's row only while they commit: a transaction that has written
    a claim and goes on working holds no lock that another writer would queue on."""
    article = ArticleFactory()
    before = status_counts_and_stamp()[1]

    with uncommitted(lambda: ClaimFactory(article=article)):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM reviews_triagequeuestamp FOR UPDATE NOWAIT")
        assert status_counts_and_stamp()[1] == before

    assert status_counts_and_stamp()[1] != before


def two_new_claims():
    article = ArticleFactory()
    return [ClaimFactory(article=article, start=n, end=n + 5, score=0.9 - n / 10) for n in range(2)]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_triage_page_read_before_a_decision_commits_is_not_served_after_it(reviewer_client):
    """The page read while the decision is uncommitted is kept under the stamp of before;
    the commit writes a new stamp with the decision, so the next load reads the queue."""
    decided, kept = two_new_claims()
    reviewer = ReviewerFactory()

    def decide():
        services.claim_triage(claim=decided, user=reviewer, decision="check_worthy")

    with uncommitted(decide):
        page = reviewer_client.get(reverse("reviews:triage"))
        assert queue(page) == [decided.pk, kept.pk]

    assert queue(reviewer_client.get(reverse("reviews:triage"))) == [kept.pk]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_decision_committed_while_the_page_is_read_shows_on_the_next_load(
    reviewer_client, monkeypatch
):
    """The decision commits after the page's queue was read and before it is kept: the page
    must be kept under the stamp read before the queue, never the one after."""
    decided, kept = two_new_claims()
    reviewer = ReviewerFactory()
    read_matches = views.attach_suggested_matches

    def commit_a_decision_then_read_matches(claims):
        monkeypatch.setattr(views, "attach_suggested_matches", read_matches)  # once
        [outcome] = run_together(
            [lambda: services.claim_triage(claim=decided, user=reviewer, decision="check_worthy")]
        )
        assert isinstance(outcome, Claim), outcome
        return read_matches(claims)

    monkeypatch.setattr(views, "attach_suggested_matches", commit_a_decision_then_read_matches)
    assert queue(reviewer_client.get(reverse("reviews:triage"))) == [decided.pk, kept.pk]

    assert queue(reviewer_client.get(reverse("reviews:triage"))) == [kept.pk]
