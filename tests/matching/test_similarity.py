"""What counts as the same claim: pure functions, no database."""

import pytest

from factcheck.extraction.figures import find_figures
from factcheck.matching import similarity

GUNS = "18,000 guns had been given to residents to defend against Russia"


def fp(text, speaker="Ukraine"):
    return similarity.fingerprint(text, figures=find_figures(text), speaker=speaker)


def test_the_same_claim_repeated_by_another_outlet_is_auto_linked():
    comparison = similarity.compare(fp(GUNS), fp(GUNS + "."))
    assert comparison.score == 1.0
    assert comparison.auto_link and comparison.suggest


def test_a_paraphrase_with_the_same_figures_is_at_least_suggested():
    paraphrase = "Eighteen thousand weapons were handed to citizens to protect against Russia"
    comparison = similarity.compare(fp(GUNS), fp(paraphrase))
    assert comparison.suggest
    assert "same figures" in comparison.reason


@pytest.mark.parametrize(
    "other",
    [
        "20,000 guns had been given to residents to defend against Russia",
        "18,000 rifles and 5 tanks had been given to residents to defend against Russia",
        "$18,000 had been given to residents to defend against Russia",
        "Residents had been given guns to defend against Russia",
    ],
)
def test_a_figure_mismatch_is_a_different_claim(other):
    comparison = similarity.compare(fp(GUNS), fp(other))
    assert comparison.score == 0
    assert not comparison.suggest and not comparison.auto_link


def test_a_currency_mismatch_is_a_different_claim():
    dollars = fp("the US has pledged to provide $600m in military assistance")
    pounds = fp("the US has pledged to provide £600m in military assistance")
    assert similarity.compare(dollars, pounds).reason == "different figures"


@pytest.mark.parametrize(
    "other",
    [
        "18,000 guns had not been given to residents to defend against Russia",
        "Exports to Japan have gone down by 85 percent in the last four years",
    ],
)
def test_negations_and_opposite_directions_are_different_claims(other):
    base = (
        GUNS
        if "guns" in other
        else "Exports to Japan have gone up by 85 percent in the last four years"
    )
    assert similarity.compare(fp(base), fp(other)).score == 0


def test_short_claims_are_never_auto_linked():
    short = "Russia used its veto"
    assert len(short.split()) < similarity.MIN_AUTO_LINK_WORDS
    comparison = similarity.compare(fp(short, ""), fp(short, ""))
    assert comparison.score == 1.0
    assert comparison.suggest
    assert not comparison.auto_link


def test_the_same_words_from_another_speaker_are_suggested_never_auto_linked():
    comparison = similarity.compare(fp(GUNS, "Ukraine"), fp(GUNS, "Vladimir Putin"))
    assert comparison.suggest
    assert not comparison.auto_link
    assert "different speakers" in comparison.reason


def test_speakers_match_on_their_name_words():
    assert not similarity.speakers_conflict(
        similarity.speaker_tokens("Ukraine's president Volodymyr Zelenskyy"),
        similarity.speaker_tokens("Mr Zelenskyy"),
    )


def test_thresholds_decide_suggestion_and_auto_link():
    left = fp(GUNS)
    right = fp(GUNS + ", officials in Kyiv said on Friday after talks")
    comparison = similarity.compare(left, right)
    assert 0 < comparison.score < 1
    strict = similarity.compare(left, right, suggest_threshold=0.99, auto_link_threshold=0.999)
    lenient = similarity.compare(left, right, suggest_threshold=0.1, auto_link_threshold=0.2)
    assert not strict.suggest and not strict.auto_link
    assert lenient.suggest and lenient.auto_link


def test_unrelated_claims_score_low():
    other = fp("Putin has now been sanctioned by the UK, US and EU", "")
    assert not similarity.compare(
        fp("Explosions have been heard across the city", ""), other
    ).suggest


def test_figure_keys_ignore_how_a_number_is_written():
    assert similarity.figure_key(find_figures("18,000 guns")) == similarity.figure_key(
        [{"text": "eighteen thousand", "value": 18000.0, "unit": "guns", "currency": ""}]
    )


def test_band_keys_are_deterministic_and_shared_by_repeats():
    assert similarity.band_keys(fp(GUNS)) == similarity.band_keys(fp(GUNS))
    assert set(similarity.band_keys(fp(GUNS))) & set(similarity.band_keys(fp(GUNS + ".")))
    other = set(similarity.band_keys(fp(GUNS.replace("18,000", "19,000"))))
    assert not set(similarity.band_keys(fp(GUNS))) & other
    assert all(-(2**63) <= key < 2**63 for key in similarity.band_keys(fp(GUNS)))


def test_trigram_similarity_matches_pg_trgm_on_simple_keys():
    assert similarity.trigram_similarity("word", "word") == 1.0
    # PostgreSQL: SELECT similarity('word', 'two words') = 0.36363637
    assert similarity.trigram_similarity("word", "two words") == pytest.approx(0.363636, 1e-4)


@pytest.mark.parametrize("text", ["", "   ", "\x00", "!!!", "1 2 3", "<script>alert(1)</script>"])
def test_odd_text_never_raises(text):
    comparison = similarity.compare(fp(text, ""), fp(GUNS))
    assert not comparison.auto_link
