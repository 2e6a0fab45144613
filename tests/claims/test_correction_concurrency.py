"""Two people correcting one claim at the same instant, for real: threads with their own
connections. Exactly one correction lands; the other is refused as stale, and nothing of
it is written."""

import pytest

from factcheck.claims import services
from factcheck.claims.models import Claim
from factcheck.claims.workflow import StaleClaim, WorkflowError
from factcheck.reviews.models import Event
from tests.concurrency import only_on_postgresql, run_together
from tests.factories import ARTICLE_BODY, ArticleFactory, ClaimFactory, EditorFactory

pytestmark = only_on_postgresql
SENTENCE = ARTICLE_BODY[: ARTICLE_BODY.index(".") + 1]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_edits_of_one_version_exactly_one_lands():
    claim = ClaimFactory(speaker="Ukraine", text="Ukraine said")
    first, second = EditorFactory.create_batch(2)

    def edit(user, speaker):
        return lambda: services.claim_edit(
            claim=Claim.objects.get(pk=claim.pk), user=user, text=claim.text, speaker=speaker,
            claim_type=claim.claim_type, version=1,
        )  # fmt: skip

    outcomes = run_together([edit(first, "Kyiv"), edit(second, "Zelensky")])

    winners = [outcome for outcome in outcomes if isinstance(outcome, Claim)]
    losers = [outcome for outcome in outcomes if isinstance(outcome, StaleClaim)]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    stored = Claim.objects.get(pk=claim.pk)
    assert stored.speaker == winners[0].speaker
    assert stored.version == 2
    assert "Someone else changed this claim" in str(losers[0])
    assert Event.objects.filter(claim=claim).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_split_and_an_edit_at_once_never_both_land():
    article = ArticleFactory(body=ARTICLE_BODY)
    claim = ClaimFactory(article=article, start=0, end=len(SENTENCE) - 1, text=SENTENCE,
                         sentence=SENTENCE)  # fmt: skip
    first, second = EditorFactory.create_batch(2)
    parts = services.split_parts_propose(claim=claim, points=[SENTENCE.index("while")])

    outcomes = run_together(
        [
            lambda: services.claim_split(
                claim=Claim.objects.get(pk=claim.pk), user=first, parts=parts, keep=0, version=1
            ),
            lambda: services.claim_edit(
                claim=Claim.objects.get(pk=claim.pk),
                user=second,
                text="Edited",
                speaker="",
                claim_type="other",
                version=1,
            ),
        ]
    )

    refused = [outcome for outcome in outcomes if isinstance(outcome, WorkflowError)]
    assert len(refused) == 1, outcomes
    count = Claim.objects.filter(article=article).count()
    assert count == (1 if isinstance(outcomes[0], WorkflowError) else 2)
    assert Claim.objects.get(pk=claim.pk).version == 2
