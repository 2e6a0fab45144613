import pytest

from factcheck.extraction import extract_claims


def texts(body: str) -> list[str]:
    return [claim.text for claim in extract_claims(body)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "The bridge was closed on Monday; traffic was diverted through the centre.",
            ["The bridge was closed on Monday", "traffic was diverted through the centre"],
        ),
        (
            "Exports fell by 4% in May, while imports rose by 2%.",
            ["Exports fell by 4% in May", "imports rose by 2%"],
        ),
        (
            "The mayor won 60% of the vote, but turnout fell to a record low.",
            ["The mayor won 60% of the vote", "turnout fell to a record low"],
        ),
        (
            "Ticket sales rose by 8% last year, though attendance fell for a second season.",
            ["Ticket sales rose by 8% last year", "attendance fell for a second season"],
        ),
        (
            "Russia used its veto and China abstained in the vote.",
            ["Russia used its veto", "China abstained in the vote"],
        ),
    ],
)
def test_compound_sentences_split_into_standalone_claims(body, expected):
    assert texts(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "Sanctions were imposed by the UK, US and EU on Friday.",
        "Talks centred on how the US, Europe and Japan can boost growth.",
        "Russia seized Crimea and fomented civil war in the east.",
        "The board said while profits were up, costs had risen too.",
        "Many people report spiritual experiences while taking the drug.",
    ],
)
def test_lists_shared_subjects_and_reported_while_are_not_split(body):
    assert len(texts(body)) == 1


def test_cut_inside_a_quotation_the_claim_does_not_start_in_is_ignored():
    body = 'The minister warned that "prices will rise, and wages will fall" next year.'
    assert len(texts(body)) == 1


def test_cut_inside_brackets_is_ignored():
    body = "The agency (which was founded in 1990, and funded by Congress) closed in 2020."
    assert len(texts(body)) == 1


def test_participle_reporting_clause_keeps_the_speaker():
    body = (
        "But Mr Zelenskyy remains defiant, insisting the military will not give up in a "
        "message on Saturday morning."
    )
    defiant, insisting = extract_claims(body)
    assert defiant.speaker is None
    assert insisting.text == "the military will not give up in a message on Saturday morning"
    assert insisting.speaker == "Mr Zelenskyy"


def test_split_claims_keep_offsets_of_their_own_clause():
    body = "Exports fell by 4% in May, while imports rose by 2%."
    first, second = extract_claims(body)
    assert body[first.start : first.end] == "Exports fell by 4% in May"
    assert body[second.start : second.end] == "imports rose by 2%"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Arrests of young drivers were 18.2% of the total, even though they make up "
            "6.1% of licence holders.",
            [
                "Arrests of young drivers were 18.2% of the total",
                "they make up 6.1% of licence holders",
            ],
        ),
        (
            "The country has a poor fixed line network, and there's a real desire for phones.",
            ["The country has a poor fixed line network", "there's a real desire for phones"],
        ),
    ],
)
def test_a_concession_or_a_new_there_is_clause_is_its_own_claim(body, expected):
    assert texts(body) == expected


def test_as_a_source_reported_that_gives_a_second_claim_with_the_source_as_speaker():
    body = (
        "Old handsets have boosted take-up of mobiles as the report revealed that a third "
        "of users had one."
    )
    take_up, third = extract_claims(body)
    assert take_up.text == "Old handsets have boosted take-up of mobiles"
    assert (third.text, third.speaker) == ("a third of users had one", "the report")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            '"It has a really poor rail network," said Ms Adeyemi, "and there is a real '
            'need for people to get cheap buses."',
            [
                "It has a really poor rail network",
                "there is a real need for people to get cheap buses",
            ],
        ),
        (
            '"The economy grew by 3% last year," the minister said, "but unemployment rose to 8%."',
            ["The economy grew by 3% last year", "unemployment rose to 8%"],
        ),
    ],
)
def test_a_quotation_resuming_with_a_clause_after_its_attribution_is_a_second_claim(body, expected):
    claims = extract_claims(body)
    assert [claim.text for claim in claims] == expected
    assert {claim.speaker for claim in claims} == {claims[0].speaker} != {None}


def test_a_quotation_resuming_without_a_clause_of_its_own_is_not_cut():
    body = '"Exports rose by 40% in 2004," the minister said, "and by more in the spring."'
    assert len(texts(body)) == 1


def test_after_figures_showed_gives_a_second_claim_with_the_figures_as_speaker():
    body = "Shares fell 5% on Monday after official figures showed inflation had risen to 4%."
    shares, inflation = extract_claims(body)
    assert shares.text == "Shares fell 5% on Monday"
    assert (inflation.text, inflation.speaker) == ("inflation had risen to 4%", "official figures")


