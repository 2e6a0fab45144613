import io
import json
import zipfile
from datetime import date, timedelta

import pytest

from factcheck.articles.parsing import ArticleFormatError
from factcheck.articles.readers import read_records, zip_members

BODY = "The mayor said 40 homes flooded on Monday.\n\nThe council promised £2m in repairs."


def records(name: str, raw: bytes):
    return list(read_records(name, raw))


def only_article(name: str, raw: bytes):
    [record] = records(name, raw)
    assert not record.error, record.error
    return record.article


def make_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_plain_text_takes_its_title_from_line_1_and_keeps_the_byline_apart():
    article = only_article("flood.txt", f"Floods in the valley\n\nBy Jane Roe\n\n{BODY}".encode())
    assert article.title == "Floods in the valley"
    assert article.author == "Jane Roe"
    assert article.body == BODY


def test_a_json_object_is_one_article_with_its_metadata():
    article = only_article(
        "one.json",
        json.dumps(
            {
                "Title": "Floods",
                "text": BODY,
                "url": "https://news.example/floods",
                "outlet": "Valley News",
                "author": ["Jane Roe", "Sam Poe"],
                "published_date": "2024-03-05T08:00:00Z",
            }
        ).encode(),
    )
    assert (article.title, article.outlet, article.author) == (
        "Floods",
        "Valley News",
        "Jane Roe, Sam Poe",
    )
    assert article.url == "https://news.example/floods"
    assert article.published_on == date(2024, 3, 5)


def test_a_json_list_reports_each_bad_record_by_number_and_keeps_the_good_ones():
    raw = json.dumps(
        [
            {"title": "Good", "body": BODY},
            {"name": "not an article"},
            42,
            {"title": "No body", "body": ""},
            {"title": "Bad date", "body": BODY, "date": "31/02/2024"},
        ]
    ).encode()

    found = records("list.json", raw)

    assert [r.article.title for r in found if r.article] == ["Good"]
    errors = {r.location: r.error for r in found if r.error}
    assert "it is not an article" in errors["list.json, record 2"]
    assert errors["list.json, record 3"] == "it is a number, not an article object"
    assert errors["list.json, record 4"] == "it has no body text"
    assert "'31/02/2024' is not a date we can read" in errors["list.json, record 5"]


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty"),
        (b'{"title": "x", "body": ', "line 1, column 24: it is not valid JSON"),
        (b'"just a string"', "it holds text: expected an article object"),
        (b"[]", "empty list"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
    ids=["empty", "truncated", "string", "empty-list", "deep"],
)
def test_json_that_is_not_articles_is_refused_whole(raw, reason):
    with pytest.raises(ArticleFormatError, match=reason):
        records("bad.json", raw)


def test_json_lines_reports_a_broken_line_by_number_and_reads_the_rest():
    raw = (
        json.dumps({"title": "One", "body": BODY})
        + "\n\n{broken\n"
        + json.dumps({"title": "Two", "body": BODY})
        + "\n"
    ).encode()

    found = records("feed.jsonl", raw)

    assert [r.article.title for r in found if r.article] == ["One", "Two"]
    [bad] = [r for r in found if r.error]
    assert bad.location == "feed.jsonl, line 3"
    assert "not valid JSON" in bad.error


def test_csv_columns_are_found_by_name_and_rows_located_by_line():
    raw = (
        "Headline,Body,URL,Outlet,Author,Published date\n"
        f'Floods,"{BODY}",https://news.example/a,Valley News,Jane Roe,2024-03-05\n'
        "Empty,,,,,\n"
    ).encode()

    found = records("news.csv", raw)

    assert found[0].article.title == "Floods"
    assert found[0].article.body == BODY
    assert found[0].article.published_on == date(2024, 3, 5)
    # The quoted body spans three lines, so the next row starts on line 5.
    assert (found[1].location, found[1].error) == ("news.csv, line 5", "it has no body text")


