"""The export formats: CSV, JSON, JSON Lines and ClaimReview JSON-LD."""

import csv
import io
import json
from datetime import UTC, date, datetime

import pytest

from factcheck.claims.models import Claim
from factcheck.reports.formats import (
    CSV_COLUMNS,
    FORMATS,
    export_verdicts,
)
from factcheck.reports.selectors import VerdictSelection
from factcheck.reviews.models import Rating
from factcheck.speakers.services import claims_link_speakers
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, VerdictFactory

pytestmark = pytest.mark.django_db
PUBLISHED_AND_PENDING = VerdictSelection(statuses=("published", "awaiting_approval"))


def export(name: str, selection: VerdictSelection | None = None) -> str:
    return "".join(export_verdicts(fmt=FORMATS[name], selection=selection or VerdictSelection()))


@pytest.fixture
def verdict(publish):
    """The worked example: Ukraine's 18,000 guns, rated with a source."""
    article = ArticleFactory(
        title="Ukraine arms its citizens",
        url="https://news.example/ukraine",
        outlet="Example News",
        published_on=date(2022, 2, 26),
    )
    claim = ClaimFactory(
        article=article,
        start=13,
        end=78,
        speaker="Ukraine",
        claim_type="quantity",
        figures=[{"text": "18,000 guns", "value": 18000.0, "unit": "guns", "currency": ""}],
        status=Claim.Status.PUBLISHED,
    )
    verdict = publish(
        claim,
        rating="mostly-true",
        summary="The ministry confirmed the figure.",
        approved_at=datetime(2024, 3, 1, 10, 0, tzinfo=UTC),
    )
    verdict.sources.set(
        [
            SourceFactory(
                claim=claim,
                url="https://gov.example/statement",
                title="Ministry statement",
                publisher="Ministry of Defence",
                stance="supports",
            )
        ]
    )
    return verdict


# CSV ------------------------------------------------------------------------------------


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_has_a_header_and_one_row_per_verdict_in_the_documented_columns(verdict):
    text = export("csv")
    assert text.splitlines()[0] == ",".join(CSV_COLUMNS)
    [row] = csv_rows(text)
    assert row == {
        "verdict_id": str(verdict.pk),
        "claim_id": str(verdict.claim_id),
        "claim": verdict.claim.text,
        "speaker": "Ukraine",
        "claim_type": "quantity",
        "figures": "18,000 guns",
        "article_id": str(verdict.claim.article_id),
        "article_title": "Ukraine arms its citizens",
        "article_url": "https://news.example/ukraine",
        "article_outlet": "Example News",
        "article_published_on": "2022-02-26",
        "status": "published",
        "rating": "Mostly true",
        "rating_value": "4",
        "summary": "The ministry confirmed the figure.",
        "sources": "https://gov.example/statement",
        "reviewer": verdict.author.username,
        "approver": "ada",
        "proposed_at": verdict.created_at.isoformat(timespec="seconds"),
        "approved_at": "2024-03-01T10:00:00+00:00",
        "matched_from_claim_id": "",
    }


