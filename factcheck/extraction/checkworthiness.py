"""How worth checking a claim is: a linear model over words, word pairs and a few cues.

The weights in ``checkworthiness_weights.json`` are learnt by ``training.py`` from the
ClaimBuster dataset: Arslan, Hassan, Li and Tremayne, "A Benchmark Dataset of
Check-worthy Factual Claims", ICWSM 2020, DOI 10.5281/zenodo.3609356, licensed
CC BY 4.0. The scorer is plain Python (dict lookups, one ``exp``) so that it costs a
few microseconds per word; ``features`` is shared with the trainer so that training
and scoring can never disagree about what a feature means.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

from factcheck.extraction.types import ClaimType, Figure

WEIGHTS_PATH = Path(__file__).with_name("checkworthiness_weights.json")

_TOKEN_RE = re.compile(r"\d[\d,.]*\d|\d|[A-Za-z]+(?:['\u2019][A-Za-z]+)?|[$€£%?]")
_YEAR_RE = re.compile(r"(?:1[89]|20)\d\d")


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


NUMBER_WORDS = _words(
    "hundred hundreds thousand thousands million millions billion billions trillion "
    "trillions percent percentage half third quarter twice double doubled tripled "
    "dozen dozens"
)
CURRENCY_WORDS = _words("$ € £ % dollars dollar cents percent euros pounds")
COMPARATIVE_WORDS = _words(
    "more less fewer higher lower larger smaller bigger biggest largest smallest highest "
    "lowest most least increase increased decrease decreased rise rose fell grew cut "
    "cuts record first only"
)
REPORTING_WORDS = _words(
    "said says say according reported reports announced claimed claims told stated "
    "estimated showed shows found"
)
OPINION_WORDS = _words("think believe feel hope wish guess suppose want")
FIRST_PERSON_SINGULAR = _words("i me my mine myself i'm i've i'd i'll")


def _tokens(text: str) -> tuple[list[str], int]:
    """Lower-cased tokens with numbers folded to ``<num>``/``<year>``, and the count of
    capitalised words after the first (a cheap stand-in for named entities)."""
    tokens = []
    capitalised = 0
    for position, raw in enumerate(_TOKEN_RE.findall(text)):
        first = raw[0]
        if first.isdigit():
            tokens.append("<year>" if len(raw) == 4 and _YEAR_RE.fullmatch(raw) else "<num>")
            continue
        if position and first.isupper() and raw != "I":
            capitalised += 1
        tokens.append(raw.lower().replace("\u2019", "'"))
    return tokens, capitalised


def features(text: str) -> dict[str, float]:
    """Sparse feature vector of one text: ``w:`` words, ``b:`` word pairs, ``h:`` cues.

    Word and pair features share one unit of mass (each is 1/sqrt(n)), so long
    sentences do not win by length alone; length has its own bucketed cue.
    """
    tokens, capitalised = _tokens(text)
    grams = {"w:" + token for token in tokens}
    previous = "<s>"
    for token in tokens:
        grams.add("b:" + previous + " " + token)
        previous = token
    grams.add("b:" + previous + " </s>")
    mass = 1.0 / math.sqrt(len(grams))
    vector = dict.fromkeys(grams, mass)

    words = set(tokens)
    count = len(tokens)
    if "<num>" in words or "<year>" in words or words & NUMBER_WORDS:
        vector["h:number"] = 1.0
    if words & CURRENCY_WORDS:
        vector["h:percent_or_currency"] = 1.0
    if words & COMPARATIVE_WORDS:
        vector["h:comparative"] = 1.0
    if words & REPORTING_WORDS:
        vector["h:reporting_verb"] = 1.0
    if words & FIRST_PERSON_SINGULAR and words & OPINION_WORDS:
        vector["h:first_person_opinion"] = 1.0
    if text.rstrip().endswith("?"):
        vector["h:question"] = 1.0
    if capitalised:
        vector["h:named_entity"] = 1.0
    if count < 5:
        vector["h:length_under_5"] = 1.0
    elif count < 10:
        vector["h:length_5_9"] = 1.0
    elif count < 20:
        vector["h:length_10_19"] = 1.0
    elif count < 35:
        vector["h:length_20_34"] = 1.0
    else:
        vector["h:length_35_plus"] = 1.0
    return vector


def load_weights(path: Path = WEIGHTS_PATH) -> tuple[dict[str, float], float, float]:
    """Weights, bias and tuned threshold from a weights file written by ``training.py``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["weights"], float(data["bias"]), float(data["threshold"])


_WEIGHTS, _BIAS, DEFAULT_THRESHOLD = load_weights()


def _logistic(logit: float) -> float:
    if logit < -40.0:
        return 0.0
    return 1.0 / (1.0 + math.exp(-logit))


def raw_score(text: str, weights: dict[str, float] = _WEIGHTS, bias: float = _BIAS) -> float:
    """Probability that ``text`` is a check-worthy factual claim, from its text alone."""
    logit = bias
    for name, value in features(text).items():
        weight = weights.get(name)
        if weight is not None:
            logit += weight * value
    return _logistic(logit)


