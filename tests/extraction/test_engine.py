"""The engine end to end: the worked examples of the design, speakers, non-claims."""

import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.extraction import ENGINE_VERSION, ClaimType, extract_claims
from factcheck.extraction.checkworthiness import raw_score

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_dcbd9e3bcc29c69d.txt"


def seed_body() -> str:
    """The seed article as the importer stores it: header, caption and byline removed."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    return "\n".join(lines[5:]).strip()


def claim_containing(claims, words):
    matching = [claim for claim in claims if words in claim.text]
    assert matching, f"no claim contains {words!r}: {[c.text for c in claims]}"
    return matching[0]


def test_engine_imports_no_django():
    code = "import sys, factcheck.extraction; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_engine_version_is_a_dated_string():
    assert ENGINE_VERSION.count(".") == 2
    assert ENGINE_VERSION.split(".")[0].isdigit()


def test_an_and_clause_with_a_subject_like_everyone_is_a_claim_of_its_own():
    body = (
        "The council said the library would close in May and everyone affected "
        "would be offered a place at the new centre."
    )

    claims = extract_claims(body)

    closing = claim_containing(claims, "the library would close in May")
    offered = claim_containing(claims, "everyone affected would be offered")
    assert "everyone" not in closing.text
    # No comma before "and": the second clause is still what the council said.
    assert closing.speaker == offered.speaker == "The council"


def test_a_comma_and_lets_the_outlet_take_over_the_telling():
    body = (
        "The council said the library would close in May, and the protesters then gathered outside."
    )

    claims = extract_claims(body)

    assert claim_containing(claims, "the protesters then gathered outside").speaker is None


def test_what_someone_did_not_say_is_not_their_claim():
    claims = extract_claims("The minister did not say that taxes would rise by 5% next year.")

    claim = claim_containing(claims, "taxes would rise by 5%")
    assert claim.speaker is None
    assert claim.text.startswith("The minister did not say")


def test_i_do_not_think_is_an_opinion_like_i_think():
    assert extract_claims("I don't think most people want that.") == []


def test_guns_and_aid_sentence_is_exactly_two_claims_with_their_speakers():
    body = (
        "Ukraine said 18,000 guns had been given to residents to defend against Russia, "
        "while the US has pledged to provide $600m in military assistance."
    )
    guns, aid = extract_claims(body)
    assert guns.text == "18,000 guns had been given to residents to defend against Russia"
    assert guns.speaker == "Ukraine"
    assert [(f.value, f.unit) for f in guns.figures] == [(18000, "guns")]
    assert aid.text == "the US has pledged to provide $600m in military assistance"
    assert aid.speaker == "the US"
    assert [(f.value, f.currency) for f in aid.figures] == [(600_000_000, "USD")]
    assert guns.type == aid.type == ClaimType.QUANTITY


def test_veto_and_abstention_are_separate_claims():
    body = (
        "A UN resolution condemning the invasion and calling for a withdrawal failed after "
        "Russia used its veto power at the Security Council, but notably China abstained, "
        "instead of throwing its full support behind the invasion."
    )
    veto, abstention = extract_claims(body)
    assert "veto power" in veto.text and "China" not in veto.text
    assert abstention.text.startswith("China abstained")
    assert veto.speaker is None and abstention.speaker is None


def test_seed_article_finds_the_worked_examples_and_skips_the_non_claims():
    claims = extract_claims(seed_body())
    texts = [claim.text for claim in claims]
    assert "18,000 guns had been given to residents to defend against Russia" in texts
    assert "the US has pledged to provide $600m in military assistance" in texts
    for non_claim in ("Listen", "Glory to Ukraine", "I am here"):
        assert not any(text.strip('."') == non_claim for text in texts)


def test_seed_file_with_header_caption_and_byline_gives_no_claim_from_them():
    raw = SEED.read_text(encoding="utf-8")
    claims = extract_claims(raw)
    first_body_line = raw.index("Ukraine's president has said")
    assert claims and all(claim.start >= first_body_line for claim in claims)


def test_it_said_points_back_to_the_ministry_named_before():
    claims = extract_claims(seed_body())
    encircle = claim_containing(claims, "encircle the city")
    assert encircle.speaker == "the UK's Ministry of Defence"
    assert encircle.type == ClaimType.QUOTE
    cities = claim_containing(claims, "still holds key cities")
    assert cities.speaker == "the UK's Ministry of Defence"


def test_reports_that_names_the_outlet_as_speaker():
    (claim,) = extract_claims("Reuters reports that gunfire was heard near the parliament.")
    assert claim.speaker == "Reuters"
    assert claim.text == "gunfire was heard near the parliament"


@pytest.mark.parametrize(
    ("body", "speaker", "text"),
    [
        (
            "Separate figures on hospital admissions in Scotland and Wales collected under the "
            "Health Act 2006 showed that older patients were more likely to be readmitted.",
            "Separate figures",
            "older patients were more likely to be readmitted",
        ),
        (
            "Figures published last week showed that 3,000 jobs were lost in the region.",
            "Figures published last week",
            "3,000 jobs were lost in the region",
        ),
        (
            "Official statistics show the number of burglaries has fallen by 12%.",
            "Official statistics",
            "the number of burglaries has fallen by 12%",
        ),
        (
            "Research has shown that exercise cuts the risk of dementia by 30%.",
            "Research",
            "exercise cuts the risk of dementia by 30%",
        ),
    ],
)
def test_figures_and_studies_speak_for_what_they_show(body, speaker, text):
    (claim,) = extract_claims(body)
    assert (claim.speaker, claim.text) == (speaker, text)


@pytest.mark.parametrize(
    "body",
    [
        # "show" takes an object here, not a claim: the sentence stays whole, the outlet's.
        "Figures show a rise of 5% in violent crime across the country.",
        # The data noun is the object: "they" speak, not the figures.
        "They said the figures were wrong by at least 20%.",
    ],
)
def test_a_data_noun_without_a_reported_claim_is_no_speaker(body):
    (claim,) = extract_claims(body)
    assert claim.speaker != "Figures" and "figures" not in (claim.speaker or "").lower()


def test_outlet_assertion_has_no_speaker():
    (claim,) = extract_claims("Explosions have been heard across the city on Friday.")
    assert claim.speaker is None


def test_trailing_attribution_is_cut_from_the_claim():
    body = "Some 37 countries could benefit from the scheme, the finance minister said."
    (claim,) = extract_claims(body)
    assert claim.text == "Some 37 countries could benefit from the scheme"
    assert claim.speaker == "the finance minister"


def test_inverted_attribution_with_appositive():
    body = (
        "The drug rewires the brain within an hour, said study author Jane Roe, "
        "a chemist at Leeds University."
    )
    (claim,) = extract_claims(body)
    assert (claim.speaker, claim.speaker_description) == ("Jane Roe", "study author")
    assert claim.text == "The drug rewires the brain within an hour"


def test_according_to_names_the_speaker_and_leaves_the_claim():
    (claim,) = extract_claims("Prices rose by 5% last year, according to the statistics office.")
    assert claim.speaker == "the statistics office"
    assert claim.text == "Prices rose by 5% last year"


def test_he_said_points_back_to_the_last_named_person():
    body = (
        "Finance minister Anna Berg said the budget would balance by 2027. "
        "The deficit fell to 3.1% last year, she said."
    )
    budget, deficit = extract_claims(body)
    assert budget.speaker == deficit.speaker == "Anna Berg"
    assert budget.speaker_description == "Finance minister"


def test_multi_paragraph_quote_belongs_to_its_speaker():
    body = (
        '"We have built 400 new homes this year," the mayor said.\n\n'
        '"Rents in the city have fallen by 4%. Waiting lists are down by a third.\n\n'
        '"Another 300 homes will be finished in spring."\n\n'
        "The council has 51 members."
    )
    claims = extract_claims(body)
    quoted = [claim for claim in claims if "members" not in claim.text]
    assert len(quoted) == 4
    assert {claim.speaker for claim in quoted} == {"the mayor"}
    assert claim_containing(claims, "51 members").speaker is None


def test_quote_speaker_named_after_the_closing_mark_covers_earlier_sentences():
    body = (
        "The strike went ahead on Monday.\n\n"
        '"Turnout was over 80%. Every depot in the region closed," the union leader Sam '
        "Hill said."
    )
    claims = extract_claims(body)
    assert claim_containing(claims, "80%").speaker == "Sam Hill"
    assert claim_containing(claims, "Every depot").speaker == "Sam Hill"


def test_and_said_gives_two_claims_from_one_speaker():
    body = (
        "The chancellor said growth reached 2% in March and said unemployment had fallen "
        "to a ten-year low."
    )
    growth, jobs = extract_claims(body)
    assert "unemployment" not in growth.text and jobs.text.startswith("unemployment")
    assert growth.speaker == jobs.speaker == "The chancellor"


def test_non_restrictive_relative_clause_is_its_own_claim_about_its_antecedent():
    body = "Talks will be held in Geneva, which hosted the 1954 conference, next month."
    claims = extract_claims(body)
    assert [claim.text for claim in claims] == [
        "Geneva hosted the 1954 conference",
        "Talks will be held in Geneva next month",
    ]


@pytest.mark.parametrize(
    "non_claim",
    [
        "By Will Taylor",
        "Picture: Alamy",
        "Photo: Reuters",
        "Listen.",
        "Glory to Ukraine.",
        "Is the government telling the truth about the deficit?",
        "Follow us on Twitter for the latest updates.",
        "I think we've seen a deterioration of values.",
        "We should all be proud of our nurses.",
        "If the talks fail, nobody knows what happens next.",
        "Thank you all very much.",
        "Originally published on The Example Times.",
        "[Read more: The history of the euro]",
    ],
)
def test_non_claims_give_no_claim(non_claim):
    assert extract_claims(non_claim) == []


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        (
            "Look, Governor Romney's called for $5 trillion of tax cuts.",
            "Governor Romney's called for $5 trillion of tax cuts",
        ),
        (
            "Now, keep in mind that our military spending has gone up every single year.",
            "our military spending has gone up every single year",
        ),
        (
            "But don't forget, you put $90 billion into solar and wind.",
            "you put $90 billion into solar and wind",
        ),
        (
            "Number two -- the cost of lowering rates is 20 percent.",
            "the cost of lowering rates is 20 percent",
        ),
    ],
)
def test_a_spoken_aside_before_the_point_is_no_command(sentence, claim):
    assert [found.text for found in extract_claims(sentence)] == [claim]


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        ("Second–quarter growth was 2.1% in Germany.", "Second–quarter growth was 2.1% in Germany"),
        (
            "First, second and third quarter GDP rose 3%.",
            "First, second and third quarter GDP rose 3%",
        ),
    ],
)
def test_words_that_open_an_aside_are_kept_when_they_are_the_claims_own(sentence, claim):
    assert [found.text for found in extract_claims(sentence)] == [claim]


@pytest.mark.parametrize("command", ["Look at the figures.", "Remember to vote on Thursday."])
def test_an_aside_word_used_as_a_command_is_still_one(command):
    assert extract_claims(command) == []


def test_caption_paragraph_with_picture_credit_is_skipped():
    body = "The president visits troops, he said. Picture: Alamy\n\nTroops entered the city."
    assert [claim.text for claim in extract_claims(body)] == ["Troops entered the city"]


def test_heading_lines_are_not_claims():
    body = "Making connections\n\nThe team scanned 15 volunteers."
    assert [claim.text for claim in extract_claims(body)] == ["The team scanned 15 volunteers"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Unemployment rose to 5.2% in May.", ClaimType.QUANTITY),
        ('"We are not leaving the capital," the president said.', ClaimType.QUOTE),
        ("The economy is expected to shrink next year.", ClaimType.PREDICTION),
        ("The minister resigned on Tuesday.", ClaimType.EVENT),
        ("Oxygen is essential for most life on Earth.", ClaimType.OTHER),
    ],
)
def test_claim_type(body, expected):
    (claim,) = extract_claims(body)
    assert claim.type == expected


def test_a_quotation_scores_on_its_own_words_a_reported_claim_as_its_sentence():
    (quoted,) = extract_claims('He added: "It is the richest countries hearing the poor."')
    (reported,) = extract_claims("Figures showed that ethnic minorities were more targeted.")
    assert quoted.type == ClaimType.QUOTE
    assert raw_score(quoted.text) < raw_score(quoted.sentence)
    assert quoted.score == pytest.approx(raw_score(quoted.text))
    assert reported.type != ClaimType.QUOTE
    assert reported.score == pytest.approx(
        max(raw_score(reported.text), raw_score(reported.sentence))
    )


def test_a_year_alone_does_not_make_a_quantity_claim():
    (claim,) = extract_claims("Russia seized Crimea in 2014.")
    assert [(f.value, f.unit) for f in claim.figures] == [(2014, "year")]
    assert claim.type == ClaimType.EVENT


def test_every_claim_has_a_score_and_reasons_from_the_scorer():
    for claim in extract_claims(seed_body()):
        assert 0.0 <= claim.score <= 1.0
        assert isinstance(claim.reasons, tuple)


def test_to_dict_is_json_ready():
    (claim,) = extract_claims("The bank earned $39.7 billion in net income last year.")
    data = claim.to_dict()
    assert data["type"] == "quantity"
    assert data["figures"][0]["value"] == 39_700_000_000


@pytest.mark.parametrize(
    ("body", "speaker", "text"),
    [
        (
            "The mayor said in a letter to residents that the tram would open in 2027.",
            "The mayor",
            "the tram would open in 2027",
        ),
        (
            "The airline told passengers on Friday that 40 flights were cancelled.",
            "The airline",
            "40 flights were cancelled",
        ),
        (
            "Ms Rivera, 41, from Toledo, Ohio, said the factory had closed in May.",
            "Ms Rivera",
            "the factory had closed in May",
        ),
        (
            "And Piotr Zielinski, the union's regional organiser, said 300 jobs were at risk.",
            "Piotr Zielinski",
            "300 jobs were at risk",
        ),
    ],
)
def test_a_setting_or_appositives_between_speaker_verb_and_claim_are_passed_over(
    body, speaker, text
):
    (claim,) = extract_claims(body)
    assert (claim.speaker, claim.text) == (speaker, text)


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ("The council denied the allegations on Thursday.", "The council"),
        ("Union leader Ann Cole accused the board of hiding losses.", "Ann Cole"),
        ('The new tax has been described as "unworkable" by the Law Society.', "the Law Society"),
        ("Last year the ministry was criticised by auditors over its spending.", "auditors"),
    ],
)
def test_whoever_accuses_denies_or_describes_speaks_for_the_claim(body, speaker):
    (claim,) = extract_claims(body)
    assert claim.speaker == speaker


@pytest.mark.parametrize(
    "body",
    [
        "He was denied bail by the court in Leeds.",
        "The man who denied the charge was jailed for six years.",
        "The decision was taken by the board in May.",
    ],
)
def test_a_passive_denial_or_an_agent_of_an_ordinary_act_is_no_speaker(body):
    (claim,) = extract_claims(body)
    assert claim.speaker is None


def test_an_epithet_by_age_is_the_person_last_named():
    body = (
        "Coach Marco Bellini was fined on Monday. The 58-year-old criticised the fine, "
        "saying it was unfair."
    )
    claims = extract_claims(body)
    assert claims[-1].speaker == "Marco Bellini"


def test_a_share_of_a_polled_group_speaks_as_the_group_and_keeps_its_figure():
    body = (
        "A poll of 2,000 drivers was published on Tuesday. Almost half - 48% - of the "
        "drivers questioned said they had been caught in a traffic jam this week. However, "
        "only 12% said that they would take the train instead."
    )
    first, second = (claim for claim in extract_claims(body) if "%" in claim.text)
    assert first.speaker == second.speaker == "the drivers questioned"
    # The share is the claim: "they would take the train" alone would say nothing.
    assert second.text == "only 12% said that they would take the train instead"


@pytest.mark.parametrize(
    "body",
    [
        "Only 30% said they trusted the council.",  # no group polled before: nobody named
        "A third of them said they would move abroad.",  # "them": unknown without a parser
    ],
)
def test_a_share_without_a_known_group_keeps_its_claim_and_names_no_speaker(body):
    (claim,) = extract_claims(body)
    assert claim.speaker is None
    assert claim.text.lower().startswith(body.lower().split(" said")[0])


def test_he_is_never_a_quantified_group_named_before():
    body = "Most Britons said the plan was fair. He said it would pass in May."
    (_, second) = extract_claims(body)
    assert second.speaker is None


@pytest.mark.parametrize(
    ("body", "speaker", "text"),
    [
        (
            "Unemployment in the region fell to 4.1% in March, official figures show.",
            "official figures",
            "Unemployment in the region fell to 4.1% in March",
        ),
        # Only data speak by showing: a chart on a page is no source.
        (
            "Prices rose by 3% in May, the chart shows.",
            None,
            "Prices rose by 3% in May, the chart shows",
        ),
    ],
)
def test_data_that_show_at_the_end_of_a_sentence_speak_for_it(body, speaker, text):
    (claim,) = extract_claims(body)
    assert (claim.speaker, claim.text) == (speaker, text)


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        (
            "Three leading economists predicted that inflation would fall to 2% by May.",
            "Three leading economists",
        ),
        ("The outgoing chairman said profits had doubled to £4m.", "The outgoing chairman"),
        # Any other participle ends the speaker: the shop does not speak.
        ("The man running the shop said it had lost £4m.", None),
    ],
)
def test_a_participle_naming_a_role_belongs_to_the_speaker(body, speaker):
    (claim,) = extract_claims(body)
    assert claim.speaker == speaker


@pytest.mark.parametrize(
    ("body", "speaker", "text"),
    [
        (
            "The United States of America took the initiative in southern Africa.",
            None,
            "The United States of America took the initiative in southern Africa",
        ),
        (
            "Consumer Reports found that 40% of the cars failed the test.",
            "Consumer Reports",
            "40% of the cars failed the test",
        ),
        # A headline capitalises every word: its verb still reports.
        ("Minister Says Taxes Will Rise Next Year", "Minister", "Taxes Will Rise Next Year"),
    ],
)
def test_a_capitalised_reporting_verb_inside_a_sentence_is_part_of_a_name(body, speaker, text):
    (claim,) = extract_claims(body)
    assert (claim.speaker, claim.text) == (speaker, text)


def test_he_never_stands_for_a_name_that_takes_the():
    body = (
        "The United States is leading the free world out of the recession.\n\n"
        "With all due respect to the governor, I think he ought to be ashamed of it."
    )
    texts = [claim.text for claim in extract_claims(body)]
    assert not any(text.startswith("The United States ought") for text in texts)


@pytest.mark.parametrize(
    "body",
    [
        "The United States must and will maintain complete access to the Panama Canal.",
        "The council can and will raise taxes by 4% next year.",
    ],
)
def test_two_auxiliaries_of_one_verb_are_not_two_claims(body):
    (claim,) = extract_claims(body)
    assert claim.text == body.rstrip(".")


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ("The minister merely said that taxes rose 5% last year.", "The minister"),
        ("Ross properly said that taxes rose 5% last year.", "Ross"),
        ("Ministers sometimes said that taxes rose 5% last year.", "Ministers"),
        # The same as "I said that ...": the first person is the turn's, no one named.
        ("I strongly believe that taxes rose 5% last year.", None),
        ("They only said that taxes rose 5% last year.", None),
        # A noun in -ly is the speaker's own word.
        ("A close ally said that taxes rose 5% last year.", "A close ally"),
        ("The family said that the boy had been missing for 5 days.", "The family"),
    ],
)
def test_an_adverb_before_the_reporting_verb_is_no_part_of_the_speaker(body, speaker):
    (claim,) = extract_claims(body)
    assert claim.speaker == speaker
    assert claim.text.split()[0] in ("taxes", "the")


def test_an_adverb_after_been_keeps_the_sentence_passive():
    # "I've been heavily criticized because ...": criticised, not criticising.
    (claim,) = extract_claims("I've been heavily criticized because I called for a 5% cut.")
    assert claim.speaker is None


def test_a_sentence_folded_into_the_claim_before_it_goes_on_in_lower_case():
    (claim,) = extract_claims(
        "Ten years ago the average family owned one phone. Now it is five or six."
    )
    assert claim.text == "Ten years ago the average family owned one phone; it is five or six"


def test_as_someone_said_names_the_speaker_without_the_verb_words():
    body = "Crime fell by 5% last year, as Governor Clinton properly said, in every state."
    speakers = {claim.speaker for claim in extract_claims(body)}
    assert "Governor Clinton properly" not in speakers


def test_an_it_holding_the_place_of_a_clause_is_never_the_speaker():
    body = (
        "But it is important for us as a policy not to say, as the Home Office has said, "
        "that we will ban 500 people."
    )
    texts = [claim.text for claim in extract_claims(body)]
    assert not any(text.startswith("the Home Office is important") for text in texts)
    assert not any(text.startswith("The Home Office is important") for text in texts)


@pytest.mark.parametrize(
    ("body", "speaker", "text"),
    [
        # A verb inside the phrase: no name, and the sentence is whole again.
        (
            "I put out a statement saying that taxes rose 5% last year.",
            None,
            "I put out a statement saying that taxes rose 5% last year",
        ),
        (
            "You just heard the president say that taxes rose 5% last year.",
            None,
            "You just heard the president say that taxes rose 5% last year",
        ),
        # "both", "all", "yourself" go with the pronoun: the first person names nobody.
        ("We all know that taxes rose 5% last year.", None, "taxes rose 5% last year"),
        # An acronym is no pronoun.
        ("IT staff said that 40% of the laptops were lost.", "IT staff", None),
    ],
)
def test_a_phrase_opening_with_a_pronoun_is_no_name(body, speaker, text):
    (claim,) = extract_claims(body)
    assert claim.speaker == speaker
    if text is not None:
        assert claim.text == text


def test_it_said_reaches_a_few_sentences_back_or_along_a_chain():
    named = "The UK Ministry of Defence said Russian forces had stalled. "
    last = " It said Ukraine still held 3 key cities."
    far = " ".join(f"Fighting went on in town number {n}." for n in range(6))
    chain = " ".join(f"It said fighting went on in town number {n}." for n in range(6))
    assert extract_claims(named + last)[-1].speaker == "The UK Ministry of Defence"
    assert extract_claims(named + chain + last)[-1].speaker == "The UK Ministry of Defence"
    # Six sentences on, "it" is as likely anything else the text spoke of.
    assert extract_claims(named + far + last)[-1].speaker is None


def test_let_me_say_is_the_first_person_speaking():
    (claim,) = extract_claims("Let me say that insurance companies cannot cap 5 payouts.")
    assert claim.speaker is None
    assert claim.text == "insurance companies cannot cap 5 payouts"


@pytest.mark.parametrize(
    ("body", "speaker", "text"),
    [
        # A time before the pronoun leaves it the speaker.
        ("Last week he said taxes would rise by 5%.", "Jeremy Hunt", "taxes would rise by 5%"),
        ("On Monday he said taxes would rise by 5%.", "Jeremy Hunt", "taxes would rise by 5%"),
        ("Two years ago he said taxes would rise by 5%.", "Jeremy Hunt", None),
        # Anything else before it is another clause: no speaker, the sentence whole.
        (
            "Two points I think are important: taxes rose by 5%.",
            None,
            "Two points I think are important: taxes rose by 5%",
        ),
        ("All I said was that taxes rose by 5%.", None, "All I said was that taxes rose by 5%"),
    ],
)
def test_a_pronoun_is_a_whole_subject(body, speaker, text):
    claim = extract_claims("Jeremy Hunt is the chancellor. " + body)[-1]
    assert claim.speaker == speaker
    if text is not None:
        assert claim.text == text


@pytest.mark.parametrize(
    "body",
    [
        "The Vice President will probably tell you that it's going to take 9,000 tax collectors.",
        "He can say now that he no longer backs the 5-mile line.",
        "Mr Perot would say that the plan cuts the deficit in 5 years.",
    ],
)
def test_what_someone_can_or_will_say_is_not_said(body):
    (claim,) = extract_claims(body)
    assert claim.speaker is None
    assert claim.text == body.rstrip(".")


def test_i_would_say_is_still_the_first_person_speaking():
    (claim,) = extract_claims("I would say that the deficit fell by 5% last year.")
    assert (claim.speaker, claim.text) == (None, "the deficit fell by 5% last year")


@pytest.mark.parametrize(
    "opening",
    ["Because I was a senator in 2004.", "Can I say one thing about 2004.", "What I've seen."],
)
def test_a_pronoun_opening_a_sentence_is_nobody_he_can_stand_for(opening):
    body = f"{opening} He invented the calculator in 1970."
    texts = [claim.text for claim in extract_claims(body)]
    assert any(text.startswith("He invented") for text in texts), texts


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_thats_is_no_speaker(apostrophe):
    (claim,) = extract_claims(f"That{apostrophe}s saying we're cutting the rates by 5%.")
    assert claim.speaker is None


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        # A name's "'s" is "has" or "is" before the verb: the name speaks.
        ("Governor Romney's said that taxes would rise by 5%.", "Romney"),
        ("According to one study, we could save 30% of the energy we use.", "one study"),
        # "you" is a pronoun like "he": a time before it is no part of a name.
        ("Four years ago you said that taxes would rise by 5%.", None),
    ],
)
def test_speaker_phrases_lose_what_is_no_part_of_the_name(body, speaker):
    (claim,) = extract_claims(body)
    assert claim.speaker == speaker


@pytest.mark.parametrize("nobody", ["you", "somebody", "him", "both", "the", "let me", "I've"])
@pytest.mark.parametrize(
    "form",
    [
        "According to {}, taxes rose 5% last year.",
        "Taxes rose 5% last year, according to {}.",
        "{} said that taxes rose 5% last year.",
        "Taxes rose 5% last year, {} said.",
        "As {} said, taxes rose 5% last year.",
        "Taxes rose 5% last year, said {}.",
        "{} will say that taxes rose 5% last year.",
        "65% of {} said taxes rose last year.",
    ],
)
def test_a_phrase_naming_no_one_gives_no_speaker_and_no_error(form, nobody):
    claims = extract_claims("Jeremy Hunt is the chancellor. " + form.format(nobody))
    assert all(claim.speaker != nobody for claim in claims)


@pytest.mark.parametrize(
    "body",
    [
        '"Jobs grew at a moderate pace," said Rick Egelton, deputy chief economist at BMO.',
        '"Demand is reviving," said Frank Weise, head of the Labour Agency, in a statement.',
    ],
)
def test_the_role_after_a_trailing_speakers_name_is_no_part_of_the_claim(body):
    (claim,) = extract_claims(body)
    assert claim.text in ("Jobs grew at a moderate pace", "Demand is reviving")
    assert claim.speaker in ("Rick Egelton", "Frank Weise")


@pytest.mark.parametrize(
    "body",
    [
        # what follows the comma goes on with the claim, not with a name
        "There's no doubt, I think, about that rise of 5%.",
        "Half of the tax cuts, as I said under the plan, go to the wealthiest 1%.",
    ],
)
def test_a_clause_ending_after_an_aside_keeps_its_ending(body):
    (claim,) = extract_claims(body)
    assert claim.text.endswith(("about that rise of 5%", "go to the wealthiest 1%"))


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ('"Sales rose 5% in May," chairman and chief executive Anna Berg said.', "Anna Berg"),
        ('"Sales rose 5% in May," spokesman Dr Tom Ashby said of the results.', "Tom Ashby"),
        ('"Sales rose 5% in May," he said of the results.', None),
        ('"Sales rose 5% in May," said a spokesman.', "a spokesman"),
        (
            "Sales rose 5% in May, said the company's chief executive.",
            "the company's chief executive",
        ),
    ],
)
def test_a_trailing_attribution_is_cut_from_the_claim(body, speaker):
    (claim,) = extract_claims(body)
    assert claim.text == "Sales rose 5% in May"
    assert claim.speaker == speaker


@pytest.mark.parametrize(
    "body",
    [
        # "said about" with no one named before it is a passive, not an attribution
        "I have heard this from many, because there have been a lot of very divisive, dark "
        "things said about Muslims.",
        # "said a lot" names no one
        "Sales rose by 5% in May, said a lot.",
    ],
)
def test_said_after_no_name_is_no_attribution(body):
    (claim,) = extract_claims(body)
    assert claim.speaker is None


def test_an_age_and_a_role_after_a_trailing_speakers_name_are_part_of_the_attribution():
    body = '"Jobs came back slowly," said Kevin Ross, 51, co-owner and chief executive of Ross Inc.'
    (claim,) = extract_claims(body)
    assert (claim.speaker, claim.text) == ("Kevin Ross", "Jobs came back slowly")


@pytest.mark.parametrize(
    ("body", "narrated"),
    [
        (
            '"It means more cost," said Gary Dunn, director at Codemasters, which develops '
            "games in house.",
            "Codemasters develops games in house",
        ),
        (
            '"It is a big step," said Mitul Mehta, a researcher at King\'s College London, who '
            "was not involved in the study.",
            "Mitul Mehta was not involved in the study",
        ),
    ],
)
def test_a_relative_clause_after_a_trailing_attribution_is_the_outlets_own_claim(body, narrated):
    claims = {claim.text: claim.speaker for claim in extract_claims(body)}
    assert claims[narrated] is None
    assert len(claims) == 2
    assert all("," not in text for text in claims)


@pytest.mark.parametrize(
    "body",
    [
        '"Nobody came for a year," recalls Abdul Manaf.',
        "Abdul Manaf recalled that nobody came for a year.",
        "Abdul Manaf complained that nobody came for a year.",
    ],
)
def test_recalling_and_complaining_report_speech(body):
    (claim,) = extract_claims(body)
    assert claim.speaker == "Abdul Manaf"
    assert claim.text.lower() == "nobody came for a year"


def test_complaining_about_something_reports_no_speech():
    (claim,) = extract_claims("Governor Carter complains about the deficits of 1975.")
    assert claim.speaker is None


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        (
            '"The Weins gave $3m," Demetric Mercadel, president of the board, said.',
            "Demetric Mercadel",
        ),
        (
            '"The Weins gave $3m," the firm\'s chief executive, Anna Berg, said on Monday.',
            "Anna Berg",
        ),
    ],
)
def test_a_closing_attribution_with_the_name_fenced_by_commas_names_the_speaker(body, speaker):
    (claim,) = extract_claims(body)
    assert (claim.speaker, claim.text) == (speaker, "The Weins gave $3m")


@pytest.mark.parametrize("time", ["Wednesday", "yesterday", "on Wednesday", "last week"])
def test_a_time_between_the_say_verb_and_that_is_no_part_of_the_claim(time):
    (claim,) = extract_claims(f"Ms Abney said {time} that she arrived two hours early.")
    assert (claim.speaker, claim.text) == ("Ms Abney", "Ms Abney arrived two hours early")


def test_a_share_that_is_acted_on_is_no_speaker():
    (claim,) = extract_claims("Most of the old façade was maintained in the renovation of 2008.")
    assert claim.speaker is None


def test_according_to_a_name_with_full_stops_names_all_of_it():
    (claim,) = extract_claims(
        "Gas fell 5% in May, according to the U.S. Energy Information Administration."
    )
    assert claim.speaker == "the U.S. Energy Information Administration"
    assert claim.text == "Gas fell 5% in May"


@pytest.mark.parametrize("speaker", ["van Sebille", "Smith"])
def test_what_a_trailing_speaker_goes_on_to_say_is_their_second_claim(speaker):
    body = f'"The sea is only 50 metres deep," said {speaker}, noting that sunlight travels 100 m.'
    claims = [(claim.speaker, claim.text) for claim in extract_claims(body)]
    assert claims == [
        (speaker, "The sea is only 50 metres deep"),
        (speaker, "sunlight travels 100 m"),
    ]


@pytest.mark.parametrize(
    "body",
    [
        "The storm struck 20 states on Wednesday.",
        "Its claims were rejected by 20 judges in May.",
        "Two reports found nothing in 2014.",
    ],
)
def test_a_reporting_word_after_a_number_or_determiner_is_a_noun(body):
    (claim,) = extract_claims(body)
    assert (claim.speaker, claim.text) == (None, body.rstrip("."))


def test_a_closing_attribution_names_a_speaker_with_a_particle_and_no_closing_comma():
    body = (
        '"The Java Sea is only 50 metres deep," Erik van Sebille, an oceanographer at the '
        "University of New South Wales told Reuters."
    )
    (claim,) = extract_claims(body)
    assert (claim.speaker, claim.text) == (
        "Erik van Sebille",
        "The Java Sea is only 50 metres deep",
    )


def test_blame_laid_on_someone_is_a_noun_not_an_accusation():
    body = "The mayor echoed the sentiment, but laid blame on President Obama for the 2014 riots."
    assert all(claim.speaker is None for claim in extract_claims(body))


@pytest.mark.parametrize(
    "body",
    [
        "Chancellor Gordon Brown has announced a freeze on fuel duty in his speech on Thursday.",
        "Angry Labour MPs this week warned Mr Blair about the dangers of disunity in 2005.",
        "Ministers are telling councils to find 500 more sites for travellers.",
    ],
)
def test_an_act_of_announcing_or_warning_with_no_words_reported_is_one_whole_claim(body):
    (claim,) = extract_claims(body)
    assert claim.text == body.rstrip(".")


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("Mr Brown told MPs child benefit would rise to £63 a week.", "child benefit would rise"),
        ("Mr Lawson told one of the parties that he owned 20 guns.", "Mr Lawson owned 20 guns"),
        ("Mr Brown announced that taxes would rise by 5%.", "taxes would rise by 5%"),
    ],
)
def test_words_told_or_announced_are_still_the_speakers_claim(body, text):
    (claim,) = extract_claims(body)
    assert claim.text.startswith(text)


def test_an_and_after_said_joins_two_names_when_no_clause_stands_before_it():
    body = "Matthew Taylor said the ambition of Mr Blair and Mr Brown was hurting the party."
    (claim,) = extract_claims(body)
    assert claim.text == "the ambition of Mr Blair and Mr Brown was hurting the party"


@pytest.mark.parametrize(
    "body",
    [
        'Mr Johnson was asked why. He replied: "The chief executive left in 2004."',
        '"The chief executive left in 2004," replied Mr Johnson.',
    ],
)
def test_a_reply_reports_speech(body):
    claim = extract_claims(body)[-1]
    assert (claim.speaker, claim.text) == ("Mr Johnson", "The chief executive left in 2004")


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ("Earlier this week Mr Brown said that 300 mosques had joined.", "Mr Brown"),
        ("Last year the council said that 300 mosques had joined.", "the council"),
        ("In a report, the committee said that 300 mosques had joined.", "the committee"),
    ],
)
def test_a_time_or_setting_before_the_speaker_is_no_part_of_the_name(body, speaker):
    (claim,) = extract_claims(body)
    assert (claim.speaker, claim.text) == (speaker, "300 mosques had joined")


@pytest.mark.parametrize(
    "body",
    [
        "If Mr Blair fulfils his promise to serve a full third term, he will pass 11 years.",
        "Labour broke its pledge to cut taxes by 5%.",
    ],
)
def test_a_promise_after_a_determiner_is_a_noun_and_names_no_speaker(body):
    (claim,) = extract_claims(body)
    assert claim.speaker is None


def test_a_speaker_after_and_and_a_day_is_named_and_speaks_on_into_the_quotation():
    body = (
        'And on Thursday Mr Blair is saying: "I want to talk about prosperity for all. '
        'By prosperity I mean the income of 20 million families."'
    )
    claims = extract_claims(body)
    assert claims[-1].speaker == "Mr Blair"
    assert claims[-1].text.startswith("By prosperity")


def test_claiming_a_thing_is_an_act_told_whole():
    (claim,) = extract_claims("Earlier this year Dr Zhang claimed his own reward of $3 million.")
    assert claim.text == "Earlier this year Dr Zhang claimed his own reward of $3 million"


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        (
            "In 2000 the lobby blocked 300 roads after Mr Brown threatened to raise fuel taxes.",
            None,
        ),
        (
            "Mr Mandela backed the plan when he urged the G7 to write off $50bn of debt.",
            "Mr Mandela",
        ),
    ],
)
def test_a_promise_or_threat_deep_in_a_sentence_names_its_subject_only(body, speaker):
    (claim,) = extract_claims(body)
    assert claim.speaker == speaker


def test_an_epithet_printed_without_hyphens_is_the_person_named_before():
    body = (
        "Darren Campbell won Olympic silver in Sydney in 2000. The 31 year old said a "
        "hamstring injury had stopped him in 2004."
    )
    assert extract_claims(body)[-1].speaker == "Darren Campbell"


def test_a_statement_speaks_after_the_quotation():
    (claim,) = extract_claims('"Collins took EPO in 2003," said a CAS statement.')
    assert (claim.speaker, claim.text) == ("a CAS statement", "Collins took EPO in 2003")


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ("Sales have tripled since May, said market analysts Chart Track.", "Chart Track"),
        ("Sales have tripled since May, said research firm Gartner.", "Gartner"),
    ],
)
def test_a_trailing_speaker_may_open_with_the_kind_of_body_it_is(body, speaker):
    (claim,) = extract_claims(body)
    assert claim.speaker.endswith(speaker)
    assert claim.text == "Sales have tripled since May"
