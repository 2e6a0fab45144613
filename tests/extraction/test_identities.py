"""One name per speaker within an article, and claims that say whom they are about."""

import pytest

from factcheck.extraction import extract_claims
from factcheck.extraction.identities import split_role


@pytest.mark.parametrize(
    ("phrase", "role_and_name"),
    [
        ("Ukraine's president Volodymyr Zelenskyy", ("Ukraine's president", "Volodymyr Zelenskyy")),
        ("Wales coach Owen Price", ("Wales coach", "Owen Price")),
        ("Mr Brown", ("", "Brown")),
        ("the finance minister", ("the finance minister", "")),
        ("the UK's Ministry of Defence", ("the UK's Ministry of Defence", "")),
        ("Separate figures", ("Separate figures", "")),
        # The capitals after "for"/"of" name what the person speaks for, not the person.
        (
            "A spokesman for the Department of Health",
            ("A spokesman for the Department of Health", ""),
        ),
        ("the head of Interpol", ("the head of Interpol", "")),
    ],
)
def test_a_speaker_phrase_is_cut_into_role_and_name(phrase, role_and_name):
    assert split_role(phrase) == role_and_name


def test_every_mention_of_a_speaker_resolves_to_the_fullest_name_with_the_role_kept():
    body = (
        "Ukraine's president has said the army will hold.\n\n"
        "Ukraine's president Volodymyr Zelenskyy said the capital was calm.\n\n"
        "Mr Zelenskyy said 20 towns had been retaken."
    )
    claims = extract_claims(body)
    assert {claim.speaker for claim in claims} == {"Volodymyr Zelenskyy"}
    assert {claim.speaker_description for claim in claims} == {"Ukraine's president"}


def test_a_surname_shared_by_two_people_is_never_merged():
    body = (
        "Chancellor Gordon Brown said taxes would fall. His wife Sarah Brown opened a school. "
        "Mr Brown said growth was 3%."
    )
    growth = extract_claims(body)[-1]
    assert growth.speaker == "Mr Brown"


def test_a_surname_alone_is_not_taken_for_a_person_the_article_never_calls_one():
    body = "Western Ukraine was quiet on Monday. Ukraine said 300 drones were shot down."
    assert extract_claims(body)[-1].speaker == "Ukraine"


def test_a_name_and_its_appositive_before_said_give_the_speaker_and_the_description():
    body = (
        "Maria Lopez, chair of the city council's planning committee, said no-one "
        "in the committee knew the site was flooded."
    )
    (claim,) = extract_claims(body)
    assert claim.speaker == "Maria Lopez"
    assert claim.speaker_description == "chair of the city council's planning committee"
    assert claim.text == "no-one in the committee knew the site was flooded"


@pytest.mark.parametrize(
    ("body", "speaker", "description", "text"),
    [
        (
            "The company's chief executive, Anna Berg, said profits would rise by 10%.",
            "Anna Berg",
            "The company's chief executive",
            "profits would rise by 10%",
        ),
        (
            "But the union's regional organiser, Piotr Zielinski, told the BBC that 300 jobs "
            "were at risk.",
            "Piotr Zielinski",
            "the union's regional organiser",
            "300 jobs were at risk",
        ),
        # A setting before the name is no role, and no name comes after it.
        ("In London, John Smith, said rents rose by 9%.", None, "", None),
    ],
)
def test_a_role_and_then_the_name_before_said_give_the_speaker_and_the_description(
    body, speaker, description, text
):
    (claim,) = extract_claims(body)
    assert (claim.speaker, claim.speaker_description) == (speaker, description)
    if text is not None:
        assert claim.text == text


@pytest.mark.parametrize(
    ("body", "text", "speaker"),
    [
        (
            "Ukraine's president Volodymyr Zelenskyy said he has not fled the capital.",
            "Volodymyr Zelenskyy has not fled the capital",
            "Volodymyr Zelenskyy",
        ),
        (
            "The IMF said it cannot support the plan for a new fund.",
            "The IMF cannot support the plan for a new fund",
            "The IMF",
        ),
        (
            "Muslim groups have claimed that their communities are being victimised.",
            "Muslim groups' communities are being victimised",
            "Muslim groups",
        ),
    ],
)
def test_a_pronoun_standing_for_the_speaker_is_replaced_by_the_speakers_name(body, text, speaker):
    (claim,) = extract_claims(body)
    assert (claim.text, claim.speaker) == (text, speaker)


def test_the_words_as_printed_are_kept_as_the_quote():
    body = "Ukraine's president Volodymyr Zelenskyy said he has not fled the capital."
    (claim,) = extract_claims(body)
    assert claim.quote == "he has not fled the capital"
    assert claim.quote in body[claim.start : claim.end]


def test_a_claim_completed_by_the_next_sentence_quotes_the_span_of_both():
    body = "Unemployment was 4% in May, the ministry said. Now it is 6%."
    (claim,) = extract_claims(body)
    assert claim.text == "Unemployment was 4% in May; it is 6%"
    assert claim.quote == body[claim.start : claim.end]
    assert claim.quote.endswith("Now it is 6%")


