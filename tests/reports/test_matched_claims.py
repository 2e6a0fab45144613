"""Including matched claims: a claim linked to a reported verdict's claim gets a row of its
own carrying that verdict, in every format, from the screen and from export_verdicts."""

import csv
import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from factcheck.claims.models import Claim
from factcheck.matching.models import ClaimMatch
from factcheck.reports.formats import CSV_COLUMNS, FORMATS, export_verdicts
from factcheck.reports.selectors import VerdictSelection, export_rows
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, VerdictFactory

pytestmark = pytest.mark.django_db
WITH_MATCHES = VerdictSelection(include_matches=True)
INDEX, DOWNLOAD, PRINT = (reverse(f"reports:{name}") for name in ["index", "download", "print"])


def export(name: str, selection: VerdictSelection = WITH_MATCHES) -> str:
    return "".join(export_verdicts(fmt=FORMATS[name], selection=selection))


def records(name: str, text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()] if name == "jsonl" else json.loads(text)


@pytest.fixture
def example(publish, link):
    """A verdict on "18,000 guns" and two claims linked to it, in two other articles."""
    article = ArticleFactory(
        title="Ukraine arms its citizens",
        url="https://news.example/ukraine",
        outlet="Example News",
        published_on=date(2022, 2, 26),
    )
    claim = ClaimFactory(article=article, speaker="Ukraine", status=Claim.Status.PUBLISHED)
    verdict = publish(claim, rating="false", summary="Wrong figure.")
    verdict.sources.set([SourceFactory(claim=claim, url="https://gov.example/statement")])
    first = link(
        claim,
        speaker="The ministry",
        title="Guns handed out",
        url="https://other.example/guns",
        outlet="Other Daily",
        published_on=date(2022, 2, 27),
    )
    second = link(claim, title="Repeated", url="", outlet="Third Post", published_on=None)
    return verdict, first, second


# The rows ---------------------------------------------------------------------------------


def test_without_the_option_matched_claims_are_left_out(example):
    verdict, *_ = example
    rows = list(export_rows(selection=VerdictSelection()))
    assert [(row.claim_id, row.matched_from) for row in rows] == [(verdict.claim_id, None)]


def test_each_matched_claim_follows_its_verdict_with_that_verdict(example, publish):
    verdict, first, second = example
    unlinked = publish()

    rows = list(export_rows(selection=WITH_MATCHES))

    by_claim = {row.claim_id: row for row in rows}
    assert sorted(by_claim) == sorted([verdict.claim_id, first.pk, second.pk, unlinked.claim_id])
    position = [row.claim_id for row in rows].index(verdict.claim_id)
    assert [row.claim_id for row in rows[position : position + 3]] == [
        verdict.claim_id,
        first.pk,
        second.pk,
    ]
    matched = by_claim[first.pk]
    assert (matched.verdict_id, matched.rating.slug, matched.summary) == (
        verdict.pk,
        "false",
        "Wrong figure.",
    )
    assert [source.url for source in matched.sources] == ["https://gov.example/statement"]
    assert (matched.claim, matched.speaker, matched.article_id, matched.article_outlet) == (
        first.text,
        "The ministry",
        first.article_id,
        "Other Daily",
    )
    assert matched.matched_from.claim_id == verdict.claim_id
    assert matched.matched_from.article_id == verdict.claim.article_id
    assert by_claim[verdict.claim_id].matched_from is None
    assert by_claim[unlinked.claim_id].matched_from is None


def test_only_claims_linked_to_the_verdicts_claim_are_matches(example, publish):
    verdict, first, second = example
    other = publish()
    suggested = ClaimFactory(status=Claim.Status.NEW)
    ClaimMatch.objects.create(claim=suggested, candidate=verdict.claim, score=0.7)
    rejected = ClaimFactory(status=Claim.Status.NEW)
    ClaimMatch.objects.create(
        claim=rejected, candidate=other.claim, score=0.8, status=ClaimMatch.Status.REJECTED
    )
    ClaimFactory(status=Claim.Status.DUPLICATE, canonical=ClaimFactory())  # no verdict there

    rows = list(export_rows(selection=WITH_MATCHES))

    assert sorted(row.claim_id for row in rows) == sorted(
        [verdict.claim_id, first.pk, second.pk, other.claim_id]
    )


def test_matched_claims_follow_the_verdicts_not_the_filters(example, publish):
    verdict, first, second = example
    publish()
    selection = VerdictSelection(articles=(verdict.claim.article_id,), include_matches=True)
    rows = list(export_rows(selection=selection))
    assert [row.claim_id for row in rows] == [verdict.claim_id, first.pk, second.pk]