def test_the_first_row_of_a_csv_file_is_reported_as_line_2_under_its_header():
    found = records("news.csv", b"title,body\nNo body here,\n")
    assert (found[0].location, found[0].error) == ("news.csv, line 2", "it has no body text")


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b'title,body\n"Floods,"The mayor said"" 40 homes flooded', "not valid CSV"),
        (b'title,body\nFloods,"unterminated\n', "not valid CSV"),
        (b"name,age\nJo,4\n", "line 1 must name the columns"),
    ],
    ids=["stray-quote", "unterminated", "no-title-column"],
)
def test_malformed_csv_is_refused_whole_before_any_row(raw, reason):
    with pytest.raises(ArticleFormatError, match=reason):
        records("bad.csv", raw)


def test_a_csv_row_with_more_cells_than_the_header_is_refused_alone():
    found = records("wide.csv", f'title,body\nA,"{BODY}",extra\nB,"{BODY}"\n'.encode())
    assert found[0].error == "it has 1 more cells than the header"
    assert found[1].article.title == "B"


HTML_PAGE = """<!doctype html><html><head><meta charset="windows-1252">
<title>Floods close 40 roads | Valley News</title>
<meta property="og:title" content="Floods close 40 roads">
<meta property="og:site_name" content="Valley News">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<script>alert('stolen')</script><style>body { color: red }</style></head>
<body><nav><a href="/">Home</a> | <a href="/sport">Sport</a></nav>
<article><h1>Floods close 40 roads</h1>
<p>The council said 40 roads were closed on Monday after the river rose by 2 metres.</p>
<p onclick="steal()">The mayor said <b>1,200 homes</b> had lost power, while the café owners
counted the cost.</p><script>document.write('<img src=x onerror=alert(1)>')</script>
<p>Forecasters said more rain was expected across the valley later in the week.</p></article>
<footer>Copyright 2024 Valley News. Cookie policy. Subscribe.</footer></body></html>"""


def test_an_html_page_gives_its_main_text_title_and_date_never_its_markup():
    article = only_article("page.html", HTML_PAGE.encode("cp1252"))

    assert article.title == "Floods close 40 roads"
    assert article.outlet == "Valley News"
    assert article.published_on == date(2024, 3, 5)
    assert "1,200 homes had lost power" in article.body
    assert "café" in article.body
    for never in ["<", "alert", "document.write", "steal", "Cookie policy", "Sport"]:
        assert never not in article.body + article.title


def test_an_html_page_without_article_text_is_refused():
    [record] = records("empty.html", b"<html><head><title>x</title></head><body></body></html>")
    assert record.error == "no article text was found in the page"


def test_a_date_in_the_future_is_refused():
    tomorrow_week = (date.today() + timedelta(days=7)).isoformat()
    [record] = records(
        "f.json", json.dumps({"title": "T", "body": BODY, "date": tomorrow_week}).encode()
    )
    assert record.error == f"the published date {tomorrow_week} is in the future"


@pytest.mark.parametrize(
    ("url", "ok"),
    [("https://news.example/a", True), ("javascript:alert(1)", False), ("not a url", False)],
)
def test_only_http_urls_are_kept(url, ok):
    [record] = records("u.json", json.dumps({"title": "T", "body": BODY, "url": url}).encode())
    assert bool(record.article) is ok
    if not ok:
        assert "is not an http(s) address" in record.error


def test_a_nul_character_inside_a_json_string_is_refused():
    [record] = records("nul.json", json.dumps({"title": "T", "body": "a\u0000b"}).encode())
    assert record.error == "it holds a NUL character"


def test_nul_bytes_in_a_file_are_refused_with_the_offset():
    with pytest.raises(ArticleFormatError, match=r"NUL bytes .*offset 5"):
        records("x.csv", b"title\x00body")


def test_utf16_with_a_bom_is_read():
    article = only_article("u16.txt", f"Floods\n\n{BODY}".encode("utf-16"))
    assert article.title == "Floods"


def test_latin1_text_is_refused_naming_the_problem():
    with pytest.raises(ArticleFormatError, match=r"not UTF-8 text .*save it as UTF-8"):
        records(
            "old.txt", "Café owners say 40 homes flooded\n\nThe mayor said so.".encode("latin-1")
        )