def test_a_he_in_the_outlets_narration_is_the_last_person_named():
    body = (
        "Wales coach Owen Price was fined on Tuesday.\n\nHe has 10 days to appeal against the fine."
    )
    assert extract_claims(body)[-1].text == "Owen Price has 10 days to appeal against the fine"


@pytest.mark.parametrize(
    ("body", "text"),
    [
        (
            "Union leader Tom Ashby accused Ms Carol Wade of ignoring nurses. "
            '"She is failing our hospitals," he said.',
            "Carol Wade is failing our hospitals",
        ),
        # the quotation's own earlier sentence names him
        (
            '"Mr Peter Okafor was lawfully arrested in May. He was held to stop him '
            'leaving the country," the ministry said.',
            "Peter Okafor was held to stop him leaving the country",
        ),
    ],
)
def test_a_he_or_she_inside_a_quotation_is_the_one_person_in_sight_besides_the_speaker(body, text):
    assert extract_claims(body)[-1].text == text


@pytest.mark.parametrize(
    "body",
    [
        # no one in sight but the speaker, who is not "he" in their own words
        'Arsenal boss Arsene Wenger said: "He should have been banned for six matches."',
        # two other men in sight
        "Arsene Wenger said Luis Aragones had insulted Thierry Henry. "
        '"He was treated badly in the end," Wenger said.',
        # an unnamed man beside a named one
        'Ms Carol Wade said the driver had hit Peter Okafor. "He was going too fast," she said.',
        # the one person in sight is a woman
        'Union leader Tom Ashby accused Ms Carol Wade of ignoring nurses. "He is failing our '
        'hospitals," he said.',
        # the sentence just before names someone the engine cannot see: the look stops there
        'Ms Carol Wade said Mr Okafor was wrong. "I told Tom Ashby. He refused to listen," '
        "she said.",
    ],
)
def test_a_pronoun_inside_a_quotation_with_no_one_person_in_sight_is_left_as_printed(body):
    assert extract_claims(body)[-1].text.startswith("He ")


@pytest.mark.parametrize(
    ("body", "text"),
    [
        (
            "Gazprom, Russia's largest company, is a state-controlled firm. It supplies a "
            "third of Europe's gas.",
            "Gazprom supplies a third of Europe's gas",
        ),
        (
            "Gazprom has 400,000 employees. Its shares rose 4% on Monday.",
            "Gazprom's shares rose 4% on Monday",
        ),
        (
            "The IMF is the lender of last resort. It can lend up to $1tn in a crisis.",
            "The IMF can lend up to $1tn in a crisis",
        ),
        (
            "But Gazprom is Russia's largest company. It supplies a third of Europe's gas.",
            "Gazprom supplies a third of Europe's gas",
        ),
    ],
)
def test_an_it_opening_the_narration_is_the_named_thing_the_sentence_before_describes(body, text):
    assert extract_claims(body)[-1].text == text


@pytest.mark.parametrize(
    "body",
    [
        # after an act, "it" is as often the act, told with "has" or "is" as well
        "The IMF cut its forecast for Britain to 1%. It will hurt exporters this year.",
        "The IMF has cut its forecast for Britain to 1%. It will hurt exporters this year.",
        "Labour is expected to raise taxes on bankers. It would raise £2bn a year for schools.",
        "Tesla is building a new factory near Berlin. It will open next year with 12,000 jobs.",
        "The Bank of England has a target of 2% inflation. It would mean higher mortgage costs.",
        # "It is ...", "It will not be ...", "It turns out": a fact, or nothing, as often
        "Gazprom is Russia's largest company. It is hard to say how much gas it holds.",
        "Gazprom is Russia's largest company. It will not be sold this year.",
        "Gazprom is Russia's largest company. It turns out that its reserves were overstated.",
        # a new paragraph is a new topic
        "Gazprom is Russia's largest company.\n\nIt supplies a third of Europe's gas.",
        # the sentence before is someone's words, not the outlet's description
        '"We are proud. Gazprom is a great company," he said. It supplies a third of Europe\'s '
        "gas.",
        # a person is no "it"; "That" is no name
        "Mr Ivan Petrov is a banker in Zurich. It employs 40 people in the city.",
        "That is a serious problem. It makes the border harder to police.",
        # what a body does needs the body as the subject before: "Last month" is none
        "Last month, it signed a deal with Nissan. It has been making cars for Nissan since 2003.",
        "Mr Ivan Petrov runs a bank in Zurich. It employs 40 people in the city.",
    ],
)
def test_an_it_opening_the_narration_without_a_thing_described_before_is_left(body):
    assert extract_claims(body)[-1].text.startswith("It ")