@pytest.mark.parametrize(
    "body",
    [
        "Prices rose as the government said they would.",
        "Shares fell after the bank said it would cut 300 jobs.",
        "Separate figures on searches in England and Wales showed a rise.",
        "Shares fell sharply after figures showed a rise in unemployment.",
    ],
)
def test_as_or_after_without_a_reported_that_clause_is_not_cut(body):
    assert len(texts(body)) == 1


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Residents of the block will be rehoused and fully compensated by the council.",
            [
                "Residents of the block will be rehoused",
                "Residents of the block will be fully compensated by the council",
            ],
        ),
        (
            "The vaccine has been trialled and licensed in 14 countries.",
            ["The vaccine has been trialled", "The vaccine has been licensed in 14 countries"],
        ),
        (
            "The club had sold its ground, and was playing at a rugby stadium by 2010.",
            ["The club had sold its ground", "The club was playing at a rugby stadium by 2010"],
        ),
        (
            "The committee met on Monday, and rejected the proposal by nine votes to two.",
            [
                "The committee met on Monday",
                "The committee rejected the proposal by nine votes to two",
            ],
        ),
        (
            "The regulator then fined the bank £2m, and ordered it to repay customers.",
            [
                "The regulator then fined the bank £2m",
                "The regulator ordered it to repay customers",
            ],
        ),
    ],
)
def test_a_second_predicate_after_and_gets_the_subject_and_auxiliaries_it_shares(body, expected):
    assert texts(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        # an infinitive's participles share no finite auxiliary with a subject
        "Drivers are more likely to be stopped and searched at the border.",
        # a list whose last item starts with a participle
        "Prices of bread, milk, and processed foods rose in June.",
        # a predicate inside a relative clause belongs to the relative's subject
        "Those who arrived late and were tested had the virus.",
        # no comma and no shared auxiliary: one subject doing two things, one claim
        "The army crossed the river and captured the town.",
    ],
)
def test_and_before_a_participle_that_opens_no_second_predicate_is_not_cut(body):
    assert len(texts(body)) == 1


def test_a_second_predicate_in_reported_speech_keeps_the_speaker_and_names_him():
    body = (
        "Mr Okoro said he could not fly home because he had lost his passport, and was "
        "staying with friends in Lagos."
    )
    first, second = extract_claims(body)
    assert second.text == "Mr Okoro was staying with friends in Lagos"
    assert first.speaker == second.speaker == "Mr Okoro"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "The climber, having spent two nights on the ridge, was airlifted to Inverness.",
            [
                "The climber was airlifted to Inverness",
                "The climber, having spent two nights on the ridge",
            ],
        ),
        (
            "The ferry docked in Dover at noon, having left Calais four hours late.",
            ["The ferry docked in Dover at noon", "The ferry, having left Calais four hours late"],
        ),
        (
            "Ms Osei was elected in 2010, having stood twice before as an independent.",
            ["Ms Osei was elected in 2010", "Ms Osei, having stood twice before as an independent"],
        ),
    ],
)
def test_a_having_clause_is_an_earlier_event_of_the_same_subject(body, expected):
    assert texts(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "The airline carried 9 million passengers last year, with more than 40% flying "
            "on business.",
            [
                "The airline carried 9 million passengers last year",
                "more than 40% flying on business",
            ],
        ),
        (
            "Floods have forced 2,000 people from their homes, with 300 still in shelters.",
            ["Floods have forced 2,000 people from their homes", "300 still in shelters"],
        ),
    ],
)
def test_with_a_second_figure_after_a_comma_is_its_own_claim(body, expected):
    assert texts(body) == expected


def test_the_second_figure_keeps_the_speaker_of_its_clause():
    body = "Exports rose 6% in June, with car sales up by a third, the statistics office said."
    exports, cars = extract_claims(body)
    assert cars.text == "car sales up by a third"
    assert exports.speaker == cars.speaker == "the statistics office"


@pytest.mark.parametrize(
    "body",
    [
        "The team won the league, with the help of a new coach.",
        "Talks ended on Friday, with the deal due to close in 2026.",
        "Having lost the vote, the minister resigned on Tuesday.",
        # after a leading "As ..." clause the subject of the main clause is not plain
        "As the storm closed in, rescuers reached the boat, having searched for six hours.",
    ],
)
def test_with_no_figure_or_a_leading_participle_is_not_cut(body):
    assert len(texts(body)) == 1


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "The minister praised a local charity, whom inspectors rated as outstanding in 2019.",
            [
                "inspectors rated a local charity as outstanding in 2019",
                "The minister praised a local charity",
            ],
        ),
        (
            "The tax, which the council introduced in 2012, raises £40m a year.",
            ["the council introduced the tax in 2012", "The tax raises £40m a year"],
        ),
        (
            "Ms Adeyemi, whose brother plays for Nigeria, scored twice on Sunday.",
            ["Ms Adeyemi's brother plays for Nigeria", "Ms Adeyemi scored twice on Sunday"],
        ),
    ],
)
def test_an_object_or_possessive_relative_clause_puts_its_antecedent_back(body, expected):
    assert texts(body) == expected


