"""How worth checking a claim is: a linear model over words, word pairs and a few cues.

The weights in ``checkworthiness_weights.json`` are learnt by ``training.py`` from the
ClaimBuster dataset: Arslan, Hassan, Li and Tremayne, "A Benchmark Dataset of
Check-worthy Factual Claims", ICWSM 2020, DOI 10.5281/zenodo.3609356, licensed
CC BY 4.0. The scorer is plain Python (dict lookups, one ``exp``) so that it costs a
few microseconds per word; ``features`` is shared with the trainer so that training
and scoring can never disagree about what a feature means, and ``Model`` adds up the
same weights without building feature names (a test holds the two to the same sum).
A sentence is scored once however many claims the engine cuts from it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import repeat
from pathlib import Path

from factcheck.extraction.types import ClaimType, Figure

WEIGHTS_PATH = Path(__file__).with_name("checkworthiness_weights.json")

# The lookahead turns away most non-token positions on their first character; the
# alternatives start with disjoint characters, so their order changes no token.
_TOKEN_RE = re.compile(
    r"(?=[A-Za-z0-9$€£%?])(?:[A-Za-z]+(?:['\u2019][A-Za-z]+)?|\d(?:[\d,.]*\d)?|[$€£%?])"
)
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


# Raw token -> normalised token, filled as tokens are met; bounded so that a stream of
# distinct numbers cannot grow it without limit.
_NORMALISED: dict[str, str] = {}
_NORMALISED_MAX = 100_000


def _normalise(raw: str) -> str:
    if raw[0].isdigit():
        token = "<year>" if len(raw) == 4 and _YEAR_RE.fullmatch(raw) else "<num>"
    else:
        token = raw.lower().replace("\u2019", "'")
    if len(_NORMALISED) < _NORMALISED_MAX:
        _NORMALISED[raw] = token
    return token


def _tokens(text: str) -> tuple[list[str], bool]:
    """Lower-cased tokens with numbers folded to ``<num>``/``<year>``, and whether a
    capitalised word follows the first (a cheap stand-in for named entities)."""
    raws = _TOKEN_RE.findall(text)
    known = _NORMALISED.get
    tokens = [known(raw) or _normalise(raw) for raw in raws]
    capitalised = False
    for raw in raws[1:]:
        if raw[0].isupper() and raw != "I":
            capitalised = True
            break
    return tokens, capitalised


def _cues(text: str, tokens: list[str], words: set[str], capitalised: bool) -> dict[str, float]:
    count = len(tokens)
    cues = {}
    if "<num>" in words or "<year>" in words or not words.isdisjoint(NUMBER_WORDS):
        cues["h:number"] = 1.0
    if not words.isdisjoint(CURRENCY_WORDS):
        cues["h:percent_or_currency"] = 1.0
    if not words.isdisjoint(COMPARATIVE_WORDS):
        cues["h:comparative"] = 1.0
    if not words.isdisjoint(REPORTING_WORDS):
        cues["h:reporting_verb"] = 1.0
    if not words.isdisjoint(FIRST_PERSON_SINGULAR) and not words.isdisjoint(OPINION_WORDS):
        cues["h:first_person_opinion"] = 1.0
    if text.rstrip().endswith("?"):
        cues["h:question"] = 1.0
    if capitalised:
        cues["h:named_entity"] = 1.0
    if count < 5:
        cues["h:length_under_5"] = 1.0
    elif count < 10:
        cues["h:length_5_9"] = 1.0
    elif count < 20:
        cues["h:length_10_19"] = 1.0
    elif count < 35:
        cues["h:length_20_34"] = 1.0
    else:
        cues["h:length_35_plus"] = 1.0
    return cues


def features(text: str) -> dict[str, float]:
    """Sparse feature vector of one text: ``w:`` words, ``b:`` word pairs, ``h:`` cues.

    Word and pair features share one unit of mass (each is 1/sqrt(n)), so long
    sentences do not win by length alone; length has its own bucketed cue. This is what
    the trainer sees; ``Model`` computes the same sum without building the strings.
    """
    tokens, capitalised = _tokens(text)
    grams = {"w:" + token for token in tokens}
    grams.update(
        "b:" + first + " " + second
        for first, second in zip(["<s>", *tokens], [*tokens, "</s>"], strict=True)
    )
    vector = dict.fromkeys(grams, 1.0 / math.sqrt(len(grams)))
    vector.update(_cues(text, tokens, set(tokens), capitalised))
    return vector


def _logistic(logit: float) -> float:
    if logit < -40.0:
        return 0.0
    return 1.0 / (1.0 + math.exp(-logit))


# A text as the model saw it: logit, tokens, the mass of each word feature, cues.
_Analysis = tuple[float, list[str], float, dict[str, float]]
# What each word (by token) and each cue (by feature name) adds to the logit.
Contributions = tuple[dict[str, float], dict[str, float]]


class Model:
    """A weights file made ready for scoring: word weights keyed by the token, pair
    weights by the ``(first, second)`` tuple, so that no feature name is ever built.

    Sums are taken with ``fsum`` over sets, which is exact whatever order the set gives,
    so a text always gets the same score.
    """

    __slots__ = ("bias", "cues", "pairs", "words")

    def __init__(self, weights: dict[str, float], bias: float) -> None:
        self.bias = bias
        self.words: dict[str, float] = {}
        self.pairs: dict[tuple[str, str], float] = {}
        self.cues: dict[str, float] = {}
        for name, weight in weights.items():
            kind, feature = name[:2], name[2:]
            if kind == "w:":
                self.words[feature] = weight
            elif kind == "b:":
                first, _, second = feature.partition(" ")
                self.pairs[first, second] = weight
            else:
                self.cues[name] = weight

    def analyse(self, text: str) -> _Analysis:
        tokens, capitalised = _tokens(text)
        words = set(tokens)
        pairs = set(zip(["<s>", *tokens], [*tokens, "</s>"], strict=True))
        mass = 1.0 / math.sqrt(len(words) + len(pairs))
        grams = math.fsum(map(self.words.get, words, repeat(0.0)))
        grams += math.fsum(map(self.pairs.get, pairs, repeat(0.0)))
        logit = self.bias + grams * mass
        cues = _cues(text, tokens, words, capitalised)
        weights = self.cues
        for name, value in cues.items():
            weight = weights.get(name)
            if weight is not None:
                logit += weight * value
        return logit, tokens, mass, cues

    def score(self, text: str) -> float:
        """Probability that ``text`` is a check-worthy factual claim."""
        return _logistic(self.analyse(text)[0])

    def contributions(self, analysis: _Analysis) -> Contributions:
        """What each word and cue adds to the logit, for the reasons (pairs are left
        out: no reason is drawn from them)."""
        _, tokens, mass, cues = analysis
        words = self.words
        weighed = {token: words[token] * mass for token in set(tokens) if token in words}
        weights = self.cues
        return weighed, {
            name: weights[name] * value for name, value in cues.items() if name in weights
        }


def load_weights(path: Path = WEIGHTS_PATH) -> tuple[dict[str, float], float, float]:
    """Weights, bias and tuned threshold from a weights file written by ``training.py``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["weights"], float(data["bias"]), float(data["threshold"])


