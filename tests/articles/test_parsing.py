from datetime import date

import pytest

from factcheck.articles.parsing import (
    ArticleFormatError,
    content_hash,
    decode_text,
    parse_seed_article,
)

SEED = (
    " date 2022-02-26 'We won't lay down our guns': Ukraine vows to defend Kyiv\n\n"
    "Ukraine's president defied calls to flee, he said. Picture: Alamy\n\n"
    "By Will Taylor\n\n"
    "Ukraine's president has said his country will not surrender.\n\n"
    "Explosions have been heard across the city.\n"
)


def test_seed_header_gives_title_subtitle_and_date():
    article = parse_seed_article(SEED)
    assert article.title == "We won't lay down our guns"
    assert article.subtitle == "Ukraine vows to defend Kyiv"
    assert article.published_on == date(2022, 2, 26)


def test_byline_and_picture_credit_are_metadata_not_body():
    article = parse_seed_article(SEED)
    assert article.author == "Will Taylor"
    assert article.caption == "Ukraine's president defied calls to flee, he said. Picture: Alamy"
    assert article.body == (
        "Ukraine's president has said his country will not surrender.\n\n"
        "Explosions have been heard across the city."
    )


def test_body_keeps_paragraphs_and_a_mid_body_sentence_starting_with_by():
    text = "date 2024-01-02 'T': s\nFirst paragraph.\n\nBy midnight the city was quiet.\n"
    assert parse_seed_article(text).body == "First paragraph.\n\nBy midnight the city was quiet."


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   \n\n\t", "empty"),
        ("Just a body with no header.\n\nMore text.", "line 1 is not a header"),
        ("date 26/02/2022 'Title': sub\n\nBody.", "line 1 is not a header"),
        ("date 2022-02-30 'Title': sub\n\nBody.", "not a real date"),
        ("date 2022-02-26 'Title': sub\n\n", "no body"),
        ("date 2022-02-26 'Title': sub\n\nBy Will Taylor\n", "no body"),
    ],
)
def test_malformed_articles_are_refused_with_the_reason(text, reason):
    with pytest.raises(ArticleFormatError, match=reason):
        parse_seed_article(text)


def test_binary_content_is_refused():
    with pytest.raises(ArticleFormatError, match="binary"):
        decode_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_wrong_encoding_is_refused_with_the_offset():
    with pytest.raises(ArticleFormatError, match=r"not UTF-8 .*offset 9"):
        decode_text(b"date 2022\xe9")


def test_utf8_bom_and_windows_line_endings_are_accepted():
    assert decode_text("\ufeffdate x\r\nbody\r\n".encode()) == "date x\nbody\n"


def test_content_hash_ignores_whitespace_and_unicode_form_but_not_words():
    assert content_hash("Title", "Café  au lait.\n\nNext") == content_hash(
        "Title", "Cafe\u0301 au lait. Next"
    )
    assert content_hash("Title", "18,000 guns") != content_hash("Title", "19,000 guns")
    assert len(content_hash("", "x")) == 64
