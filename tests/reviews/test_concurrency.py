"""Two people acting at the same moment, for real: threads with their own connections."""

from functools import partial

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


def _merge(claim_id: int, canonical_id: int, editor):
    return services.claim_merge(
        claim=Claim.objects.get(pk=claim_id),
        canonical=Claim.objects.get(pk=canonical_id),
        user=editor,
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_editors_merging_two_claims_into_each_other_at_once_make_no_cycle():
    from tests.factories import EditorFactory

    for attempt in range(4):
        first, second = (ClaimFactory(start=attempt, end=attempt + 5) for _ in range(2))
        one, other = EditorFactory.create_batch(2)

        outcomes = run_together(
            [
                partial(_merge, first.pk, second.pk, one),
                partial(_merge, second.pk, first.pk, other),
            ]
        )

        assert sum(isinstance(outcome, Claim) for outcome in outcomes) == 1, outcomes
        assert sum(isinstance(o, workflow.WorkflowError) for o in outcomes) == 1, outcomes
        statuses = set(
            Claim.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)
        )
        assert statuses == {Claim.Status.DUPLICATE, Claim.Status.NEW}