def test_matched_rows_stay_with_their_verdict_across_chunks(publish, link, monkeypatch):
    monkeypatch.setattr("factcheck.reports.formats.CHUNK_SIZE", 4)
    expected = {}
    for n in range(11):
        verdict = publish()
        expected[verdict.pk] = {link(verdict.claim).pk for _ in range(n % 3)}
    found: dict[int, set] = {}
    for record in json.loads(export("json")):
        if record["matched_from"]:
            assert record["matched_from"]["claim_id"] != record["claim_id"]
            found.setdefault(record["verdict_id"], set()).add(record["claim_id"])
        else:
            found.setdefault(record["verdict_id"], set())
    assert found == expected


# Each format --------------------------------------------------------------------------------


def test_csv_says_which_rows_are_matched_in_a_last_column(example):
    verdict, first, second = example
    text = export("csv")
    assert CSV_COLUMNS[20] == "matched_from_claim_id"
    assert (
        CSV_COLUMNS[:20]
        == csv.DictReader(io.StringIO(export("csv", VerdictSelection()))).fieldnames[:20]
    )
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [(row["claim_id"], row["matched_from_claim_id"]) for row in rows] == [
        (str(verdict.claim_id), ""),
        (str(first.pk), str(verdict.claim_id)),
        (str(second.pk), str(verdict.claim_id)),
    ]
    assert {row["verdict_id"] for row in rows} == {str(verdict.pk)}
    assert rows[1]["article_title"] == "Guns handed out"
    assert rows[1]["speaker"] == "The ministry"
    assert rows[1]["rating"] == "False"
    assert rows[1]["sources"] == "https://gov.example/statement"


def test_csv_without_the_option_has_the_column_empty(example):
    rows = list(csv.DictReader(io.StringIO(export("csv", VerdictSelection()), newline="")))
    assert [row["matched_from_claim_id"] for row in rows] == [""]


@pytest.mark.parametrize("name", ["json", "jsonl"])
def test_json_records_carry_matched_from(example, name):
    verdict, first, second = example
    found = records(name, export(name))
    assert [(r["claim_id"], r["matched_from"]) for r in found] == [
        (verdict.claim_id, None),
        (
            first.pk,
            {
                "claim_id": verdict.claim_id,
                "claim": verdict.claim.text,
                "article_id": verdict.claim.article_id,
            },
        ),
        (
            second.pk,
            {
                "claim_id": verdict.claim_id,
                "claim": verdict.claim.text,
                "article_id": verdict.claim.article_id,
            },
        ),
    ]
    assert found[1]["article"]["title"] == "Guns handed out"
    assert found[1]["rating"] == found[0]["rating"]
    assert [r["matched_from"] for r in records(name, export(name, VerdictSelection()))] == [None]


def test_claimreview_lists_matched_claims_articles_as_further_appearances(example):
    verdict, _, second = example
    [review] = json.loads(export("claimreview"))
    item = review["itemReviewed"]
    assert review["claimReviewed"] == verdict.claim.text
    assert item["author"] == {"@type": "Organization", "name": "Ukraine"}
    assert item["appearance"] == [
        {
            "@type": "CreativeWork",
            "url": "https://news.example/ukraine",
            "headline": "Ukraine arms its citizens",
            "datePublished": "2022-02-26",
        },
        {
            "@type": "CreativeWork",
            "url": "https://other.example/guns",
            "headline": "Guns handed out",
            "datePublished": "2022-02-27",
        },
        {
            "@type": "CreativeWork",
            "url": f"http://127.0.0.1:8000/articles/{second.article_id}/",
            "headline": "Repeated",
        },
    ]
    [plain] = json.loads(export("claimreview", VerdictSelection()))
    assert plain["itemReviewed"]["appearance"] == item["appearance"][0]


def test_claimreview_names_an_article_once_however_many_matches_it_holds(publish, link):
    verdict = publish()
    article = ArticleFactory(url="https://other.example/one")
    for start in (0, 30):
        ClaimFactory(
            article=article, start=start, status=Claim.Status.DUPLICATE, canonical=verdict.claim
        )
    [review] = json.loads(export("claimreview"))
    assert [a["url"] for a in review["itemReviewed"]["appearance"]][1:] == [
        "https://other.example/one"
    ]


def test_matched_claims_of_an_unpublished_verdict_never_reach_claimreview(publish, link):
    pending = VerdictFactory(claim=ClaimFactory(status=Claim.Status.AWAITING_APPROVAL))
    link(pending.claim)
    selection = VerdictSelection(statuses=("published", "awaiting_approval"), include_matches=True)
    assert json.loads(export("claimreview", selection)) == []
    statuses = [r["status"] for r in json.loads(export("json", selection))]
    assert statuses == ["awaiting_approval", "awaiting_approval"]


