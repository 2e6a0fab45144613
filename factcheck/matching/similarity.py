"""Whether two claims say the same thing. Pure Python, no Django: tested and benchmarked alone.

A claim is reduced to a ``Fingerprint``: its content words (lower-cased, lightly stemmed,
common news synonyms folded together, numbers left out), its figures as a sorted key, its
speaker's name words, its negations, the directions it states and its length in words.
``compare`` scores two fingerprints from 0 to 1:

- any figure mismatch (value, currency or unit) makes them different claims: "18,000
  guns" is not "20,000 guns", and "$600m" is not "£600m";
- a different number of negations ("has fled" / "has not fled") or opposite directions
  ("rose" / "fell", "won" / "lost") make them different claims;
- otherwise the score mixes the Jaccard index and the containment of the word sets (an
  outlet that adds context keeps its containment), with a bonus for equal figures and equal
  speakers and a penalty when two named speakers differ.

A pair is *suggested* from ``SUGGEST_THRESHOLD`` and *auto-linked* from
``AUTO_LINK_THRESHOLD``, but never when the shorter claim has fewer than ``MIN_AUTO_LINK_WORDS``
words or when the speakers differ: those are for a reviewer to confirm.

``match_key`` (sorted content words) is what the database indexes; ``trigram_similarity``
computes exactly what PostgreSQL's pg_trgm ``similarity()`` does on it, so the candidate gate
is the same on SQLite and PostgreSQL and the evaluation measures it.
"""

from __future__ import annotations

import hashlib
import random
import re
import unicodedata
from dataclasses import dataclass

from factcheck.extraction.words import word_set

SUGGEST_THRESHOLD = 0.5
AUTO_LINK_THRESHOLD = 0.9
MIN_AUTO_LINK_WORDS = 8
# Candidate retrieval for a new claim: MinHash locality-sensitive hashing. Each claim gets
# LSH_BANDS band keys, each the figures plus the minima of LSH_ROWS hashed permutations of
# its words; two claims become candidates when they share a band key, which happens with
# probability 1 - (1 - J**LSH_ROWS)**LSH_BANDS for word sets of Jaccard index J (0.94 at
# J = 0.4, 0.99 at J = 0.5) and never when their figures differ.
LSH_BANDS = 20
LSH_ROWS = 2
# The similar-claims search fetches by pg_trgm similarity of match keys from this value up.
RETRIEVAL_THRESHOLD = 0.3

_STOPWORDS = word_set(
    """
    a an the and or but if then than so as of at by for from in into on onto to with within
    about over under after before since until while during per via up out off
    is are was were be been being am has have had having do does did doing will would shall
    should can could may might must also just only even still yet already now
    this that these those there here it its it's they them their theirs he him his she her
    hers we us our ours you your yours i me my mine who whom whose which what when where why
    how all any both each some such other another more most very much many own same
    said says say saying claimed claims claim stated states state told tells according
    reported reports announced announces added adds insisted insists noted notes warned
    warns confirmed confirms revealed reveals suggested suggests explained explains
    mr mrs ms dr sir
    """
)
_NEGATIONS = word_set("not no never none nobody nothing neither nor without cannot")
# Words dropped because figures speak for them: "18,000" and "eighteen thousand" alike.
_NUMBER_WORDS = word_set(
    """
    zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
    eighty ninety hundred hundreds thousand thousands million millions billion billions
    trillion trillions m bn tn k mn b per cent percent
    dollar dollars pound pounds sterling euro euros yen yuan rupees roubles rubles
    usd gbp eur jpy cny inr rub chf cad aud
    """
)
# Common ways outlets say the same thing. Each group folds to its first word.
_SYNONYM_GROUPS = [
    "give given gave hand distribute supply provide issue",
    "gun weapon firearm rifle",
    "pledge promise commit vow",
    "aid assistance support help",
    "resident citizen civilian inhabitant",
    "defend protect",
    "invasion invade attack offensive",
    "increase raise boost",
    "reduce cut lower",
    "kill slain",
    "die dead death",
    "job employment",
    "people persons person",
    "tax taxation",
    "us america usa",
    "uk britain",
    "government administration",
    "president leader",
    "fail collapse",
    "start begin launch",
    "talks negotiate negotiation",
]
# Words that point one way or the other along an axis. A claim saying "rose" where another
# says "fell" on the same axis is a different claim.
_DIRECTION_AXES = {
    "amount": (
        "rise rose risen increase up higher more gain grow grew growth doubled tripled",
        "fall fell fallen decrease down lower less fewer loss reduce cut shrink shrank halved",
    ),
    "outcome": ("win won pass passed succeed succeeded", "lose lost fail failed"),
    "stance": (
        "support supported approve approved accept accepted favour favor",
        "oppose opposed reject rejected refuse refused against",
    ),
    "position": (
        "above over before majority best richest largest biggest highest",
        "below under after minority worst poorest smallest lowest",
    ),
    "truth": ("true legal", "false illegal"),
}
_SPEAKER_NOISE = word_set(
    """
    the a an of mr mrs ms dr sir prime minister president secretary spokesman spokeswoman
    spokesperson chancellor senator governor official officials foreign defence defense
    ministry department office leader chief country's country s
    """
)