@pytest.mark.parametrize("dangerous", ['=HYPERLINK("x")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_quoted(publish, dangerous):
    claim = ClaimFactory(status=Claim.Status.PUBLISHED, speaker=dangerous)
    publish(claim, summary=dangerous)
    [row] = csv_rows(export("csv"))
    assert row["speaker"] == "'" + dangerous
    assert row["summary"] == "'" + dangerous


def test_csv_keeps_stored_text_raw_and_utf8(publish):
    claim = ClaimFactory(status=Claim.Status.PUBLISHED, speaker="Зеленський")
    publish(claim, summary='<script>alert("x")</script> & “quotes”, commas\nand lines')
    [row] = csv_rows(export("csv"))
    assert row["summary"] == '<script>alert("x")</script> & “quotes”, commas\nand lines'
    assert row["speaker"] == "Зеленський"
    assert "&lt;" not in export("csv")


def test_csv_ratings_off_the_scale_have_no_value_and_pending_verdicts_no_approver(publish):
    VerdictFactory(
        claim=ClaimFactory(status=Claim.Status.AWAITING_APPROVAL),
        rating=Rating.objects.get(slug="unproven"),
    )
    [row] = csv_rows(export("csv", PUBLISHED_AND_PENDING))
    assert (row["rating"], row["rating_value"]) == ("Unproven", "")
    assert (row["status"], row["approver"], row["approved_at"]) == ("awaiting_approval", "", "")


# JSON and JSON Lines ----------------------------------------------------------------------


def test_json_is_an_array_of_records_with_everything_about_the_verdict(verdict):
    [record] = json.loads(export("json"))
    assert record == {
        "verdict_id": verdict.pk,
        "claim_id": verdict.claim_id,
        "claim": verdict.claim.text,
        "speaker": "Ukraine",
        "claim_type": "quantity",
        "figures": [{"text": "18,000 guns", "value": 18000.0, "unit": "guns", "currency": ""}],
        "article": {
            "id": verdict.claim.article_id,
            "title": "Ukraine arms its citizens",
            "url": "https://news.example/ukraine",
            "outlet": "Example News",
            "published_on": "2022-02-26",
        },
        "status": "published",
        "rating": {"slug": "mostly-true", "label": "Mostly true", "value": 4},
        "summary": "The ministry confirmed the figure.",
        "sources": [
            {
                "url": "https://gov.example/statement",
                "title": "Ministry statement",
                "publisher": "Ministry of Defence",
                "stance": "supports",
                "archive_url": "",
            }
        ],
        "reviewer": verdict.author.username,
        "approver": "ada",
        "proposed_at": verdict.created_at.isoformat(timespec="seconds"),
        "approved_at": "2024-03-01T10:00:00+00:00",
        "matched_from": None,
    }


def test_timestamps_carry_the_site_time_zone(verdict, settings):
    settings.TIME_ZONE = "Europe/Kyiv"
    [record] = json.loads(export("json"))
    assert record["approved_at"] == "2024-03-01T12:00:00+02:00"
    assert datetime.fromisoformat(record["approved_at"]) == verdict.approved_at


def test_json_of_nothing_is_an_empty_array(db):
    assert json.loads(export("json")) == []
    assert json.loads(export("claimreview")) == []
    assert export("jsonl") == ""


def test_json_lines_is_one_record_a_line_with_raw_text(publish):
    for n in range(3):
        publish(summary=f"<b>{n}</b>\nsecond line")
    lines = export("jsonl").splitlines()
    assert len(lines) == 3
    assert sorted(json.loads(line)["summary"] for line in lines) == [
        f"<b>{n}</b>\nsecond line" for n in range(3)
    ]


def test_json_and_json_lines_hold_the_same_records(verdict, publish):
    publish()
    assert json.loads(export("json")) == [json.loads(line) for line in export("jsonl").splitlines()]


# ClaimReview ------------------------------------------------------------------------------


def assert_json_ld_node(node: dict, *, top: bool) -> None:
    """The JSON-LD rules a schema.org consumer relies on, checked without fetching the
    context: the context only at the top, every node typed, keywords only where allowed."""
    assert isinstance(node, dict)
    if top:
        assert node["@context"] == "https://schema.org"
    else:
        assert "@context" not in node
    assert isinstance(node["@type"], str) and node["@type"]
    for key, value in node.items():
        assert not key.startswith("@") or key in {"@context", "@type", "@id"}, key
        assert value is not None and value != "", key
        if isinstance(value, dict):
            assert_json_ld_node(value, top=False)


def test_claimreview_is_valid_json_ld_with_the_required_fields(verdict, settings):
    settings.FACTCHECK_ORGANISATION = "Kyiv Fact Desk"
    settings.SITE_URL = "https://factcheck.example"

    document = json.loads(export("claimreview"))

    assert isinstance(document, list)
    [review] = document
    assert_json_ld_node(review, top=True)
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == verdict.claim.text
    assert (
        review["url"]
        == f"https://factcheck.example/claims/{verdict.claim_id}/#verdict-{verdict.pk}"
    )
    assert review["author"] == {
        "@type": "Organization",
        "name": "Kyiv Fact Desk",
        "url": "https://factcheck.example/",
    }
    assert review["datePublished"] == "2024-03-01T10:00:00+00:00"
    assert review["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Mostly true",
        "ratingValue": 4,
        "bestRating": 5,
        "worstRating": 1,
    }
    assert review["itemReviewed"] == {
        "@type": "Claim",
        "author": {"@type": "Organization", "name": "Ukraine"},
        "datePublished": "2022-02-26",
        "appearance": {
            "@type": "CreativeWork",
            "url": "https://news.example/ukraine",
            "headline": "Ukraine arms its citizens",
            "datePublished": "2022-02-26",
        },
    }


def test_claimreview_ratings_off_the_scale_carry_only_their_name(publish):
    publish(rating="misleading")
    [review] = json.loads(export("claimreview"))
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Misleading"}


def test_claimreview_is_for_published_verdicts_only(publish):
    published = publish()
    VerdictFactory(claim=ClaimFactory(status=Claim.Status.AWAITING_APPROVAL))
    reviews = json.loads(export("claimreview", PUBLISHED_AND_PENDING))
    assert [review["url"].rsplit("-", 1)[1] for review in reviews] == [str(published.pk)]
    assert (
        json.loads(export("claimreview", VerdictSelection(statuses=("awaiting_approval",)))) == []
    )


def test_claimreview_without_speaker_or_article_url_names_the_outlet_and_our_page(publish):
    article = ArticleFactory(outlet="Example News", url="", published_on=None)
    publish(ClaimFactory(article=article, speaker="", status=Claim.Status.PUBLISHED))
    [review] = json.loads(export("claimreview"))
    item = review["itemReviewed"]
    assert item["author"] == {"@type": "Organization", "name": "Example News"}
    assert item["appearance"]["url"] == f"http://127.0.0.1:8000/articles/{article.pk}/"
    assert "datePublished" not in item


@pytest.mark.parametrize(
    ("speaker", "schema_type"),
    [("Volodymyr Zelenskyy", "Person"), ("Ukraine", "Organization"),
     ("UK Ministry of Defence", "Organization")],
)  # fmt: skip
def test_claimreview_authors_are_people_or_organisations_by_the_speakers_kind(
    publish, speaker, schema_type
):
    claim = ClaimFactory(speaker=speaker, status=Claim.Status.PUBLISHED)
    claims_link_speakers(claims=Claim.objects.filter(pk=claim.pk))
    publish(claim)

    [review] = json.loads(export("claimreview"))

    assert review["itemReviewed"]["author"] == {"@type": schema_type, "name": speaker}


def test_exports_name_the_speakers_identity(publish):
    known = ClaimFactory(speaker="Volodymyr Zelenskyy", status=Claim.Status.PUBLISHED)
    short = ClaimFactory(speaker="Mr Zelenskyy", status=Claim.Status.PUBLISHED)
    claims_link_speakers(claims=Claim.objects.filter(pk=known.pk))
    claims_link_speakers(claims=Claim.objects.filter(pk=short.pk))
    publish(known)
    publish(short)

    rows = csv_rows(export("csv"))

    assert [row["speaker"] for row in rows] == ["Volodymyr Zelenskyy"] * 2


def test_claimreview_links_follow_site_url_wherever_the_workbench_is(publish, settings):
    settings.SITE_URL = "https://desk.example.org/factcheck"
    article = ArticleFactory(url="")
    published = publish(ClaimFactory(article=article, status=Claim.Status.PUBLISHED))
    [review] = json.loads(export("claimreview"))
    assert review["url"] == (
        f"https://desk.example.org/factcheck/claims/{published.claim_id}/#verdict-{published.pk}"
    )
    assert review["author"]["url"] == "https://desk.example.org/factcheck/"
    assert review["itemReviewed"]["appearance"]["url"] == (
        f"https://desk.example.org/factcheck/articles/{article.pk}/"
    )


def test_claimreview_keeps_stored_text_raw(publish):
    claim = ClaimFactory(status=Claim.Status.PUBLISHED, text="<script>alert(1)</script>")
    publish(claim)
    [review] = json.loads(export("claimreview"))
    assert review["claimReviewed"] == "<script>alert(1)</script>"


@pytest.mark.parametrize("name", ["json", "jsonl", "claimreview"])
def test_json_exports_are_safe_to_paste_into_a_script_element(publish, name):
    article = ArticleFactory(
        title="</script><script>alert(1)</script>", url="https://x.example/?a=1&b=</script>"
    )
    claim = ClaimFactory(article=article, status=Claim.Status.PUBLISHED, text="a < b & c > d")
    publish(claim, summary="</SCRIPT>")
    text = export(name)
    assert not {"<", ">", "&"} & set(text)
    record = json.loads(text.splitlines()[0] if name == "jsonl" else text)
    record = record if name == "jsonl" else record[0]
    assert "a < b & c > d" in json.dumps(record, ensure_ascii=False)
    assert "</script><script>alert(1)</script>" in json.dumps(record, ensure_ascii=False)


# Streaming --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(FORMATS))
def test_an_export_streams_in_a_fixed_number_of_queries(
    publish, name, django_assert_max_num_queries
):
    for _ in range(30):
        verdict = publish()
        verdict.sources.set(
            [SourceFactory(claim=verdict.claim), SourceFactory(claim=verdict.claim)]
        )
    # The verdicts, their sources, the people, the ratings; for ClaimReview also the scale.
    with django_assert_max_num_queries(5):
        pieces = list(export_verdicts(fmt=FORMATS[name], selection=VerdictSelection()))
    text = "".join(pieces)
    if name == "claimreview":
        assert text.count('"@type":"ClaimReview"') == 30
    else:
        assert text.count("https://example.org/evidence/") == 60


def test_an_export_hands_on_its_text_piece_by_piece(publish, monkeypatch):
    monkeypatch.setattr("factcheck.reports.formats.BUFFER_CHARS", 100)
    for _ in range(5):
        publish()
    pieces = list(export_verdicts(fmt=FORMATS["csv"], selection=VerdictSelection()))
    assert len(pieces) >= 5


def test_rows_keep_their_own_sources_across_chunks(publish, monkeypatch):
    monkeypatch.setattr("factcheck.reports.formats.CHUNK_SIZE", 7)
    expected = {}
    for n in range(20):
        verdict = publish()
        sources = [SourceFactory(claim=verdict.claim) for _ in range(n % 3)]
        verdict.sources.set(sources)
        expected[verdict.pk] = [source.url for source in sources]
    records = json.loads(export("json"))
    assert {r["verdict_id"]: [s["url"] for s in r["sources"]] for r in records} == expected