@pytest.mark.parametrize("name", list(FORMATS))
def test_matched_rows_cost_one_query_per_chunk(publish, link, name, django_assert_max_num_queries):
    for _ in range(30):
        verdict = publish()
        verdict.sources.set([SourceFactory(claim=verdict.claim)])
        for _ in range(3):
            link(verdict.claim)
    # As without matches (verdicts, sources, people, ratings, scale) plus the linked claims.
    with django_assert_max_num_queries(6):
        text = export(name)
    if name == "claimreview":
        assert text.count('"@type":"ClaimReview"') == 30
    else:
        assert text.count("https://example.org/evidence/") == 120


# The screen and the command -------------------------------------------------------------------


def test_the_screen_has_the_checkbox_and_its_links_keep_it(reviewer_client, example):
    page = reviewer_client.get(INDEX)
    assert 'type="checkbox" name="include_matches"' in page.text
    assert "Include matched claims" in page.text
    assert all("include_matches" not in url for _, url in page.context["downloads"])

    page = reviewer_client.get(INDEX, {"include_matches": "on", "rating": "false"})
    assert 'id="id_include_matches" checked' in page.text
    links = [url for _, url in page.context["downloads"]] + [page.context["print_url"]]
    for url in links:
        assert "include_matches=on" in url and "rating=false" in url
        assert url.replace("&", "&amp;") in page.text


def test_a_download_with_the_option_holds_the_matched_rows(reviewer_client, example):
    verdict, first, second = example
    plain = reviewer_client.get(DOWNLOAD, {"format": "json"})
    assert len(json.loads(b"".join(plain.streaming_content))) == 1
    response = reviewer_client.get(DOWNLOAD, {"format": "json", "include_matches": "on"})
    found = json.loads(b"".join(response.streaming_content))
    assert [r["claim_id"] for r in found] == [verdict.claim_id, first.pk, second.pk]


def test_download_with_matches_query_count_does_not_grow_with_rows(
    reviewer_client, publish, link, django_assert_max_num_queries
):
    for _ in range(40):
        verdict = publish()
        link(verdict.claim)
        link(verdict.claim)
    with django_assert_max_num_queries(9):
        response = reviewer_client.get(DOWNLOAD, {"format": "csv", "include_matches": "on"})
        text = b"".join(response.streaming_content).decode()
    assert len(list(csv.DictReader(io.StringIO(text, newline="")))) == 120


def test_a_reviewer_still_gets_no_unpublished_verdict_through_matches(
    reviewer_client, publish, link
):
    published = publish()
    link(published.claim)
    pending = VerdictFactory(claim=ClaimFactory(status=Claim.Status.AWAITING_APPROVAL))
    hidden = link(pending.claim)

    response = reviewer_client.get(DOWNLOAD, {"format": "json", "include_matches": "on"})
    found = json.loads(b"".join(response.streaming_content))
    assert {r["verdict_id"] for r in found} == {published.pk}
    assert hidden.pk not in {r["claim_id"] for r in found}

    for url in [DOWNLOAD + "?format=csv", PRINT, INDEX]:
        response = reviewer_client.get(
            url, {"include_matches": "on", "status": ["published", "awaiting_approval"]}
        )
        assert "Only editors can report" in response.text
        assert response.status_code == (200 if url == INDEX else 403)


def run(*args) -> str:
    out = io.StringIO()
    call_command("export_verdicts", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("name", list(FORMATS))
def test_the_command_includes_matches_when_asked(example, name):
    verdict, first, second = example
    plain, matched = run("--format", name), run("--format", name, "--include-matches")
    if name == "csv":
        rows = list(csv.DictReader(io.StringIO(matched, newline="")))
        assert [row["claim_id"] for row in rows] == [
            str(c) for c in (verdict.claim_id, first.pk, second.pk)
        ]
        assert len(list(csv.DictReader(io.StringIO(plain, newline="")))) == 1
    elif name == "claimreview":
        [review] = json.loads(matched)
        assert len(review["itemReviewed"]["appearance"]) == 3
        assert isinstance(json.loads(plain)[0]["itemReviewed"]["appearance"], dict)
    else:
        assert [r["claim_id"] for r in records(name, matched)] == [
            verdict.claim_id,
            first.pk,
            second.pk,
        ]
        assert len(records(name, plain)) == 1


def test_the_printable_report_lists_matched_claims_under_their_verdict(
    reviewer_client, example, django_assert_max_num_queries
):
    _, first, second = example
    plain = reviewer_client.get(PRINT)
    assert "Guns handed out" not in plain.text
    with django_assert_max_num_queries(12):
        page = reviewer_client.get(PRINT, {"include_matches": "on"})
    assert page.status_code == 200
    assert "Also said in" in page.text
    assert "Guns handed out, Other Daily" in page.text and "The ministry" in page.text
    assert f'href="{second.get_absolute_url()}"' in page.text
    [printed] = page.context["verdicts"]
    assert printed.matched_claims == [first, second]