def test_zip_members_are_read_in_memory_and_unsafe_paths_refused_by_name():
    raw = make_zip(
        {
            "batch/a.txt": f"Floods\n\n{BODY}".encode(),
            "../../etc/evil.txt": b"Evil\n\nbody",
            "/abs/evil.txt": b"Evil\n\nbody",
            "inner.zip": make_zip({"x.txt": b"x"}),
            "notes.md": b"passed over",
            "__MACOSX/._a.txt": b"junk",
        }
    )

    members = {member.name: member for member in zip_members("up.zip", raw)}

    assert set(members) == {
        "up.zip/batch/a.txt",
        "up.zip/../../etc/evil.txt",
        "up.zip//abs/evil.txt",
        "up.zip/inner.zip",
    }
    assert members["up.zip/batch/a.txt"].read().startswith(b"Floods")
    assert "climbs out of the archive" in members["up.zip/../../etc/evil.txt"].error
    assert "absolute" in members["up.zip//abs/evil.txt"].error
    assert members["up.zip/inner.zip"].error == "a zip inside a zip is not read"


def test_a_zip_bomb_is_refused_before_anything_is_unpacked(settings):
    settings.FACTCHECK_MAX_ZIP_BYTES = 10 * 1024 * 1024
    bomb = make_zip({f"{n}.txt": b"\0" * (4 * 1024 * 1024) for n in range(4)})
    assert len(bomb) < 100_000

    with pytest.raises(ArticleFormatError, match="unpacks to 16,777,216 bytes, over the limit"):
        zip_members("bomb.zip", bomb)


def test_a_zip_with_too_many_files_is_refused(settings):
    settings.FACTCHECK_MAX_ZIP_MEMBERS = 3
    with pytest.raises(ArticleFormatError, match="holds 4 files, over the limit of 3"):
        zip_members("many.zip", make_zip({f"{n}.txt": b"x" for n in range(4)}))


def test_a_corrupt_zip_member_is_refused_not_unpacked():
    raw = bytearray(make_zip({"a.txt": b"Floods\n\n" + b"The mayor said so. " * 100}))
    offset = raw.index(b"a.txt") + 5
    raw[offset + 10 : offset + 20] = b"\xff" * 10
    [member] = zip_members("bad.zip", bytes(raw))
    with pytest.raises(ArticleFormatError, match="could not be unpacked"):
        member.read()


def test_a_broken_zip_is_refused():
    with pytest.raises(ArticleFormatError, match="not a zip archive"):
        zip_members("broken.zip", b"PK\x03\x04 not really")


def test_a_member_packed_with_a_method_zipfile_lacks_is_refused_by_name():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("a.txt", f"Floods\n\n{BODY}".encode())
    raw = bytearray(buffer.getvalue())
    # Compression method 99 (AES encryption), in the local header and the central directory.
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        at = raw.index(signature) + offset
        raw[at : at + 2] = (99).to_bytes(2, "little")

    [member] = zip_members("aes.zip", bytes(raw))

    with pytest.raises(ArticleFormatError, match=r"could not be unpacked.*not supported"):
        member.read()


def test_a_zip_of_a_version_zipfile_cannot_read_is_refused_whole():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("a.txt", f"Floods\n\n{BODY}".encode())
    raw = bytearray(buffer.getvalue())
    # "Version needed to extract" 9.9 in the central directory: zipfile stops at opening.
    at = raw.index(b"PK\x01\x02") + 6
    raw[at : at + 2] = (99).to_bytes(2, "little")

    with pytest.raises(ArticleFormatError, match=r"not a zip archive we can read.*version 9\.9"):
        zip_members("future.zip", bytes(raw))


DEBATE = "1\tMODERATOR\tWelcome to the debate.\t0\n2\tROMNEY\tWe lost 600,000 jobs.\t1\n"


def test_a_checkthat_tsv_is_one_transcript_titled_by_its_file_name():
    article = only_article("20121022_third_presidential_debate.tsv", DEBATE.encode())
    assert article.title == "20121022 third presidential debate"
    assert article.body == DEBATE.strip("\n")


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "the file is empty"),
        (b"name\tscore\nSmith\t3\n", "read as a debate transcript"),
        (b"1\tROMNEY\tWe lost 600,000 jobs.\n", "at least two lines"),
    ],
)
def test_a_tsv_that_is_not_a_transcript_is_refused_saying_the_format(raw, reason):
    [record] = records("table.tsv", raw)
    assert reason in record.error