_WEIGHTS, _BIAS, DEFAULT_THRESHOLD = load_weights()
_MODEL = Model(_WEIGHTS, _BIAS)


def raw_score(
    text: str, weights: dict[str, float] | None = None, bias: float | None = None
) -> float:
    """Probability that ``text`` is a check-worthy factual claim, from its text alone.

    Without ``weights`` the shipped model scores it; with them, a model made for the
    one call (build a ``Model`` once to score many texts with other weights).
    """
    if weights is None:
        return _MODEL.score(text)
    return Model(weights, _BIAS if bias is None else bias).score(text)


@lru_cache(maxsize=1024)
def _sentence_analysis(sentence: str) -> _Analysis:
    """A whole sentence as the shipped model sees it, cached: each claim of a sentence
    is compared with the sentence it comes from, and the pipeline gives them in turn."""
    return _MODEL.analyse(sentence)


@lru_cache(maxsize=64)
def _sentence_contributions(sentence: str) -> Contributions:
    """Worked out once per sentence, not once per claim: a run-on sentence of 100 KB
    gives a thousand claims, and reading it for each would be quadratic."""
    return _MODEL.contributions(_sentence_analysis(sentence))


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
_NUMBER_TOKENS = ("<num>", "<year>")
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
    contributions: Contributions,
    figures: tuple[Figure, ...],
    checkworthy: bool,
) -> list[str]:
    """The strongest influences towards the verdict, strongest first, in plain words.

    Only influences in the direction of the verdict are named: a checker reading why a
    claim was put in front of them wants what made it checkable, and the reverse for
    one that was passed over. ``contributions`` hold only what ``text`` itself has.
    """
    word_logits, cue_logits = contributions
    sign = 1.0 if checkworthy else -1.0
    grouped: list[tuple[float, str]] = []
    number_logit = cue_logits.get("h:number", 0.0)
    for token in _NUMBER_TOKENS:
        number_logit += word_logits.get(token, 0.0)
    number_logit *= sign
    if number_logit >= _MIN_REASON_LOGIT:
        grouped.append((number_logit, _figure_reason(figures, text)))
    for name, (raising, lowering) in _CUE_REASONS.items():
        logit = sign * cue_logits.get(name, 0.0)
        reason = raising if checkworthy else lowering
        if reason and logit >= _MIN_REASON_LOGIT:
            grouped.append((logit, reason))

    words = {}
    for word, contribution in word_logits.items():
        logit = sign * contribution
        if logit > 0 and word not in _UNINFORMATIVE:
            words[word] = logit
    # Ties broken by the word, so that the reasons never depend on hashing.
    strongest = sorted(words.items(), key=lambda item: (-item[1], item[0]))[:3]
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