@pytest.mark.parametrize(
    ("body", "text"),
    [
        (
            "Umbro said it had signed a deal with Rangers. It hopes sales will rise 5% in 2005.",
            "Umbro hopes sales will rise 5% in 2005",
        ),
        (
            "TimeWarner is to restate its accounts. It has already offered to pay $300m.",
            "TimeWarner has already offered to pay $300m",
        ),
        (
            # two capitalised words that take "its" are a company, not a person
            "Mitsubishi Motors cut its sales forecast. Its sales have slid 41% in a year.",
            "Mitsubishi Motors' sales have slid 41% in a year",
        ),
        (
            # and along a chain of "it"s
            "Umbro signed a deal with Rangers. It hopes sales will rise. It employs 300 staff in "
            "its plant in Leeds.",
            "Umbro employs 300 staff in its plant in Leeds",
        ),
    ],
)
def test_an_it_that_acts_as_a_body_does_is_the_body_named_as_the_subject_before(body, text):
    assert extract_claims(body)[-1].text == text


def test_an_it_inside_a_quotation_is_left_as_printed():
    body = 'The IMF criticised the UK fund. "It will not work for poor countries," Mr Brown said.'
    assert extract_claims(body)[-1].text.startswith("It will not")


def test_a_pronoun_that_does_not_fit_the_speaker_is_left_as_printed():
    # "they" is not one man: it stands for someone the sentence does not name.
    body = "But Chancellor Gordon Brown said they would insist on government reforms."
    (claim,) = extract_claims(body)
    assert claim.text.startswith("they would insist")


def test_a_short_reference_in_the_claim_gets_the_fullest_name():
    body = (
        "Health minister Sarah Mensah said 40 hospitals could benefit. "
        "But the Treasury says it cannot fund Ms Mensah's National Repair Fund."
    )
    assert extract_claims(body)[-1].text == (
        "the Treasury cannot fund Sarah Mensah's National Repair Fund"
    )


@pytest.mark.parametrize(
    ("body", "text"),
    [
        (
            "The minister Anna Kowalski said the plan was safe. In March, a Polish engineer, "
            "Tomasz Nowak, was injured at the plant. He was released from hospital in May.",
            "Tomasz Nowak was released from hospital in May",
        ),
        (
            "Officials in Lyon confirmed the closure. Jean Martin, a farmer, lost 40 cows in "
            "the flood. He has since sold the farm.",
            "Jean Martin has since sold the farm",
        ),
        (
            "Jean Martin, who is a farmer, was fined on Monday. He has 10 days to appeal "
            "against the fine.",
            "Jean Martin has 10 days to appeal against the fine",
        ),
        (
            "Mrs Okafor said the school would reopen. The head teacher, Peter Hollis, "
            "resigned on Friday. He had run the school for 12 years.",
            "Peter Hollis had run the school for 12 years",
        ),
        # a person named in a possessive is named without it
        (
            "President Barack Obama said the deal was fair. Critics attacked Obama's record on "
            "Georgia. He doesn't understand that Russia invaded Georgia in 2008.",
            "Barack Obama doesn't understand that Russia invaded Georgia in 2008",
        ),
        (
            "Critics attacked the minister Alan Price's record on Georgia. He doesn't "
            "understand that Russia invaded Georgia in 2008.",
            "Alan Price doesn't understand that Russia invaded Georgia in 2008",
        ),
    ],
)
def test_a_he_in_narration_is_the_one_person_of_the_nearest_sentence_naming_anyone(body, text):
    assert extract_claims(body)[-1].text == text


@pytest.mark.parametrize(
    "body",
    [
        # two people in the sentence before: either could be "he"
        "Mr Grant met the banker Alan Price in Zurich in 2003. He was later charged with fraud.",
        # an unnamed man beside a named one
        "Inspector Tom Reid said a man was seen near the bank. He was arrested on Sunday.",
        # a "he" after a sentence that names only a woman
        "Mrs Laila Haddad was elected in May. He was the first to congratulate the new mayor.",
        # "who accused striker Ruud Gullit" is a clause about Wenger: the striker is
        # another man in sight, not Wenger's description
        "Arsenal boss Arsene Wenger, who accused striker Ruud Gullit of cheating, was fined "
        "in May. He has 10 days to appeal against the fine.",
    ],
)
def test_a_he_with_more_than_one_plausible_person_in_sight_is_left_as_printed(body):
    assert extract_claims(body)[-1].text.startswith("He ")


def test_a_he_in_a_later_clause_is_the_person_of_the_earlier_clause():
    body = (
        "Chancellor Ruth Ames spoke in Leeds. Mr Harold Finch was arrested in May, and he "
        "was charged with fraud in June."
    )
    assert extract_claims(body)[-1].text == "Harold Finch was charged with fraud in June"


def test_a_he_is_never_named_as_a_wife_or_a_mother():
    body = "Hal Finney died in August, and his wife Fran says he spent his last months at home."
    claims = extract_claims(body)
    assert [claim.text for claim in claims if claim.speaker] == ["he spent his last months at home"]


def test_an_unnamed_wrongdoer_in_sight_leaves_a_he_unnamed():
    body = (
        "Hal Finney died in August, and his wife Fran says he was harassed by the online "
        "extortionist. He called the family's home number nine times in two months."
    )
    assert extract_claims(body)[-1].text.startswith("He called")
