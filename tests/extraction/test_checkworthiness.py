import json
import math
import time

import pytest

from factcheck.extraction import checkworthiness
from factcheck.extraction.checkworthiness import (
    DEFAULT_THRESHOLD,
    WEIGHTS_PATH,
    features,
    raw_score,
    score_claim,
    score_in_context,
)
from factcheck.extraction.types import ClaimType, Figure

OPINION = "I think we've seen a deterioration of values."
GUNS = "Ukraine said Russia has moved 18,000 guns to the border since March."
GUNS_FIGURES = (Figure("18,000 guns", 18000, "guns"),)


def score(text, *, sentence=None, speaker=None, figures=(), claim_type=ClaimType.OTHER):
    return score_claim(
        text,
        sentence=text if sentence is None else sentence,
        speaker=speaker,
        figures=figures,
        claim_type=claim_type,
    )


def test_weights_file_is_json_with_weights_bias_threshold_and_credit():
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))

    assert data["weights"]
    assert all(isinstance(weight, float) for weight in data["weights"].values())
    assert isinstance(data["bias"], float)
    assert 0 < data["threshold"] < 1
    assert "10.5281/zenodo.3609356" in data["metadata"]["credit"]


def test_default_threshold_is_the_tuned_one_from_the_weights_file():
    assert json.loads(WEIGHTS_PATH.read_text())["threshold"] == DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    "text",
    [
        "",
        "?",
        OPINION,
        GUNS,
        "1 2 3 4 5 6 7 8 9 10 percent $ million billion " * 20,
        "What do you think? " * 30,
        "Ünïcödé — \u201cquoted\u201d \u2018text\u2019 with 12,5 % and £3bn.",
    ],
)
def test_scores_are_between_zero_and_one(text):
    value, reasons = score(text)

    assert 0.0 <= value <= 1.0
    assert all(isinstance(reason, str) and reason for reason in reasons)


def test_attributed_claim_with_a_figure_outscores_a_first_person_opinion():
    claim, _ = score(GUNS, speaker="Ukraine", figures=GUNS_FIGURES, claim_type=ClaimType.QUANTITY)
    opinion, _ = score(OPINION)

    assert claim >= DEFAULT_THRESHOLD > opinion


def test_reasons_name_the_figure_and_the_speaker():
    _, reasons = score(GUNS, speaker="Ukraine", figures=GUNS_FIGURES)

    assert "contains a figure: 18,000 guns" in reasons
    assert "attributed to Ukraine" in reasons


def test_reasons_name_the_number_in_the_text_when_the_engine_found_no_figure():
    _, reasons = score("Unemployment rose to 7.8 percent last year.")

    assert any(reason.startswith("contains a figure: 7.8") for reason in reasons)


def test_reasons_for_a_low_score_say_what_made_it_low():
    value, reasons = score(OPINION)

    assert value < DEFAULT_THRESHOLD
    assert "first-person opinion" in reasons
    assert not any("checkable" in reason for reason in reasons)


def test_a_question_is_not_check_worthy_and_says_so():
    value, reasons = score("What would you do about that?")

    assert value < DEFAULT_THRESHOLD
    assert "a question" in reasons


def test_a_fragment_of_a_check_worthy_sentence_scores_as_well_as_the_sentence():
    sentence = "We have cut the deficit by 200 billion dollars since 2010, and I am proud of it."
    whole, _ = score(sentence)
    fragment, _ = score("I am proud of it.", sentence=sentence)

    assert fragment == whole >= DEFAULT_THRESHOLD


def test_the_speaker_does_not_change_the_score():
    assert score(GUNS, speaker="Ukraine")[0] == score(GUNS, speaker=None)[0]


def test_scoring_costs_a_few_microseconds_per_word():
    texts = [GUNS, OPINION, "We're consuming 50 percent of the world's cocaine."] * 300
    words = sum(len(text.split()) for text in texts)
    started = time.perf_counter()
    for text in texts:
        score(text)
    per_word = (time.perf_counter() - started) / words

    # Generous for slow CI machines; measured about 2 µs per word on one core.
    assert per_word < 20e-6


@pytest.mark.parametrize(
    "text", [OPINION, GUNS, "", "Why?", "Taxes rose 5 percent, and 5 percent again."]
)
def test_the_scorer_adds_up_exactly_the_weights_of_the_training_features(text):
    weights, bias, _ = checkworthiness.load_weights()
    logit = bias + sum(weights.get(name, 0.0) * value for name, value in features(text).items())

    assert raw_score(text) == pytest.approx(1.0 / (1.0 + math.exp(-logit)), abs=1e-12)


def test_raw_score_with_other_weights_uses_them():
    assert raw_score("taxes rose", {"w:taxes": 50.0}, 0.0) > 0.99
    assert raw_score("taxes rose", {"w:taxes": -50.0}, 0.0) < 0.01