def _contributions(text: str) -> tuple[float, dict[str, float]]:
    contributions = {}
    logit = _BIAS
    for name, value in features(text).items():
        weight = _WEIGHTS.get(name)
        if weight is not None:
            contributions[name] = weight * value
            logit += weight * value
    return _logistic(logit), contributions


# Each cue's reason, for when it pushes the score up and when it pulls it down; None
# where the cue says nothing a checker can use in that direction.
_CUE_REASONS = {
    "h:percent_or_currency": ("mentions a percentage or money", None),
    "h:comparative": ("makes a comparison or superlative", None),
    "h:reporting_verb": ("reports what someone said or found", None),
    "h:first_person_opinion": (None, "first-person opinion"),
    "h:question": (None, "a question"),
    "h:named_entity": ("names a person, place or organisation", None),
    "h:length_under_5": (None, "very short"),
    "h:length_35_plus": ("long and detailed", None),
}
_NUMBER_FEATURES = frozenset({"h:number", "w:<num>", "w:<year>"})
_MIN_REASON_LOGIT = 0.15
_MAX_REASONS = 3
# Words whose weights matter to the model but mean nothing to a reader.
_UNINFORMATIVE = _words(
    "a an the of to in on at for from by with and or but so as is are was were be been "
    "being it its it's that this these those there their they them he she his her we "
    "we're we've our you your i i'm i've me my do does did have has had not no will "
    "would can could should just very well what which who how if then than about ? $ % "
    "<num> <year> <s> </s>"
)


def _figure_reason(figures: tuple[Figure, ...], text: str) -> str:
    if figures:
        shown = []
        for figure in figures[:2]:
            label = figure.text
            if figure.unit and figure.unit not in label:
                label = f"{label} {figure.unit}"
            shown.append(label)
        return "contains a figure: " + ", ".join(shown)
    numbers = [token for token in _TOKEN_RE.findall(text) if token[0].isdigit()]
    if numbers:
        return "contains a figure: " + ", ".join(numbers[:2])
    return "contains a quantity word"


def _reasons(
    text: str,
    contributions: dict[str, float],
    figures: tuple[Figure, ...],
    checkworthy: bool,
) -> list[str]:
    """The strongest influences towards the verdict, strongest first, in plain words.

    Only influences in the direction of the verdict are named: a checker reading why a
    claim was put in front of them wants what made it checkable, and the reverse for
    one that was passed over.
    """
    sign = 1.0 if checkworthy else -1.0
    grouped: list[tuple[float, str]] = []
    number_logit = sign * sum(contributions.get(name, 0.0) for name in _NUMBER_FEATURES)
    if number_logit >= _MIN_REASON_LOGIT:
        grouped.append((number_logit, _figure_reason(figures, text)))
    for name, (raising, lowering) in _CUE_REASONS.items():
        logit = sign * contributions.get(name, 0.0)
        reason = raising if checkworthy else lowering
        if reason and logit >= _MIN_REASON_LOGIT:
            grouped.append((logit, reason))

    words = {}
    for name, contribution in contributions.items():
        logit = sign * contribution
        if name.startswith("w:") and logit > 0 and name[2:] not in _UNINFORMATIVE:
            words[name[2:]] = logit
    strongest = sorted(words.items(), key=lambda item: item[1], reverse=True)[:3]
    strongest = [(word, logit) for word, logit in strongest if logit >= _MIN_REASON_LOGIT / 3]
    if strongest:
        label = (
            "words typical of checkable claims"
            if checkworthy
            else "words typical of opinion or rhetoric"
        )
        listed = ", ".join(word for word, _ in strongest)
        grouped.append((sum(logit for _, logit in strongest), f"{label}: {listed}"))
    grouped.sort(key=lambda item: item[0], reverse=True)
    return [reason for _, reason in grouped[:_MAX_REASONS]]


def score_claim(
    text: str,
    *,
    sentence: str,
    speaker: str | None,
    figures: tuple[Figure, ...],
    claim_type: ClaimType,
) -> tuple[float, tuple[str, ...]]:
    """Score in [0, 1] that ``text`` deserves a fact-checker's time, and why.

    The engine may cut one sentence into several claims, and a fragment can lose the
    words that made the whole sentence checkable, so a claim scores at least as well as
    the sentence it comes from. The speaker does not change the score (every training
    sentence had one) but is named in the reasons, because a checker needs to know
    whose claim it is. ``claim_type`` is accepted for the engine's interface and not
    used: the training data has no claim types to learn from.
    """
    score, contributions = _contributions(text)
    if sentence and sentence != text:
        sentence_score, sentence_contributions = _contributions(sentence)
        if sentence_score > score:
            score, contributions, text = sentence_score, sentence_contributions, sentence
    reasons = _reasons(text, contributions, figures, score >= DEFAULT_THRESHOLD)
    if speaker:
        reasons.append(f"attributed to {speaker}")
    return score, tuple(reasons)
