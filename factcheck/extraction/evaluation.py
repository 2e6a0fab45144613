"""Scoring the engine's splitting, speakers and non-claims against claims people marked.

The measures of the annotated news set's scorer (``split recall``, ``speaker accuracy``,
``non-claims extracted``, ``bad offsets``), on documents given as
``{"id", "text", "claims": [{"keys", "exclusive_keys", "speaker", "speaker_aliases"}],
"non_claims": [...]}``. Pure Python, no Django.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

_TITLE_RE = re.compile(r"^(the|mr|mrs|ms|dr)\.?\s+")
_KEY_EDGE = " \t\n\r.,;:!?\"'“”‘’()[]"
KEY_WORDS = 2
POSITIVE_SCORE = 0.5


def normalise_speaker(speaker: str | None) -> str:
    speaker = (speaker or "").lower().strip().replace("\u2019", "'")
    return _TITLE_RE.sub("", speaker)


@dataclass(frozen=True)
class ExtractionScore:
    claims: int = 0
    clean: int = 0
    speakers: int = 0
    speakers_right: int = 0
    non_claims: int = 0
    non_claims_extracted: int = 0
    bad_offsets: int = 0

    @property
    def split_recall(self) -> float:
        return self.clean / self.claims if self.claims else 0.0

    def __str__(self) -> str:
        return (
            f"claims {self.claims}  split recall {self.split_recall:.3f}  speaker accuracy "
            f"{self.speakers_right}/{self.speakers}  non-claims extracted "
            f"{self.non_claims_extracted}/{self.non_claims}  bad offsets {self.bad_offsets}"
        )


def score_documents(
    documents: Iterable[dict], predict: Callable[[str], Sequence[dict]]
) -> ExtractionScore:
    """Score ``predict`` (text -> claims as dicts with text, start, end, speaker, score)
    on annotated ``documents``."""
    totals = dict.fromkeys(ExtractionScore.__dataclass_fields__, 0)
    for document in documents:
        text = document["text"]
        predicted = list(predict(text))
        spans = []
        for claim in predicted:
            start, end = claim.get("start"), claim.get("end")
            fits = isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
            totals["bad_offsets"] += not fits
            words = text[start:end] if fits else ""
            spans.append(f"{claim.get('text') or ''} {words}".lower())
        for gold in document.get("claims", []):
            totals["claims"] += 1
            keys = [key.lower() for key in gold["keys"]]
            exclusive = [key.lower() for key in gold.get("exclusive_keys", [])]
            hits = [i for i, span in enumerate(spans) if all(key in span for key in keys)]
            clean = [i for i in hits if not any(key in spans[i] for key in exclusive)]
            totals["clean"] += bool(clean)
            if gold.get("speaker") is not None and hits:
                totals["speakers"] += 1
                got = normalise_speaker(predicted[(clean or hits)[0]].get("speaker"))
                wanted = {
                    normalise_speaker(name)
                    for name in [gold["speaker"], *gold.get("speaker_aliases", [])]
                } - {""}
                totals["speakers_right"] += bool(got) and any(
                    name == got or (len(name) > 2 and name in got) for name in wanted
                )
        for words in document.get("non_claims", []):
            totals["non_claims"] += 1
            needle = words.lower().strip(" .")
            totals["non_claims_extracted"] += any(
                needle in span and float(claim.get("score", 0)) >= POSITIVE_SCORE
                for span, claim in zip(spans, predicted, strict=True)
            )
    return ExtractionScore(**totals)


def span_keys(words: str) -> list[str]:
    """Short exact pieces of a claim's words that identify it: its longest words, in their
    order (a span's first and last words are where reviewer and engine most often differ,
    by a "while" or "said")."""
    tokens = [token.strip(_KEY_EDGE) for token in words.split()]
    tokens = [token for token in tokens if len(token) > 2 or token[:1].isdigit()]
    longest = sorted(range(len(tokens)), key=lambda index: (-len(tokens[index]), index))
    return [tokens[index] for index in sorted(longest[:KEY_WORDS])]


def document_from_judged_sentence(record: dict) -> dict:
    """A judged sentence of ``export_training_data`` as an annotated document: the
    reviewer's claims are the gold claims, what they marked Not a claim the non-claims."""
    sentence = record["sentence"]
    offset = record.get("sentence_start") or 0

    def words(claim: dict) -> str:
        start, end = claim["start"] - offset, claim["end"] - offset
        if 0 <= start < end <= len(sentence):
            return sentence[start:end]
        return claim["text"]

    claims = [c for c in record.get("reviewer_claims", []) if c.get("label") != "not_a_claim"]
    keys = [span_keys(words(claim)) for claim in claims]
    gold = []
    for index, claim in enumerate(claims):
        own = words(claim).lower()
        others = {
            key for other, other_keys in enumerate(keys) if other != index for key in other_keys
        }
        gold.append(
            {
                "keys": keys[index],
                "exclusive_keys": sorted(key for key in others if key.lower() not in own),
                "speaker": claim.get("speaker") or None,
            }
        )
    non_claims = [
        words(claim)
        for claim in record.get("reviewer_claims", [])
        if claim.get("label") == "not_a_claim"
    ]
    return {
        "id": f"{record.get('article_id')}:{offset}",
        "text": sentence,
        "claims": [claim for claim in gold if claim["keys"]],
        "non_claims": non_claims,
    }