@pytest.mark.parametrize(
    ("claim", "sentence"),
    [
        (
            "Unemployment rose to 7.8 percent last year",
            "Unemployment rose to 7.8 percent last year.",
        ),
        ("Is it true that taxes rose?", "Is it true that taxes rose?"),
        ("Taxes rose", "Taxes rose?"),
        ("Did taxes rise?", "Did taxes rise?."),
        ("I am proud of it", "We cut the deficit by 200 billion dollars, and I am proud of it."),
    ],
)
def test_a_claim_scores_as_the_better_of_its_own_text_and_its_sentence(claim, sentence):
    value, _ = score(claim, sentence=sentence)

    assert value == pytest.approx(max(raw_score(claim), raw_score(sentence)), abs=1e-12)


def test_each_claim_of_a_sentence_reuses_the_sentence_score():
    sentence = "We cut the deficit by 200 billion dollars, and taxes went up 3 percent in May."
    checkworthiness._sentence_analysis.cache_clear()
    checkworthiness._sentence_contributions.cache_clear()

    score("We cut the deficit by 200 billion dollars", sentence=sentence)
    score("taxes went up 3 percent in May", sentence=sentence)

    # The sentence is analysed, and its words weighed, once for both of its claims.
    assert checkworthiness._sentence_analysis.cache_info().misses == 1
    assert checkworthiness._sentence_contributions.cache_info().misses == 1
    assert checkworthiness._sentence_contributions.cache_info().hits == 1


def test_words_with_equal_weights_are_named_in_alphabetical_order():
    contributions = ({"saudi": 0.5, "arabia": 0.5, "oil": 0.7}, {})

    reasons = checkworthiness._reasons("x", contributions, (), True)

    assert reasons == ["words typical of checkable claims: oil, arabia, saudi"]


def test_scorer_imports_neither_django_nor_numpy():
    source = checkworthiness.__loader__.get_source(checkworthiness.__name__)

    assert "django" not in source
    assert "numpy" not in source


# The seed's sentence: its second claim scores as the whole sentence, whose words
# ("guns", "russia", 18,000) it does not have.
ARMS_SENTENCE = (
    "Ukraine said 18,000 guns had been given to residents to defend against Russia, "
    "while the US has pledged to provide $600m in military assistance."
)


@pytest.mark.parametrize(
    ("claim", "sentence"),
    [
        ("the US has pledged to provide $600m in military assistance", ARMS_SENTENCE),
        ("he has not fled the capital", "Officials said he has not fled the capital since 2014, "
         "adding that 5 of the 8 ministers stayed with the president."),
    ],
)  # fmt: skip
def test_reasons_name_only_words_and_numbers_of_the_claim_itself(claim, sentence):
    value, reasons = score(claim, sentence=sentence)
    assert value >= score(claim, sentence="")[0]
    own = {token.lower() for token in checkworthiness._TOKEN_RE.findall(claim)}
    for reason in reasons:
        if reason.startswith(("words typical", "contains a figure:")):
            named = reason.split(": ", 1)[1].split(", ")
            assert all(set(checkworthiness._TOKEN_RE.findall(n.lower())) <= own for n in named), (
                reason
            )


def test_a_claim_scored_as_its_sentence_keeps_the_sentence_score():
    claim = "the US has pledged to provide $600m in military assistance"
    assert score(claim, sentence=ARMS_SENTENCE)[0] == pytest.approx(raw_score(ARMS_SENTENCE))


# "He added: '...'": the frame is what makes the sentence score high, not the quotation.
QUOTED = "It is the richest countries hearing the voices of the poor"
QUOTED_SENTENCE = f'He added: "{QUOTED}." The G7 said debt relief would cost $55bn.'


def test_a_claim_scored_in_context_scores_at_least_its_sentence_each_text_scored_once():
    asked = []
    values = {"fragment": 0.2, "the whole sentence": 0.7, "strong claim": 0.9, "weak": 0.1}
    values_with_empty = {**values, "": 0.0}

    def score_texts(texts):
        asked.extend(texts)
        return [values_with_empty[text] for text in texts]

    claims = [
        ("fragment", "the whole sentence", ClaimType.EVENT),
        ("strong claim", "the whole sentence", ClaimType.QUANTITY),
        ("fragment", "", ClaimType.OTHER),  # a claim with no sentence scores as its own
        ("weak", "weak.", ClaimType.OTHER),  # its whole sentence but for the full stop
        ("", "the whole sentence", ClaimType.OTHER),
        ("fragment", "the whole sentence", ClaimType.QUOTE),  # a quotation: its own words
    ]
    assert score_in_context(score_texts, claims) == [0.7, 0.9, 0.2, 0.1, 0.7, 0.2]
    assert sorted(asked) == sorted(["", *values])


def test_a_direct_quotation_scores_on_its_own_words_not_its_sentence():
    assert raw_score(QUOTED_SENTENCE) > raw_score(QUOTED)
    quoted = score(QUOTED, sentence=QUOTED_SENTENCE, claim_type=ClaimType.QUOTE)[0]
    reported = score(QUOTED, sentence=QUOTED_SENTENCE, claim_type=ClaimType.EVENT)[0]
    assert quoted == pytest.approx(raw_score(QUOTED))
    assert reported == pytest.approx(raw_score(QUOTED_SENTENCE))