_WORD_RE = re.compile(r"[a-z0-9]+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})


def _stem(word: str) -> str:
    """A light, deterministic suffix stripper: consistency matters, not linguistics."""
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, replacement in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
        ("e", ""),
        ("ly", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith("ss"):
                return word
            return word[: -len(suffix)] + replacement
    return word


def _build_synonyms() -> dict[str, str]:
    table = {}
    for group in _SYNONYM_GROUPS:
        stems = [_stem(word) for word in group.split()]
        table.update(dict.fromkeys(stems, stems[0]))
    return table


def _build_directions() -> dict[str, tuple[str, int]]:
    table = {}
    for axis, (up, down) in _DIRECTION_AXES.items():
        table.update(dict.fromkeys(map(_stem, up.split()), (axis, 1)))
        table.update(dict.fromkeys(map(_stem, down.split()), (axis, -1)))
    return table


_SYNONYMS = _build_synonyms()
_DIRECTION_OF = _build_directions()


def normalise(text: str) -> str:
    """Lower-case, compatibility-folded, straight apostrophes, "n't" spelled out."""
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).lower()
    text = text.replace("can't", "can not").replace("won't", "will not")
    return text.replace("n't", " not").replace("'s", "")


def words(text: str) -> list[str]:
    return _WORD_RE.findall(normalise(text))


def _fold(word: str) -> str:
    stem = _stem(word)
    return _SYNONYMS.get(stem, stem)


def content_tokens(text: str) -> frozenset[str]:
    """The words that carry a claim's meaning, stemmed and with synonyms folded together."""
    return frozenset(
        _fold(word)
        for word in words(text)
        if word not in _STOPWORDS
        and word not in _NEGATIONS
        and word not in _NUMBER_WORDS
        and not any(character.isdigit() for character in word)
    )


def _directions(all_words: list[str]) -> frozenset[str]:
    """Per axis, "axis:balance:count": up-words minus down-words, and how many there are."""
    balance: dict[str, list[int]] = {}
    for stem in map(_stem, all_words):
        if stem in _DIRECTION_OF:
            axis, sign = _DIRECTION_OF[stem]
            totals = balance.setdefault(axis, [0, 0])
            totals[0] += sign
            totals[1] += 1
    return frozenset(f"{axis}:{total}:{count}" for axis, (total, count) in balance.items())


def speaker_tokens(speaker: str | None) -> frozenset[str]:
    """The name words of a speaker: "Ukraine's president Volodymyr Zelenskyy" and
    "Mr Zelenskyy" share "zelenskyy"."""
    if not speaker:
        return frozenset()
    return frozenset(
        _fold(word) for word in words(speaker) if word not in _SPEAKER_NOISE and len(word) > 1
    )


def _unit(unit: str) -> str:
    unit = unit.strip().lower()
    if unit in {"%", "per cent", "percent"}:
        return "%"
    return _fold(unit) if unit else ""


def _figure_part(value: float, unit: str, currency: str) -> str:
    number = f"{float(value):.6g}"
    return f"{number}{currency.upper()}{_unit(unit)}"


def figure_key(figures) -> str:
    """Sorted figures as one string: equal keys, equal figures. Accepts ``Figure`` objects
    or the dicts stored on ``Claim.figures``."""
    parts = []
    for figure in figures:
        if isinstance(figure, dict):
            value, unit, currency = (
                figure.get("value", 0),
                figure.get("unit", ""),
                figure.get("currency", ""),
            )
        else:
            value, unit, currency = figure.value, figure.unit, figure.currency
        parts.append(_figure_part(value, unit or "", currency or ""))
    return ";".join(sorted(parts))[:500]


@dataclass(frozen=True, slots=True)
class Fingerprint:
    tokens: frozenset[str]
    figures: str
    speaker: frozenset[str]
    negations: int
    directions: frozenset[str]
    word_count: int

    @property
    def match_key(self) -> str:
        return " ".join(sorted(self.tokens))


def fingerprint(text: str, *, figures=(), speaker: str | None = "") -> Fingerprint:
    all_words = words(text)
    return Fingerprint(
        tokens=content_tokens(text),
        figures=figure_key(figures),
        speaker=speaker_tokens(speaker),
        negations=sum(word in _NEGATIONS for word in all_words),
        directions=_directions(all_words),
        word_count=len(all_words),
    )


@dataclass(frozen=True, slots=True)
class Comparison:
    score: float
    reason: str
    auto_link: bool
    suggest: bool


def _opposed(left: frozenset[str], right: frozenset[str]) -> bool:
    """Both claims use words of one axis, and they do not add up to the same direction."""
    left_balance = {axis: int(total) for axis, total, _ in (t.split(":") for t in left)}
    right_balance = {axis: int(total) for axis, total, _ in (t.split(":") for t in right)}
    return any(
        axis in right_balance and right_balance[axis] != total
        for axis, total in left_balance.items()
    )


def speakers_conflict(left: frozenset[str], right: frozenset[str]) -> bool:
    return bool(left) and bool(right) and not (left & right)


def compare(
    left: Fingerprint,
    right: Fingerprint,
    *,
    suggest_threshold: float = SUGGEST_THRESHOLD,
    auto_link_threshold: float = AUTO_LINK_THRESHOLD,
) -> Comparison:
    if left.figures != right.figures:
        return Comparison(0.0, "different figures", False, False)
    if left.negations != right.negations:
        return Comparison(0.0, "negated differently", False, False)
    if _opposed(left.directions, right.directions):
        return Comparison(0.0, "opposite directions", False, False)
    if not left.tokens or not right.tokens:
        return Comparison(0.0, "no content words", False, False)
    shared = len(left.tokens & right.tokens)
    jaccard = shared / len(left.tokens | right.tokens)
    containment = shared / min(len(left.tokens), len(right.tokens))
    score = 0.6 * jaccard + 0.4 * containment
    reasons = [f"{shared} shared words"]
    if left.figures:
        score += 0.1
        reasons.append("same figures")
    conflict = speakers_conflict(left.speaker, right.speaker)
    if conflict:
        score -= 0.1
        reasons.append("different speakers")
    elif left.speaker and right.speaker:
        score += 0.05
        reasons.append("same speaker")
    score = round(max(0.0, min(1.0, score)), 4)
    short = min(left.word_count, right.word_count) < MIN_AUTO_LINK_WORDS
    if short:
        reasons.append("short claim")
    return Comparison(
        score=score,
        reason=", ".join(reasons),
        auto_link=score >= auto_link_threshold and not short and not conflict,
        suggest=score >= suggest_threshold,
    )


_PRIME = (1 << 61) - 1
_PERMUTATIONS = [
    (random.Random(seed).randrange(1, _PRIME), random.Random(-seed).randrange(_PRIME))
    for seed in range(1, LSH_BANDS * LSH_ROWS + 1)
]


def _hash64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def band_keys(fingerprint: Fingerprint) -> list[int]:
    """The claim's LSH band keys, signed 64-bit so a database stores them as bigint."""
    if not fingerprint.tokens:
        return []
    hashed = [_hash64(token) for token in fingerprint.tokens]
    minima = [min((a * value + b) % _PRIME for value in hashed) for a, b in _PERMUTATIONS]
    keys = []
    for band in range(LSH_BANDS):
        rows = minima[band * LSH_ROWS : (band + 1) * LSH_ROWS]
        digest = hashlib.blake2b(
            f"{band}|{fingerprint.figures}|{rows}".encode(), digest_size=8
        ).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def _trigrams(text: str) -> set[str]:
    grams: set[str] = set()
    for word in _WORD_RE.findall(text.lower()):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def trigram_similarity(left: str, right: str) -> float:
    """pg_trgm's ``similarity()`` for the ASCII match keys this module makes."""
    left_grams, right_grams = _trigrams(left), _trigrams(right)
    if not left_grams or not right_grams:
        return 0.0
    return len(left_grams & right_grams) / len(left_grams | right_grams)
