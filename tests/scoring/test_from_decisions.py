from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from factcheck.claims.models import Claim
from factcheck.extraction.neural import Head
from factcheck.reviews.models import Event
from factcheck.scoring.models import ScorerVersion
from factcheck.scoring.selectors import triage_decisions
from tests.factories import ClaimFactory, EventFactory

pytestmark = pytest.mark.django_db

# ClaimBuster-like sentences: factual, figure-bearing claims are check-worthy (Verdict 1),
# opinions and chat are not (-1).
CHECKWORTHY = [
    "Unemployment fell to {n} percent under this administration.",
    "We spent {n} billion dollars on defence last year.",
    "Crime went up {n} percent in the cities since 1990.",
    "The deficit has grown by {n} billion dollars in four years.",
]
NOT_CHECKWORTHY = [
    "I think we have to do better for our children, number {n}.",
    "Thank you, it is good to be here tonight with {n} friends.",
    "I want to say how much I believe in this country.",
    "Let me tell you what I feel about that.",
]


def decide(count: int, *, checkworthy_share: float = 0.5, start=None):
    """``count`` triaged claims, one decision a minute, alternating classes."""
    start = start or timezone.now() - timedelta(days=1)
    positives = round(count * checkworthy_share)
    for index in range(count):
        positive = index % 2 == 0 if checkworthy_share == 0.5 else index < positives
        templates = CHECKWORTHY if positive else NOT_CHECKWORTHY
        text = templates[index % len(templates)].format(n=index + 3)
        status = Claim.Status.CHECK_WORTHY if positive else Claim.Status.NOT_CHECK_WORTHY
        claim = ClaimFactory(text=text, status=status)
        event = EventFactory(claim=claim, action=Event.Action.TRIAGE, to_value=status)
        Event.objects.filter(pk=event.pk).update(created_at=start + timedelta(minutes=index))


def test_decisions_are_labelled_by_the_standing_triage(neural_on):
    decide(4)
    not_a_claim = ClaimFactory(
        text="Picture: Alamy",
        status=Claim.Status.NOT_A_CLAIM,
        non_claim_reason=Claim.NonClaimReason.values[0],
    )
    EventFactory(claim=not_a_claim, action=Event.Action.NOT_A_CLAIM, to_value="not_a_claim")
    undone = ClaimFactory(status=Claim.Status.NEW)
    EventFactory(claim=undone, action=Event.Action.TRIAGE, to_value="check_worthy")
    labels = [decision.checkworthy for decision in triage_decisions()]
    assert labels == [True, False, True, False, False]


def test_from_decisions_prints_both_f1s_and_saves_a_version(neural_on, capsys):
    decide(40)
    call_command("train_checkworthiness", "--from-decisions", "--force")
    out = capsys.readouterr().out
    assert "held out the newest 8" in out
    assert "F1 before" in out and "F1 after" in out
    assert "predicted check-worthy / not" in out
    created = ScorerVersion.objects.get(active=True)
    assert created.head["weights"]
    assert created.evaluation["held_out"] == 8
    assert ScorerVersion.objects.filter(name="neural (shipped)").exists()


def test_a_version_no_better_is_saved_but_not_activated(neural_on, capsys, monkeypatch):
    from factcheck.scoring import services

    decide(40)
    never_checkworthy = Head((0.0,) * 384, -50.0, 0.5)
    monkeypatch.setattr(services, "fit_head", lambda embeddings, labels: never_checkworthy)
    call_command("train_checkworthiness", "--from-decisions")
    assert "not activated" in capsys.readouterr().out
    saved = ScorerVersion.objects.get(name="neural + 40 decisions")
    assert not saved.active
    assert saved.evaluation["f1_after"] == 0.0


def test_one_class_of_decisions_is_refused_with_the_reason(neural_on):
    decide(20, checkworthy_share=1.0)
    with pytest.raises(CommandError, match="check-worthy: a head needs both classes"):
        call_command("train_checkworthiness", "--from-decisions")
    assert not ScorerVersion.objects.exists()


def test_too_few_decisions_are_refused(neural_on):
    decide(3)
    with pytest.raises(CommandError, match="3 decisions are too few"):
        call_command("train_checkworthiness", "--from-decisions")


def test_since_leaves_older_decisions_out(neural_on):
    decide(10, start=timezone.now() - timedelta(days=30))
    with pytest.raises(CommandError, match="0 decisions"):
        call_command(
            "train_checkworthiness",
            "--from-decisions",
            "--since",
            (timezone.now() - timedelta(days=2)).date().isoformat(),
        )


def test_from_decisions_without_the_neural_model_says_why(settings):
    settings.FACTCHECK_NEURAL = False
    decide(10)
    with pytest.raises(CommandError, match="FACTCHECK_NEURAL is off"):
        call_command("train_checkworthiness", "--from-decisions")
