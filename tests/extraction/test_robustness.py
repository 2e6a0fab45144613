"""Property-style checks: any string in, never a crash, offsets always inside the text."""

import random

import pytest

from factcheck.extraction import extract_claims, extract_documents

NASTY = [
    "",
    " ",
    "\n\n\n",
    "\t\r\n \x0b\x0c",
    ".",
    "...",
    "…",
    '"',
    '"""',
    "“unclosed quote that never ends",
    "closing only” and more” text.",
    "‘single’ quotes ’ everywhere ‘",
    "$",
    "$$$ £ € 100% %%%",
    "1,2,3,4,5,6,7,8,9,0,,,,.....",
    "9" * 5000,
    "a" * 10000,
    "\x00\x01\x02 control \x1b[31m chars \x7f",
    "🙂 emoji 🇺🇦 only 🎉.",
    "Mr. Dr. St. U.S. U.K. No. e.g. i.e.",
    "(((((( unbalanced brackets [[[[ ",
    ", , , ; ; ; : : :",
    "He said, she said, it said, they said.",
    "said said said said said",
    "According to",
    "according to according to the according to.",
    "\u2028line\u2029separators\u0085next",
    "Ünïcödé ÄÖÜ straße 北京 said 18,000 руб.",
    "RTL \u202e text \u200f marks \u200b zero width",
    "a,b;c:d.e!f?g…h",
    '"," he said, "," she said.',
    "which which which, which, who, that has had",
]


def check(body: str) -> None:
    claims = extract_claims(body)
    for claim in claims:
        assert 0 <= claim.start < claim.end <= len(body)
        assert claim.text.strip()
        assert 0.0 <= claim.score <= 1.0
        assert body[claim.start : claim.end].strip()
    assert extract_claims(body) == claims  # deterministic


@pytest.mark.parametrize("body", NASTY)
def test_nasty_strings_never_crash_and_offsets_stay_inside(body):
    check(body)


def test_random_mixtures_of_news_fragments_never_crash():
    fragments = [
        "Ukraine said",
        "18,000 guns",
        ", while",
        "the US has pledged",
        "$600m",
        '"',
        "“",
        "”",
        ".",
        "\n\n",
        "\n",
        "…",
        " he said",
        ", said Dr Roe,",
        "which",
        "; ",
        " and ",
        "?",
        "By Will Taylor",
        "Picture: Alamy",
        "(",
        ")",
        "Mr.",
        "3.5%",
        "a third",
        "🙂",
        "\x00",
        " ",
    ]
    generator = random.Random(20261101)
    for _ in range(400):
        body = "".join(generator.choice(fragments) for _ in range(generator.randint(0, 40)))
        check(body)


def test_random_attributions_never_crash():
    # The words speaker rules turn on, in any order: pronouns, modals, "according to",
    # "let me", possessives, times. An empty speaker once reached the tracker this way.
    words = [
        "you",
        "I",
        "he",
        "it",
        "IT",
        "they",
        "the",
        "his",
        "Both",
        "him",
        "me",
        "let",
        "let's",
        "I've",
        "it's",
        "that's",
        "Governor",
        "Smith's",
        "Smith",
        "Mr.",
        "merely",
        "only",
        "all",
        "will",
        "would",
        "can",
        "should",
        "When",
        "If",
        "Because",
        "What",
        "Can",
        "Should",
        "according",
        "to",
        "said",
        "says",
        "told",
        "added",
        "that",
        ",",
        "-",
        "—",
        "'",
        '"',
        "(",
        ")",
        "last",
        "week",
        "ago",
        "two",
        "years",
        "on",
        "Monday",
        "The",
        "minister",
        "report",
        "figures",
        "show",
        "found",
        "5%",
        "rose",
        "taxes",
        "claimed",
        "urged",
        "as",
        "put",
        "called",
        "by",
        "was",
        "described",
        "of",
        "65%",
    ]
    openings = ("", "Jeremy Hunt is the chancellor. ", "The ministry said prices rose. ")
    endings = (".", " taxes rose 5%.", ", taxes rose 5%.", "?", "")
    generator = random.Random(20261208)
    for _ in range(2000):
        middle = " ".join(generator.choice(words) for _ in range(generator.randint(1, 14)))
        check(generator.choice(openings) + middle + generator.choice(endings))


def test_random_printable_noise_never_crashes():
    generator = random.Random(7)
    alphabet = "abcXYZ019 .,;:!?\"'“”‘’()[]$£€%-–—…\n\t"
    for _ in range(300):
        check("".join(generator.choice(alphabet) for _ in range(generator.randint(0, 200))))


def test_huge_input_is_handled():
    body = ("The agency said 40 people were hurt, while 12 are missing. " * 3000).strip()
    claims = extract_claims(body)
    assert len(claims) == 6000
    assert claims[-1].end <= len(body)


def test_documents_are_extracted_in_order_with_their_ids():
    documents = [("a", "Prices rose by 5% in May."), ("b", ""), ("c", "Rents fell by 2%.")]
    assert [doc for doc, _ in extract_documents(documents)] == ["a", "c"]
