"""Which check-worthiness model scores claims now, falling back to the lexical one."""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db.models import Q

from factcheck.claims.models import Claim
from factcheck.extraction import ENGINE_VERSION
from factcheck.extraction.checkworthiness import (
    DEFAULT_THRESHOLD,
    Model,
    raw_score,
    score_in_context,
)
from factcheck.extraction.neural import Head, NeuralModelError, NeuralScorer
from factcheck.reviews.models import Event
from factcheck.scoring.models import ScorerVersion

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ActiveScorer:
    kind: str
    version: str
    threshold: float
    neural: NeuralScorer | None = None
    head: Head | None = None
    # Lexical weights refit on the newsroom's decisions; None for the shipped ones.
    lexical: Model | None = None
    # Why the lexical scorer is used when a neural one was wanted ("" when it was not).
    fallback: str = ""

    def score(self, texts: Sequence[str]) -> list[float]:
        if self.neural is None:
            score = raw_score if self.lexical is None else self.lexical.score
            return [round(score(text), 4) for text in texts]
        return self.neural.score(texts, head=self.head)

    def score_claims(self, claims: Sequence[tuple[str, str, str]]) -> list[float]:
        """Scores of (claim text, sentence, claim type) triples: each claim at least its
        sentence's, but a direct quotation its own words'."""
        return score_in_context(self.score, claims)

    def as_json(self) -> dict:
        return {
            "model": self.kind,
            "version": self.version,
            "threshold": self.threshold,
            **({"fallback": self.fallback} if self.fallback else {}),
        }


@functools.cache
def _load_neural(directory: Path) -> NeuralScorer | NeuralModelError:
    try:
        return NeuralScorer.load(directory)
    except NeuralModelError as error:
        logger.error("Neural check-worthiness model unusable, scoring lexically: %s", error)
        return error


def neural_scorer() -> NeuralScorer | None:
    """The shipped neural scorer, loaded once per process; None when it is off or broken."""
    if not settings.FACTCHECK_NEURAL:
        return None
    loaded = _load_neural(Path(settings.FACTCHECK_NEURAL_MODEL_DIR))
    return loaded if isinstance(loaded, NeuralScorer) else None


def _neural_unavailable() -> str:
    if not settings.FACTCHECK_NEURAL:
        return "FACTCHECK_NEURAL is off"
    loaded = _load_neural(Path(settings.FACTCHECK_NEURAL_MODEL_DIR))
    return str(loaded) if isinstance(loaded, NeuralModelError) else ""


def lexical_scorer(*, fallback: str = "") -> ActiveScorer:
    return ActiveScorer(
        kind=ScorerVersion.Kind.LEXICAL,
        version=ENGINE_VERSION,
        threshold=DEFAULT_THRESHOLD,
        fallback=fallback,
    )


def shipped_scorer() -> ActiveScorer:
    """The best model on file, the database unasked: the shipped neural one, else lexical."""
    neural = neural_scorer()
    if neural is None:
        return lexical_scorer(fallback=_neural_unavailable())
    return ActiveScorer(
        kind=ScorerVersion.Kind.NEURAL,
        version=neural.version,
        threshold=neural.head.threshold,
        neural=neural,
    )


def active_scorer() -> ActiveScorer:
    """The active ScorerVersion (the shipped neural model when none is); the shipped
    lexical scorer when the neural model is wanted but off, or its files are missing."""
    chosen = ScorerVersion.objects.filter(active=True).first()
    if chosen is not None and chosen.kind == ScorerVersion.Kind.LEXICAL:
        if not chosen.head:
            return lexical_scorer()
        return ActiveScorer(
            kind=ScorerVersion.Kind.LEXICAL,
            version=chosen.version,
            threshold=chosen.threshold,
            lexical=lexical_model(chosen.head),
        )
    neural = neural_scorer()
    if neural is None:
        return lexical_scorer(fallback=_neural_unavailable())
    if chosen is None:
        return shipped_scorer()
    if not chosen.head:
        return ActiveScorer(
            kind=ScorerVersion.Kind.NEURAL,
            version=chosen.version,
            threshold=chosen.threshold,
            neural=neural,
        )
    head = Head.from_json(chosen.head)
    return ActiveScorer(
        kind=ScorerVersion.Kind.NEURAL,
        version=chosen.version,
        threshold=head.threshold,
        neural=neural,
        head=head,
    )


def lexical_model(parameters: dict) -> Model:
    """The lexical model a ScorerVersion's ``head`` ({weights, bias, threshold}) holds."""
    try:
        weights = {str(name): float(weight) for name, weight in parameters["weights"].items()}
        return Model(weights, float(parameters["bias"]))
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise ValueError(f"lexical weights need weights by feature and a bias ({error})") from error


@dataclass(frozen=True)
class Decision:
    text: str
    checkworthy: bool
    decided_at: datetime
    sentence: str = ""  # the sentence the claim was cut from, which its score also weighs
    claim_type: str = ""


def triage_decisions(*, since: datetime | None = None) -> list[Decision]:
    """Each triaged claim's standing decision, oldest first: Check-worthy is 1, Not
    check-worthy and Not a claim are 0 (a decision taken back, the claim New again, is none)."""
    events = Event.objects.filter(
        Q(action=Event.Action.TRIAGE) | Q(action=Event.Action.NOT_A_CLAIM),
        claim__isnull=False,
    ).exclude(claim__status=Claim.Status.NEW)
    if since is not None:
        events = events.filter(created_at__gte=since)
    latest: dict[int, Decision] = {}
    rows = events.order_by("created_at", "id").values_list(
        "claim_id",
        "action",
        "to_value",
        "claim__text",
        "claim__sentence",
        "claim__claim_type",
        "created_at",
    )
    for claim_id, action, to_value, text, sentence, claim_type, created_at in rows:
        checkworthy = action == Event.Action.TRIAGE and to_value == Claim.Status.CHECK_WORTHY
        latest[claim_id] = Decision(text, checkworthy, created_at, sentence, claim_type)
    return sorted(latest.values(), key=lambda decision: decision.decided_at)
