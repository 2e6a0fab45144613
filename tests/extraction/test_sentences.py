import pytest

from factcheck.extraction.sentences import split_sentences


def sentences(body: str) -> list[str]:
    return [body[s.start : s.end] for s in split_sentences(body)]


@pytest.mark.parametrize(
    "body",
    [
        "Mr Brown met Dr Patel and Mrs Jones at St Paul's on Friday.",
        "The U.S. economy grew and the U.K. economy shrank.",
        "He lives at No. 10 Downing Street with his family.",
        "Some costs, e.g. fuel, rose; others, i.e. food, fell.",
        "Inflation was 3.5 per cent and 18,000 jobs went.",
        "J.P. Morgan paid $1.1 billion in fines.",
        "The study was published (Oct. 28) in a journal.",
    ],
)
def test_abbreviations_numbers_and_initials_do_not_end_a_sentence(body):
    assert sentences(body) == [body]


def test_sentences_end_at_full_stops_question_and_exclamation_marks():
    body = "Prices rose. Did wages follow? No! They fell."
    assert sentences(body) == ["Prices rose.", "Did wages follow?", "No!", "They fell."]


def test_closing_quotes_stay_with_their_sentence():
    body = "“We will win,” she said. “The truth is on our side.” He agreed."
    assert sentences(body) == [
        "“We will win,” she said.",
        "“The truth is on our side.”",
        "He agreed.",
    ]


def test_a_quote_spanning_sentences_is_split_into_its_sentences():
    body = '"Listen. I am here. We will not give up," he said.'
    assert sentences(body) == ['"Listen.', "I am here.", 'We will not give up," he said.']


def test_ellipsis_is_a_pause_unless_a_new_sentence_follows():
    assert len(sentences("The fight is here… I need ammunition.")) == 1
    assert len(sentences("He waited... nothing came.")) == 1
    assert sentences("He paused… Then he left.") == ["He paused…", "Then he left."]


def test_paragraph_without_final_punctuation_ends_at_the_line_break():
    body = "Magic mushrooms\n\nThe drug binds to a receptor\nPrices rose"
    assert sentences(body) == ["Magic mushrooms", "The drug binds to a receptor", "Prices rose"]


def test_hard_wrapped_line_continues_the_sentence():
    body = "The minister said the plan\nwould cost £1.2bn over ten years."
    assert len(sentences(body)) == 1


def test_a_dotted_acronym_ends_a_sentence_before_a_common_opener():
    body = "The aid came from the U.S. The talks failed."
    assert sentences(body) == ["The aid came from the U.S.", "The talks failed."]


@pytest.mark.parametrize(
    ("body", "first"),
    [
        ("TRENTON — Gov. Chris Christie gave a speech on Tuesday.", "Gov. Chris Christie"),
        ("VATICAN CITY—Six years ago Pope Benedict began an inquiry.", "Six years ago"),
        ("JAKARTA (Reuters) - Countries stepped up the search on Tuesday.", "Countries"),
        ("(CNN) -- The storm hit 20 states on Wednesday.", "The storm"),
        ("WASHINGTON, D.C. — NASA will receive $18 billion.", "NASA"),
    ],
)
def test_a_dateline_is_no_part_of_the_first_sentence(body, first):
    (sentence,) = split_sentences(body)
    assert body[sentence.start : sentence.end].startswith(first)


@pytest.mark.parametrize(
    "body",
    [
        "UK inflation rose to 3% in May.",
        "NATO - the alliance - met in May.",
        "I — for one — agree.",
    ],
)
def test_a_sentence_opening_with_capitals_and_a_dash_but_no_dateline_is_whole(body):
    (sentence,) = split_sentences(body)
    assert sentence.start == 0