# Characters the tokeniser never keeps: a text that differs from another only by these
# at its end has the same tokens, and so the same features if both are or are not
# questions.
_UNTOKENISED_END = " \t\n.!…"


def _same_features(text: str, sentence: str) -> bool:
    """Whether a claim is its sentence but for a full stop or the like (about half of
    all claims are), so that the sentence's cached analysis can serve for both."""
    return text == sentence or (
        text == sentence.rstrip(_UNTOKENISED_END)
        and text.endswith("?") == sentence.rstrip().endswith("?")
    )


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
    the sentence it comes from, unless it is a direct quotation (see ``_borrows``). The
    speaker does not change the score (every training sentence had one) but is named in
    the reasons, because a checker needs to know whose claim it is.
    """
    own_tokens, own_cues = None, None
    if sentence and _same_features(text, sentence):
        analysis, contributions = _sentence_analysis(sentence), _sentence_contributions(sentence)
    else:
        analysis = own = _MODEL.analyse(text)
        contributions = None
        if sentence and _borrows(claim_type):
            sentence_analysis = _sentence_analysis(sentence)
            if sentence_analysis[0] > analysis[0]:
                analysis = sentence_analysis
                contributions = _sentence_contributions(sentence)
                own_tokens, own_cues = set(own[1]), own[3]
        if contributions is None:
            contributions = _MODEL.contributions(analysis)
    score = _logistic(analysis[0])
    if own_tokens is not None:
        # Scored as its sentence, but a reader sees only the claim: name nothing else. Read
        # from the claim's own words, not the sentence's (a long sentence has many claims).
        word_logits, cue_logits = contributions
        contributions = (
            {token: word_logits[token] for token in own_tokens if token in word_logits},
            {name: cue_logits[name] for name in own_cues if name in cue_logits},
        )
    reasons = _reasons(text, contributions, figures, score >= DEFAULT_THRESHOLD)
    if speaker:
        reasons.append(f"attributed to {speaker}")
    return score, tuple(reasons)


def _borrows(claim_type: str) -> bool:
    """Whether a claim may take its sentence's score. A direct quotation may not: what
    its sentence adds is the frame ("He added: '...'", "'...,' she said"), which both
    models read as checkable in itself (in the debates they learned from, a candidate
    reporting what someone said is usually worth checking), while the quoted words alone
    are what a debate sentence is, speech. Reported speech keeps the rule: its frame often
    holds what makes it checkable ("Figures showed that ..."). MEASURING.md has the
    figures."""
    return claim_type != ClaimType.QUOTE


def score_in_context(
    score_texts: Callable[[Sequence[str]], Sequence[float]],
    claims: Sequence[tuple[str, str, str]],
) -> list[float]:
    """Scores of (claim text, sentence, claim type) triples by any scorer of plain texts,
    with the rule ``score_claim`` follows: a claim scores at least as well as the sentence
    it was cut from, unless it is a direct quotation. A claim that is its whole sentence,
    or has none, scores as its own words. Each distinct text is scored once."""
    pairs = [
        (
            text,
            ""
            if not sentence or not _borrows(claim_type) or _same_features(text, sentence)
            else sentence,
        )
        for text, sentence, claim_type in claims
    ]
    texts = list(dict.fromkeys([*(text for text, _ in pairs), *(s for _, s in pairs if s)]))
    scores = dict(zip(texts, score_texts(texts), strict=True))
    return [
        max(scores[text], scores[sentence]) if sentence else scores[text]
        for text, sentence in pairs
    ]
