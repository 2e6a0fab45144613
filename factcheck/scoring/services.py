"""Activating a check-worthiness model and rescoring the open claims with it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Case, FloatField, Q, Value, When
from django.utils import timezone

from factcheck.admin import audit_admin_write
from factcheck.claims.models import Claim
from factcheck.extraction import ENGINE_VERSION
from factcheck.extraction.checkworthiness import DEFAULT_THRESHOLD
from factcheck.extraction.neural import NeuralScorer, fit_head
from factcheck.extraction.training import Evaluation, evaluate_scores
from factcheck.reviews.models import Event
from factcheck.scoring.models import ScorerVersion
from factcheck.scoring.selectors import active_scorer, triage_decisions

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
    """Score open (New) claims with the active model, ``batch_size`` at a time; a claim a
    reviewer changed meanwhile (its ``version`` moved on, or it left New) keeps its score.
    Returns how many claims were rescored."""
    scorer = active_scorer()
    stale = Claim.objects.filter(status=Claim.Status.NEW).exclude(
        score_model=scorer.kind, score_model_version=scorer.version
    )
    rescored, after = 0, 0
    while True:
        rows = list(
            stale.filter(pk__gt=after)
            .order_by("pk")
            .values_list("pk", "version", "text")[:batch_size]
        )
        if not rows:
            return rescored
        after = rows[-1][0]
        scores = scorer.score([text for _, _, text in rows])
        unchanged = Q()
        for pk, version, _ in rows:
            unchanged |= Q(pk=pk, version=version)
        rescored += Claim.objects.filter(unchanged, status=Claim.Status.NEW).update(
            score=Case(
                *(
                    When(pk=pk, then=Value(score))
                    for (pk, _, _), score in zip(rows, scores, strict=True)
                ),
                output_field=FloatField(),
            ),
            score_model=scorer.kind,
            score_model_version=scorer.version,
        )


HELD_OUT_SHARE = 0.2


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


def _shipped_versions(scorer: NeuralScorer) -> None:
    """Rows for the shipped models, so the admin can always switch back to them."""
    ScorerVersion.objects.get_or_create(
        version=scorer.version,
        defaults={
            "name": "neural (shipped)",
            "kind": ScorerVersion.Kind.NEURAL,
            "threshold": scorer.head.threshold,
            "evaluation": scorer.meta.get("figures") or {},
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


def scorer_version_from_decisions(
    *, since: datetime | None = None, force: bool = False, user=None
) -> DecisionsTraining:
    """Fit a new head over the frozen neural encoder on the newsroom's triage decisions,
    measure it against the active model on the newest 20% of them, and activate it when it
    does better (or ``force``)."""
    active = active_scorer()
    if active.neural is None:
        raise DecisionsError(
            f"learning from decisions adapts the neural model, which is unavailable "
            f"({active.fallback or 'the lexical model is active'})"
        )
    decisions = triage_decisions(since=since)
    held_out_count = max(1, round(len(decisions) * HELD_OUT_SHARE))
    if len(decisions) < 2 * held_out_count or len(decisions) < 5:
        raise DecisionsError(f"{len(decisions)} decisions are too few to learn from (5 at least)")
    fit_part, held_out = decisions[:-held_out_count], decisions[-held_out_count:]
    embeddings = active.neural.embed([decision.text for decision in decisions])
    labels = [decision.checkworthy for decision in decisions]
    try:
        head = fit_head(embeddings[: len(fit_part)], labels[: len(fit_part)])
    except ValueError as error:
        raise DecisionsError(f"the decisions before the newest 20%: {error}") from error
    held_out_embeddings, held_out_labels = embeddings[len(fit_part) :], labels[len(fit_part) :]
    old_head = active.head or active.neural.head
    before = evaluate_scores(
        list(zip(old_head.probabilities(held_out_embeddings), held_out_labels, strict=True)),
        threshold=active.threshold,
    )
    after = evaluate_scores(
        list(zip(head.probabilities(held_out_embeddings), held_out_labels, strict=True)),
        threshold=head.threshold,
    )
    with transaction.atomic():
        _shipped_versions(active.neural)
        created = ScorerVersion.objects.create(
            name=f"neural + {len(decisions)} decisions",
            kind=ScorerVersion.Kind.NEURAL,
            version=f"{active.neural.version}+{timezone.now():%Y%m%d%H%M%S%f}",
            head=head.as_json(),
            threshold=head.threshold,
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
    return DecisionsTraining(len(fit_part), len(held_out), before, after, created, activated)
