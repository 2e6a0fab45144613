"""Activating a check-worthiness model and rescoring the open claims with it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.db import transaction
from django.db.models import Case, FloatField, Q, Value, When
from django.utils import timezone

from factcheck.admin import audit_admin_write
from factcheck.claims.models import Claim
from factcheck.extraction import ENGINE_VERSION
from factcheck.extraction.checkworthiness import DEFAULT_THRESHOLD, score_in_context
from factcheck.extraction.neural import NeuralScorer, fit_head
from factcheck.extraction.training import Evaluation, LabelledText, evaluate_scores
from factcheck.extraction.training import train as train_lexical
from factcheck.reviews.models import Event
from factcheck.scoring.models import ScorerVersion
from factcheck.scoring.selectors import (
    ActiveScorer,
    Decision,
    active_scorer,
    lexical_model,
    triage_decisions,
)

RESCORE_BATCH = 256


@transaction.atomic
def scorer_version_activate(*, scorer_version: ScorerVersion, user=None) -> ScorerVersion:
    """Make ``scorer_version`` the one the queue is scored by (callers then enqueue the
    rescoring of open claims on commit)."""
    ScorerVersion.objects.select_for_update().filter(active=True).exclude(
        pk=scorer_version.pk
    ).update(active=False)
    scorer_version.active = True
    scorer_version.save(update_fields=["active"])
    audit_admin_write(
        user=user, obj=scorer_version, action=Event.Action.ADMIN_CHANGE, note="Activated"
    )
    return scorer_version


def claims_rescore(*, batch_size: int = RESCORE_BATCH) -> int:
    """Score open (New) claims with the active model, ``batch_size`` at a time, each at
    least as well as its sentence, as at import; a claim a reviewer changed meanwhile (its
    ``version`` moved on, or it left New) keeps its score. Returns how many were rescored."""
    scorer = active_scorer()
    stale = Claim.objects.filter(status=Claim.Status.NEW).exclude(
        score_model=scorer.kind, score_model_version=scorer.version
    )
    rescored, after = 0, 0
    while True:
        rows = list(
            stale.filter(pk__gt=after)
            .order_by("pk")
            .values_list("pk", "version", "text", "sentence", "claim_type")[:batch_size]
        )
        if not rows:
            return rescored
        after = rows[-1][0]
        scores = scorer.score_claims([row[2:] for row in rows])
        unchanged = Q()
        for pk, version, *_ in rows:
            unchanged |= Q(pk=pk, version=version)
        rescored += Claim.objects.filter(unchanged, status=Claim.Status.NEW).update(
            score=Case(
                *(
                    When(pk=pk, then=Value(score))
                    for (pk, *_), score in zip(rows, scores, strict=True)
                ),
                output_field=FloatField(),
            ),
            score_model=scorer.kind,
            score_model_version=scorer.version,
        )


HELD_OUT_SHARE = 0.2
MIN_DECISIONS = 5


class DecisionsError(ValueError):
    """The triage decisions cannot train a model; the message says why."""


@dataclass(frozen=True)
class DecisionsTraining:
    train_count: int
    held_out_count: int
    before: Evaluation
    after: Evaluation
    scorer_version: ScorerVersion
    activated: bool
    # Why the lexical model was adapted when the neural one is wanted ("" when it was not).
    fallback: str = ""


@dataclass(frozen=True)
class _Refit:
    """A model fit on the older decisions, and the held-out scores of it and of the active one."""

    kind: str
    base_version: str
    parameters: dict
    threshold: float
    scores_before: list[float]
    scores_after: list[float]


def _confusion(evaluation: Evaluation) -> dict[str, int]:
    true_negatives = (
        evaluation.count
        - evaluation.true_positives
        - evaluation.false_positives
        - evaluation.false_negatives
    )
    return {
        "true_positives": evaluation.true_positives,
        "false_positives": evaluation.false_positives,
        "false_negatives": evaluation.false_negatives,
        "true_negatives": true_negatives,
    }


def _shipped_versions(neural: NeuralScorer | None) -> None:
    """Rows for the shipped models, so the admin can always switch back to them."""
    if neural is not None:
        ScorerVersion.objects.get_or_create(
            version=neural.version,
            defaults={
                "name": "neural (shipped)",
                "kind": ScorerVersion.Kind.NEURAL,
                "threshold": neural.head.threshold,
                "evaluation": neural.meta.get("figures") or {},
            },
        )
    ScorerVersion.objects.get_or_create(
        version=ENGINE_VERSION,
        defaults={
            "name": "lexical (shipped)",
            "kind": ScorerVersion.Kind.LEXICAL,
            "threshold": DEFAULT_THRESHOLD,
        },
    )


def _split_by_date(decisions: list[Decision]) -> tuple[list[Decision], list[Decision]]:
    """(the older decisions to fit on, the newest 20% to measure on)."""
    held_out_count = max(1, round(len(decisions) * HELD_OUT_SHARE))
    if len(decisions) < max(2 * held_out_count, MIN_DECISIONS):
        raise DecisionsError(
            f"{len(decisions)} decisions are too few to learn from ({MIN_DECISIONS} at least)"
        )
    fit_part, held_out = decisions[:-held_out_count], decisions[-held_out_count:]
    positives = sum(decision.checkworthy for decision in fit_part)
    if positives in (0, len(fit_part)):
        only = "check-worthy" if positives else "not check-worthy"
        raise DecisionsError(
            f"the {len(fit_part)} decisions before the newest 20% are all {only}: "
            "a model needs both classes to learn from"
        )
    return fit_part, held_out


def _refit_neural(
    active: ActiveScorer, fit_part: list[Decision], held_out: list[Decision]
) -> _Refit:
    """A new head over the frozen encoder, fit on the claims' words; both heads measured
    as claims are scored, each claim at least as well as its sentence."""
    neural = active.neural
    embeddings = neural.embed([decision.text for decision in fit_part])
    head = fit_head(embeddings, [decision.checkworthy for decision in fit_part])
    old_head = active.head or neural.head
    claims = _claims(held_out)
    return _Refit(
        kind=ScorerVersion.Kind.NEURAL,
        base_version=neural.version,
        parameters=head.as_json(),
        threshold=head.threshold,
        scores_before=score_in_context(partial(neural.score, head=old_head), claims),
        scores_after=score_in_context(partial(neural.score, head=head), claims),
    )


def _claims(decisions: list[Decision]) -> list[tuple[str, str, str]]:
    return [(decision.text, decision.sentence, decision.claim_type) for decision in decisions]


def _refit_lexical(
    active: ActiveScorer, fit_part: list[Decision], held_out: list[Decision]
) -> _Refit:
    """New lexical weights, from the trainer of the shipped ones (decisions have no debate
    years, so it tunes the threshold on the decisions it fits)."""
    report = train_lexical(
        [LabelledText(decision.text, decision.checkworthy) for decision in fit_part]
    )
    parameters = {"weights": report.weights, "bias": report.bias, "threshold": report.threshold}
    model = lexical_model(parameters)
    claims = _claims(held_out)
    return _Refit(
        kind=ScorerVersion.Kind.LEXICAL,
        base_version=ENGINE_VERSION,
        parameters=parameters,
        threshold=report.threshold,
        scores_before=active.score_claims(claims),
        scores_after=score_in_context(lambda texts: [model.score(t) for t in texts], claims),
    )


def scorer_version_from_decisions(
    *, since: datetime | None = None, force: bool = False, user=None
) -> DecisionsTraining:
    """Adapt the active model to the newsroom's triage decisions (a new head over the
    frozen neural encoder, or new lexical weights when the lexical model is active),
    measure it against the active model on the newest 20% of them, and activate it when
    it does better (or ``force``)."""
    active = active_scorer()
    fit_part, held_out = _split_by_date(triage_decisions(since=since))
    try:
        refit = (_refit_lexical if active.neural is None else _refit_neural)(
            active, fit_part, held_out
        )
    except ValueError as error:
        raise DecisionsError(f"the decisions before the newest 20%: {error}") from error
    labels = [decision.checkworthy for decision in held_out]
    before = evaluate_scores(
        list(zip(refit.scores_before, labels, strict=True)), threshold=active.threshold
    )
    after = evaluate_scores(
        list(zip(refit.scores_after, labels, strict=True)), threshold=refit.threshold
    )
    decisions_count = len(fit_part) + len(held_out)
    with transaction.atomic():
        _shipped_versions(active.neural)
        created = ScorerVersion.objects.create(
            name=f"{refit.kind} + {decisions_count} decisions",
            kind=refit.kind,
            version=f"{refit.base_version}+{timezone.now():%Y%m%d%H%M%S%f}",
            head=refit.parameters,
            threshold=refit.threshold,
            evaluation={
                "held_out": len(held_out),
                "trained_on": len(fit_part),
                "since": since.isoformat() if since else None,
                "f1_before": round(before.f1, 3),
                "f1_after": round(after.f1, 3),
                "confusion_before": _confusion(before),
                "confusion_after": _confusion(after),
            },
            created_by=user,
        )
        activated = force or after.f1 > before.f1
        if activated:
            scorer_version_activate(scorer_version=created, user=user)
    return DecisionsTraining(
        len(fit_part), len(held_out), before, after, created, activated, active.fallback
    )
