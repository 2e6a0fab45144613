"""The values the extraction engine returns. Plain data, no Django."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum


class ClaimType(StrEnum):
    QUANTITY = "quantity"
    EVENT = "event"
    QUOTE = "quote"
    PREDICTION = "prediction"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Figure:
    """A number found in a claim, normalised: "$600m" -> value 600000000, currency "USD"."""

    text: str
    value: float
    unit: str = ""
    currency: str = ""


@dataclass(frozen=True, slots=True)
class ExtractedClaim:
    """One checkable statement; ``body[start:end]`` is the span it comes from.

    ``text`` stands alone: the speaker and the people it names are given their fullest
    name in the article. ``quote`` keeps the words as printed, ``body[start:end]``, and
    ``speaker_description`` the speaker's role ("Ukraine's president").
    """

    text: str
    start: int
    end: int
    sentence: str
    speaker: str | None
    type: ClaimType
    figures: tuple[Figure, ...] = ()
    score: float = 0.0
    reasons: tuple[str, ...] = field(default=())
    quote: str = ""
    speaker_description: str = ""

    def to_dict(self) -> dict:
        data = asdict(self)
        data["type"] = str(self.type)
        data["figures"] = [asdict(figure) for figure in self.figures]
        data["reasons"] = list(self.reasons)
        return data
