"""Two people acting at the same moment, for real: threads with their own connections."""

import pytest

from factcheck.claims import workflow
from factcheck.claims.models import Claim
from factcheck.reviews import services
from tests.concurrency import only_on_postgresql, run_together
from tests.factories import ClaimFactory, ReviewerFactory

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
    losers = [outcome for outcome in outcomes if isinstance(outcome, workflow.StaleClaim)]
    assert len(winners) == 1 and len(losers) == 1
    claim.refresh_from_db()
    assert claim.status == winners[0].status
    assert claim.version == 2
    assert claim.events.count() == 1
