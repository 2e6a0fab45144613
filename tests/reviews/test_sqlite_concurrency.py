"""SQLite is the first-run database: reviewers writing at the same moment wait their turn
(IMMEDIATE transactions and a busy timeout) rather than getting "database is locked"."""

import pytest
from django.db import OperationalError, connection

from factcheck.claims.models import Claim
from factcheck.reviews import services
from factcheck.reviews.models import Rating, Verdict
from tests.concurrency import run_together
from tests.factories import ClaimFactory, ReviewerFactory, SourceFactory

pytestmark = [
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite settings under test"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_three_reviewers_adding_sources_at_the_same_moment_all_succeed():
    reviewers = ReviewerFactory.create_batch(3)
    claims = [
        ClaimFactory(status=Claim.Status.IN_RESEARCH, assignee=reviewer, start=n * 30)
        for n, reviewer in enumerate(reviewers)
    ]

    def adding(claim, reviewer, n):
        def add():
            for m in range(5):
                services.source_add(
                    claim=Claim.objects.get(pk=claim.pk),
                    user=reviewer,
                    url=f"https://example.org/{n}/{m}",
                    title=f"Report {n}.{m}",
                )
            return "added"

        return add

    outcomes = run_together(
        [
            adding(claim, reviewer, n)
            for n, (claim, reviewer) in enumerate(zip(claims, reviewers, strict=True))
        ]
    )

    assert outcomes == ["added"] * 3
    assert sum(claim.sources.count() for claim in claims) == 15


def test_a_source_edit_racing_a_verdict_on_the_same_claim_fails_on_no_lock():
    reviewer = ReviewerFactory()
    claim = ClaimFactory(status=Claim.Status.IN_RESEARCH, assignee=reviewer)
    source = SourceFactory(claim=claim, added_by=reviewer)
    rating = Rating.objects.get(slug="mostly-true")

    outcomes = run_together(
        [
            lambda: services.source_update(source=source, user=reviewer, title="Renamed"),
            lambda: services.verdict_propose(
                claim=Claim.objects.get(pk=claim.pk),
                user=reviewer,
                rating=rating,
                summary="OK.",
                sources=[source],
            ),
        ]
    )

    edited, proposed = outcomes
    assert not isinstance(edited, OperationalError), edited
    assert isinstance(proposed, Verdict), proposed
    assert claim.verdicts.count() == 1
