"""The kind of a claim, from cheap surface cues.

Order matters: a claim with a figure is a quantity claim even when quoted or
forward-looking, because the figure is what a checker checks first. A bare year does
not count as a figure here: "in 2014" dates a claim, it is not what the claim is about.
"""

from __future__ import annotations

import re

from factcheck.extraction.types import ClaimType, Figure

QUOTE_SHARE = 0.5
# The lookahead rejects most positions on their first character (see ``split._CUT_RE``).
_PREDICTION_RE = re.compile(
    r"(?=[wcmsgluefpoa])"
    r"\b(?:will|won't|would|could|may|might|shall|going\s+to|likely|unlikely|expected\s+to|"
    r"expects?\s+to|set\s+to|forecasts?|predicts?|projected|poised\s+to|on\s+course\s+to|"
    r"on\s+track\s+to|plans?\s+to|aims?\s+to)\b"
)
_EVENT_RE = re.compile(
    r"\b(?:[a-z]{2,}ed|made|gave|took|broke|began|met|won|lost|fell|rose|paid|held|left|fled|"
    r"sent|spent|built|came|went|became|saw|struck|shot|hit|ran|led|sold|bought|brought|"
    r"fought|caught|grew|drew|flew|threw|wore|stood|seized|broken|given|taken|begun|"
    r"happened|occurred|continuing|meets?|meeting)\b"
)


def classify(text: str, figures: tuple[Figure, ...], quoted_share: float) -> ClaimType:
    if any(figure.unit != "year" or figure.currency for figure in figures):
        return ClaimType.QUANTITY
    if quoted_share >= QUOTE_SHARE:
        return ClaimType.QUOTE
    if _PREDICTION_RE.search(text):
        return ClaimType.PREDICTION
    if _EVENT_RE.search(text):
        return ClaimType.EVENT
    return ClaimType.OTHER
