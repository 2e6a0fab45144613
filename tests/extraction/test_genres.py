import pytest

from factcheck.extraction import extract_claims
from factcheck.extraction.genres import (
    QUESTIONER,
    press_release_issuer,
    speaker_from_label,
    transcript_turns,
)

INTERVIEW = """Interview with the finance minister

Q: How much did unemployment fall last year?
SMITH: Unemployment fell by 2 percent last year, and we created 300,000 jobs.
Our deficit is down to 3 percent of GDP.
Q: Your critics say that is not enough.
MS. JONES: The IMF said the deficit fell to 3 percent in 2023.
"""

DEBATE_TSV = (
    "1\tMODERATOR\tGood evening and welcome to the debate.\t0\n"
    "2\tGOV. ROMNEY\tWe lost 600,000 manufacturing jobs in four years.\t1\n"
    "3\tSYSTEM\t(APPLAUSE)\t0\n"
    "4\tMcCAIN\tThe budget deficit tripled to 1.4 trillion dollars.\t1\n"
)


def claims_by_speaker(body: str) -> dict[str, str | None]:
    return {claim.text: claim.speaker for claim in extract_claims(body)}


def test_each_turn_of_a_labelled_transcript_is_said_by_its_speaker():
    claims = claims_by_speaker(INTERVIEW)
    assert claims["Unemployment fell by 2 percent last year"] == "Smith"
    assert claims["we created 300,000 jobs"] == "Smith"
    # A line without a label carries on the turn before it.
    assert claims["Our deficit is down to 3 percent of GDP"] == "Smith"


def test_a_turn_reporting_someone_else_keeps_that_speaker():
    claims = claims_by_speaker(INTERVIEW)
    assert claims["the deficit fell to 3 percent in 2023"] == "The IMF"


def test_transcript_claims_keep_their_offsets_in_the_whole_text():
    for claim in extract_claims(INTERVIEW):
        assert claim.quote
        assert claim.quote in INTERVIEW[claim.start : claim.end]
        assert claim.quote in claim.sentence


def test_the_checkthat_line_format_gives_each_line_its_speaker_and_skips_stage_directions():
    claims = extract_claims(DEBATE_TSV)
    by_text = {claim.text: claim.speaker for claim in claims}
    assert by_text["We lost 600,000 manufacturing jobs in four years"] == "Gov. Romney"
    assert by_text["The budget deficit tripled to 1.4 trillion dollars"] == "McCain"
    assert not any("APPLAUSE" in claim.quote for claim in claims)
    for claim in claims:
        assert claim.quote in DEBATE_TSV[claim.start : claim.end]
        assert "\t" not in DEBATE_TSV[claim.start : claim.end]


def test_the_reasons_name_the_speaker_the_transcript_gives():
    [claim] = [c for c in extract_claims(DEBATE_TSV) if "deficit" in c.text]
    assert "attributed to McCain" in claim.reasons


@pytest.mark.parametrize(
    ("label", "speaker"),
    [
        ("TRUMP", "Trump"),
        ("BOB SCHIEFFER", "Bob Schieffer"),
        ("MS. SMITH", "Ms. Smith"),
        ("SEN. BERNIE SANDERS", "Sen. Bernie Sanders"),
        ("O'MALLEY", "O'Malley"),
        ("McCAIN", "McCain"),
        ("MACDONALD", "MacDonald"),
        ("Donald Trump", "Donald Trump"),
        ("Q", QUESTIONER),
        ("QUESTION", QUESTIONER),
        ("A", None),
        ("READ MORE", None),
    ],
)
def test_a_label_gives_the_name_as_people_write_it(label, speaker):
    assert speaker_from_label(label) == speaker


@pytest.mark.parametrize(
    "body",
    [
        # A story with a teaser line and a quoted colon is a story, not a transcript.
        "The council met on Monday.\nREAD MORE: Floods in the valley\n"
        "The mayor said: we will build 40 homes.\nThe vote was 7 to 2.\n",
        # One labelled line among many is not a transcript.
        "SMITH: We created 300,000 jobs.\nThe figure was disputed.\nOthers said 200,000.\n"
        "The office declined to comment.\n",
        # A sentence that happens to have a colon.
        "He said this: taxes rose 4 percent.\nShe said that: they fell.\n",
        "",
    ],
)
def test_news_is_not_read_as_a_transcript(body):
    assert transcript_turns(body) is None


def test_a_heading_before_the_first_turn_is_nobodys():
    [heading, *_] = transcript_turns(INTERVIEW)
    assert heading.speaker is None
    assert INTERVIEW[heading.start : heading.end].strip() == "Interview with the finance minister"


def test_a_tab_separated_table_that_is_not_the_line_format_is_no_transcript():
    assert transcript_turns("name\tvalue\nSMITH\t3\n") is None
    assert transcript_turns("1\tSMITH\tWe won.\nnot a line of the format\n") is None


RELEASE = """FOR IMMEDIATE RELEASE

NEW YORK, March 3, 2025 /PRNewswire/ -- Acme Widgets Inc. (NYSE: ACME) today announced
that its revenue rose 12 percent to $4.2 billion in 2024.

The company expects to hire 500 engineers next year.

About Acme Widgets Inc.
Acme makes widgets.
"""


def test_a_press_release_claims_are_the_issuers_unless_someone_else_is_named():
    claims = claims_by_speaker(
        RELEASE + '\n"Demand doubled in Asia," said Jane Doe, the chief executive.\n'
    )
    assert claims["The company expects to hire 500 engineers next year"] == "Acme Widgets Inc"
    assert claims["Demand doubled in Asia"] == "Jane Doe"


@pytest.mark.parametrize(
    ("body", "issuer"),
    [
        (RELEASE, "Acme Widgets Inc"),
        (
            "BOSTON--(BUSINESS WIRE)--Northwind Health, a hospital group, said profits fell.",
            "Northwind Health",
        ),
        (
            "PRESS RELEASE\n\nThe ministry opened 40 clinics this year.\n\n"
            "About the Ministry of Health\nIt runs clinics.\n",
            None,  # "the" starts no name: a release naming no one keeps the outlet
        ),
        (
            "PRESS RELEASE\n\nThe charity housed 300 families.\n\nAbout Shelter Scotland\n",
            "Shelter Scotland",
        ),
        ("The council said it would build 40 homes.\n\nAbout the author\n", None),
    ],
)
def test_the_issuer_comes_from_the_wire_dateline_or_the_about_section(body, issuer):
    assert press_release_issuer(body) == issuer


def test_news_claims_are_left_to_the_outlet():
    claims = claims_by_speaker("The council built 40 homes in 2024.\n\nRents rose 5 percent.\n")
    assert set(claims.values()) == {None}