def test_a_relative_clause_with_a_reporting_verb_has_its_own_speaker():
    body = "Mr Varga, who insists he paid every bill, was charged with fraud in March."
    paid, charged = extract_claims(body)
    assert (paid.text, paid.speaker) == ("Mr Varga paid every bill", "Mr Varga")
    assert charged.text == "Mr Varga was charged with fraud in March"
    body = "The bridge, which engineers say is unsafe, was closed in 2020."
    unsafe, closed = extract_claims(body)
    assert (unsafe.text, unsafe.speaker) == ("the bridge is unsafe", "engineers")
    assert closed.text == "The bridge was closed in 2020"


def test_whom_someone_described_as_is_that_someones_characterisation():
    body = "Police arrested a driver, whom witnesses described as reckless, on the M6."
    described = extract_claims(body)[0]
    assert (described.text, described.speaker) == (
        "witnesses described a driver as reckless",
        "witnesses",
    )


def test_an_object_relative_whose_gap_cannot_be_told_is_not_cut():
    body = "The plant, which the firm plans to sell, employs 400 people."
    assert len(texts(body)) == 1


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "The inquiry found the pilot was tired and concluded the crash could have been "
            "avoided.",
            [
                "The inquiry found the pilot was tired",
                "The inquiry concluded the crash could have been avoided",
            ],
        ),
        (
            "Ms Lund said the doctor examined her and suggested the injury was caused by a fall.",
            [
                "the doctor examined her",
                "the doctor suggested the injury was caused by a fall",
            ],
        ),
    ],
)
def test_and_before_a_reporting_verb_with_its_own_clause_is_a_second_report_of_the_subject(
    body, expected
):
    claims = extract_claims(body)
    assert [claim.text for claim in claims] == expected
    assert len({claim.speaker for claim in claims}) == 1


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "The museum drew 2.4 million visitors in 2019, the highest figure in its history.",
            [
                "The museum drew 2.4 million visitors in 2019",
                "2.4 million visitors was the highest figure in its history",
            ],
        ),
        (
            "Inflation has fallen to 1.8%, its lowest level since 2016.",
            ["Inflation has fallen to 1.8%", "1.8% is its lowest level since 2016"],
        ),
        (
            "The club paid £12m for the striker, the biggest fee in its history.",
            ["The club paid £12m for the striker", "£12m was the biggest fee in its history"],
        ),
    ],
)
def test_a_closing_noun_phrase_that_ranks_the_figure_is_a_claim_about_that_figure(body, expected):
    assert texts(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        # which thing "the strongest on record" ranks, the storm or the coast, is a guess
        "The storm hit the coast in March, the strongest on record.",
        # an appositive naming, not ranking
        "He joined Leeds in 2004, the club's first signing from abroad.",
        # no figure to rank
        "She won the race, the best result of her career.",
    ],
)
def test_a_closing_noun_phrase_with_no_figure_it_surely_ranks_is_not_cut(body):
    assert len(texts(body)) == 1


@pytest.mark.parametrize(
    "body",
    [
        "New targets for courts in England and Wales have been announced by the minister.",
        "A Department for Work and Pensions spokeswoman confirmed that 400 staff would go.",
        "The plan was criticised by both Tory and Lib Dem leaders during questions in May.",
        "The deal struck between Boeing and Airbus cost $6.8 billion in 2004.",
    ],
)
def test_an_and_between_two_names_joins_the_names_not_two_clauses(body):
    assert len(texts(body)) == 1


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "China is dumping steel in the United States and Donald Trump is buying it.",
            ["China is dumping steel in the United States", "Donald Trump is buying it"],
        ),
        (
            "Prices rose 5% in London and Mr Brown has called for a review.",
            ["Prices rose 5% in London", "Mr Brown has called for a review"],
        ),
    ],
)
def test_a_name_with_a_verb_of_its_own_after_and_opens_a_clause(body, expected):
    assert texts(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "Officials said the sea was only 50 metres deep, which would help the search.",
        "Every study shows Medicare costs less to run, which is why 60% of seniors like it.",
    ],
)
def test_a_which_clause_with_nothing_to_be_about_stays_in_its_sentence(body):
    assert all(not text.startswith(("would", "is why")) for text in texts(body))
    assert any(text.endswith(("help the search", "seniors like it")) for text in texts(body))
