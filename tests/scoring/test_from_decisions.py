from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from factcheck.articles.services import articles_import_files
from factcheck.claims.models import Claim
from factcheck.extraction import ENGINE_VERSION
from factcheck.extraction.checkworthiness import DEFAULT_THRESHOLD, raw_score
from factcheck.extraction.neural import Head
from factcheck.reviews.models import Event
from factcheck.scoring.models import ScorerVersion
from factcheck.scoring.selectors import active_scorer, lexical_model, triage_decisions
from factcheck.scoring.services import scorer_version_activate
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
# Factual, figure-bearing, but a politics desk passes them over (ClaimBuster's Verdict 0,
# "unimportant factual"): the shipped lexical model scores them all check-worthy.
SPORTS = [
    "The team won {n} games in a row, the most since 1990.",
    "The match drew {n} thousand fans to the stadium last year.",
    "Our striker scored {n} goals this season, a club record.",
    "The club sold {n} million dollars of tickets in four years.",
]
SPORTS_CLAIM = "The club sold 9 million dollars of tickets in four years."


def decide(
    count: int,
    *,
    checkworthy_share: float = 0.5,
    start=None,
    not_checkworthy: list[str] = NOT_CHECKWORTHY,
):
    """``count`` triaged claims, one decision a minute, alternating classes (each class
    going through all its templates)."""
    start = start or timezone.now() - timedelta(days=1)
    positives = round(count * checkworthy_share)
    for index in range(count):
        positive = index % 2 == 0 if checkworthy_share == 0.5 else index < positives
        templates = CHECKWORTHY if positive else not_checkworthy
        text = templates[index // 2 % len(templates)].format(n=index + 3)
        status = Claim.Status.CHECK_WORTHY if positive else Claim.Status.NOT_CHECK_WORTHY
        claim = ClaimFactory(text=text, sentence=text, status=status)
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
    assert "adapted the neural model: trained on 32 decisions, held out the newest 8" in out
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
    with pytest.raises(CommandError, match="are all check-worthy: a model needs both classes"):
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


def test_with_neural_off_the_lexical_model_is_refit_on_the_decisions(capsys):
    decide(40, not_checkworthy=SPORTS)
    call_command("train_checkworthiness", "--from-decisions")
    out = capsys.readouterr().out
    assert "adapted the lexical model (FACTCHECK_NEURAL is off)" in out
    assert "held out the newest 8" in out
    # The shipped weights call the 4 held-out sports figures check-worthy; the refit does not.
    assert "F1 before 0.667 (threshold 0.43)" in out
    assert "F1 after  1.000" in out
    assert "before  predicted check-worthy / not\n  check-worthy          4 / 0\n" in out
    assert "  not check-worthy      4 / 0\nafter " in out
    assert "  not check-worthy      0 / 4\nactivated lexical v" in out
    created = ScorerVersion.objects.get(active=True)
    assert (created.name, created.kind) == ("lexical + 40 decisions", "lexical")
    assert created.version.startswith(f"{ENGINE_VERSION}+")
    assert created.head["weights"]["w:club"] < 0
    assert created.head["threshold"] == created.threshold
    assert (created.evaluation["f1_before"], created.evaluation["f1_after"]) == (0.667, 1.0)
    assert list(ScorerVersion.objects.values_list("name", flat=True)) == [
        "lexical + 40 decisions",
        "lexical (shipped)",
    ]


def test_with_the_neural_model_unusable_the_lexical_model_is_refit(broken_model, capsys):
    decide(20, not_checkworthy=SPORTS)
    call_command("train_checkworthiness", "--from-decisions")
    assert "adapted the lexical model (" in capsys.readouterr().out
    assert ScorerVersion.objects.get(active=True).kind == "lexical"


def test_a_lexical_refit_no_better_than_the_active_model_is_saved_but_not_activated(capsys):
    decide(40)  # the shipped weights already get every held-out decision right
    call_command("train_checkworthiness", "--from-decisions")
    out = capsys.readouterr().out
    assert "F1 before 1.000" in out
    assert "not activated" in out
    assert not ScorerVersion.objects.get(name="lexical + 40 decisions").active
    assert active_scorer().version == ENGINE_VERSION


def test_force_activates_a_lexical_refit_no_better(capsys):
    decide(40)
    call_command("train_checkworthiness", "--from-decisions", "--force")
    assert "activated lexical v" in capsys.readouterr().out
    assert ScorerVersion.objects.get(active=True).name == "lexical + 40 decisions"


@pytest.mark.parametrize(
    ("checkworthy_share", "only"), [(1.0, "check-worthy"), (0.0, "not check-worthy")]
)
def test_one_class_of_decisions_is_refused_for_the_lexical_model_too(checkworthy_share, only):
    decide(20, checkworthy_share=checkworthy_share)
    with pytest.raises(
        CommandError, match=f"the 16 decisions before the newest 20% are all {only}: a model"
    ):
        call_command("train_checkworthiness", "--from-decisions")
    assert not ScorerVersion.objects.exists()


def test_after_a_lexical_refit_open_claims_are_rescored_with_its_weights(
    django_capture_on_commit_callbacks,
):
    open_claim = ClaimFactory(text=SPORTS_CLAIM, sentence=SPORTS_CLAIM)
    decide(40, not_checkworthy=SPORTS)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("train_checkworthiness", "--from-decisions")
    created = ScorerVersion.objects.get(active=True)
    open_claim.refresh_from_db()
    assert (open_claim.score_model, open_claim.score_model_version) == ("lexical", created.version)
    assert open_claim.score == round(lexical_model(created.head).score(SPORTS_CLAIM), 4)
    assert open_claim.score < created.threshold
    assert raw_score(SPORTS_CLAIM) >= DEFAULT_THRESHOLD


def test_imports_after_a_lexical_refit_are_scored_by_it(
    tmp_path, django_capture_on_commit_callbacks
):
    decide(40, not_checkworthy=SPORTS)
    call_command("train_checkworthiness", "--from-decisions")
    created = ScorerVersion.objects.get(active=True)
    path = tmp_path / "article.txt"
    path.write_text(f"Ticket sales\n{SPORTS_CLAIM}\n", encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        articles_import_files(paths=[path])
    imported = Claim.objects.filter(article__title="Ticket sales")
    assert imported.exists()
    assert set(imported.values_list("score_model", "score_model_version")) == {
        ("lexical", created.version)
    }
    assert all(claim.score < created.threshold for claim in imported)


def test_switching_back_to_the_shipped_lexical_version_scores_with_the_shipped_weights():
    decide(40, not_checkworthy=SPORTS)
    call_command("train_checkworthiness", "--from-decisions")
    scorer_version_activate(scorer_version=ScorerVersion.objects.get(name="lexical (shipped)"))
    scorer = active_scorer()
    assert (scorer.kind, scorer.version, scorer.threshold) == (
        "lexical",
        ENGINE_VERSION,
        DEFAULT_THRESHOLD,
    )
    assert scorer.score([SPORTS_CLAIM]) == [round(raw_score(SPORTS_CLAIM), 4)]


def test_a_decision_keeps_the_sentence_its_claim_was_cut_from():
    claim = ClaimFactory(
        text="the lowest in years",
        sentence="Unemployment fell to 4.2 percent, the lowest in years.",
        status=Claim.Status.CHECK_WORTHY,
    )
    EventFactory(claim=claim, action=Event.Action.TRIAGE, to_value=Claim.Status.CHECK_WORTHY)
    (decision,) = triage_decisions()
    assert (decision.text, decision.sentence) == (claim.text, claim.sentence)
