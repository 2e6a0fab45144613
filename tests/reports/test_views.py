"""The Reports screen, its downloads and the printable report, with HTMX and without."""

import csv
import io
import json
import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from factcheck.claims.models import Claim
from factcheck.reviews.models import Verdict
from tests.factories import ClaimFactory, SourceFactory, VerdictFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
INDEX, DOWNLOAD, PRINT = (reverse(f"reports:{name}") for name in ["index", "download", "print"])


def awaiting() -> Verdict:
    return VerdictFactory(claim=ClaimFactory(status=Claim.Status.AWAITING_APPROVAL))


def downloaded(response) -> str:
    return b"".join(response.streaming_content).decode()


# Who may see reports -------------------------------------------------------------------


@pytest.mark.parametrize("url", [INDEX, DOWNLOAD + "?format=csv", PRINT])
def test_people_without_the_export_permission_are_refused(client, outsider, url):
    client.force_login(outsider)
    assert client.get(url).status_code == 403


def test_the_reports_link_is_in_the_menu_for_reviewers_only(client, reviewer, outsider):
    client.force_login(reviewer)
    assert f'href="{INDEX}"' in client.get(reverse("articles:list")).text
    client.force_login(outsider)
    assert f'href="{INDEX}"' not in client.get(reverse("home"), follow=True).text


def test_a_reviewer_asking_for_unpublished_verdicts_is_told_no(reviewer_client):
    awaiting()
    page = reviewer_client.get(INDEX, {"status": "awaiting_approval"})
    assert page.status_code == 200
    assert "Only editors can report on verdicts that are not published yet" in page.text
    assert "verdicts" not in page.context

    for url in [DOWNLOAD + "?format=json", PRINT]:
        response = reviewer_client.get(url, {"status": ["published", "awaiting_approval"]})
        assert response.status_code == 403
        assert "Only editors can report" in response.text


def test_an_editor_can_report_on_unpublished_verdicts(editor_client):
    pending = awaiting()
    page = editor_client.get(INDEX, {"status": "awaiting_approval"})
    assert page.context["verdicts"] == [pending]
    response = editor_client.get(DOWNLOAD, {"format": "json", "status": "awaiting_approval"})
    assert [record["verdict_id"] for record in json.loads(downloaded(response))] == [pending.pk]


# The screen ----------------------------------------------------------------------------


def test_reports_preview_published_verdicts_by_default(reviewer_client, publish):
    published = publish()
    awaiting()

    page = reviewer_client.get(INDEX)

    assert page.status_code == 200
    assert page.context["verdicts"] == [published]
    assert page.context["total"] == 1
    assert 'value="published" checked' in re.sub(r'id="id_status_\d+" ', "", page.text)
    assert published.claim.text in page.text


def test_the_preview_shows_the_first_rows_and_the_total(reviewer_client, publish):
    for _ in range(55):
        publish()
    page = reviewer_client.get(INDEX)
    assert len(page.context["verdicts"]) == 50
    assert "55</span> verdicts, the first 50 shown" in page.text


def test_filters_narrow_the_preview(reviewer_client, publish):
    wanted = publish(rating="false", approved_at=datetime(2024, 6, 1, 12, tzinfo=UTC))
    publish(rating="false", approved_at=datetime(2023, 6, 1, 12, tzinfo=UTC))
    publish(rating="true", approved_at=datetime(2024, 6, 1, 12, tzinfo=UTC))
    other_article = publish(rating="false", approved_at=datetime(2024, 6, 1, 12, tzinfo=UTC))

    page = reviewer_client.get(
        INDEX,
        {
            "since": "2024-01-01",
            "until": "2024-12-31",
            "rating": "false",
            "article": [wanted.claim.article_id],
        },
    )

    assert page.context["verdicts"] == [wanted]
    assert other_article not in page.context["verdicts"]


def test_download_and_print_links_keep_the_filters(reviewer_client, publish):
    publish()
    page = reviewer_client.get(INDEX, {"since": "2024-01-01", "rating": "false"})
    links = dict((fmt.name, url) for fmt, url in page.context["downloads"])
    assert set(links) == {"csv", "json", "jsonl", "claimreview"}
    for url in [*links.values(), page.context["print_url"]]:
        assert "since=2024-01-01" in url and "rating=false" in url
        assert url.replace("&", "&amp;") in page.text
    assert "format=claimreview" in links["claimreview"]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"since": "2024-02-01", "until": "2024-01-01"}, "until", "end date is before the start"),
        ({"since": "yesterday"}, "since", "Enter a date as YYYY-MM-DD"),
        ({"article": "999999"}, "article", "There is no article number 999999"),
        ({"article": "abc"}, "article", "is not an article number"),
        ({"rating": "pants-on-fire"}, "rating", "There is no rating"),
        ({"status": "deleted"}, "status", "Select a valid choice"),
        ({"article": [str(n) for n in range(1, 600)]}, "article", "Choose at most 500"),
    ],
)
def test_bad_filters_are_reported_beside_their_field_never_a_500(
    reviewer_client, params, field, message
):
    for headers in ({}, HTMX):
        page = reviewer_client.get(INDEX, params, **headers)
        assert page.status_code == 200
        assert message in str(page.context["form"].errors[field])
        assert f'id="id_{field}_error"' in page.text
        assert "verdicts" not in page.context


def test_with_htmx_the_preview_is_a_fragment_that_keeps_the_form(reviewer_client, publish):
    verdict = publish()
    fragment = reviewer_client.get(INDEX, {"rating": "mostly-true"}, **HTMX)
    assert fragment.status_code == 200
    assert "<html" not in fragment.text
    assert fragment.text.lstrip().startswith('<div id="report">')
    assert verdict.claim.text in fragment.text
    assert 'hx-get="/reports/"' in fragment.text

    page = reviewer_client.get(INDEX, {"rating": "mostly-true"})
    assert "<html" in page.text and 'id="report"' in page.text


def test_stored_text_is_escaped_on_the_screen_and_in_the_printable_report(reviewer_client, publish):
    claim = ClaimFactory(
        status=Claim.Status.PUBLISHED, text="<script>alert('claim')</script>", speaker="<b>x</b>"
    )
    verdict = publish(claim, summary="<img src=x onerror=alert(1)>")
    verdict.sources.set([SourceFactory(claim=claim, title="<i>source</i>")])

    for url in (INDEX, PRINT):
        text = reviewer_client.get(url).text
        assert "<script>alert(" not in text and "<img src=x" not in text
        assert "&lt;script&gt;alert(&#x27;claim&#x27;)&lt;/script&gt;" in text
        assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "&lt;i&gt;source&lt;/i&gt;" in reviewer_client.get(PRINT).text

    raw = downloaded(reviewer_client.get(DOWNLOAD, {"format": "csv"}))
    assert "<script>alert('claim')</script>" in raw and "&lt;" not in raw


def test_preview_query_count_does_not_grow_with_rows(
    reviewer_client, publish, django_assert_max_num_queries
):
    for _ in range(40):
        verdict = publish()
        verdict.sources.set([SourceFactory(claim=verdict.claim)])
    with django_assert_max_num_queries(12):
        page = reviewer_client.get(INDEX)
    assert len(page.context["verdicts"]) == 40


# Downloads -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content_type", "extension"),
    [
        ("csv", "text/csv; charset=utf-8", "csv"),
        ("json", "application/json; charset=utf-8", "json"),
        ("jsonl", "application/jsonl; charset=utf-8", "jsonl"),
        ("claimreview", "application/ld+json; charset=utf-8", "jsonld"),
    ],
)
def test_downloads_stream_an_attachment_in_each_format(
    reviewer_client, publish, name, content_type, extension
):
    publish()
    response = reviewer_client.get(DOWNLOAD, {"format": name})
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith('attachment; filename="verdicts-')
    assert response["Content-Disposition"].endswith(f'.{extension}"')
    assert downloaded(response)


def test_a_download_holds_what_the_preview_shows(reviewer_client, publish):
    wanted = publish(rating="false")
    publish(rating="true")
    response = reviewer_client.get(DOWNLOAD, {"format": "csv", "rating": "false"})
    rows = list(csv.DictReader(io.StringIO(downloaded(response), newline="")))
    assert [row["verdict_id"] for row in rows] == [str(wanted.pk)]


def test_download_query_count_does_not_grow_with_rows(
    reviewer_client, publish, django_assert_max_num_queries
):
    for _ in range(40):
        verdict = publish()
        verdict.sources.set([SourceFactory(claim=verdict.claim)])
    with django_assert_max_num_queries(8):
        response = reviewer_client.get(DOWNLOAD, {"format": "json"})
        records = json.loads(downloaded(response))
    assert len(records) == 40


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"format": "xml"}, "There is no format “xml”"),
        ({}, "Choose a format"),
        ({"format": "csv", "since": "2024-02-01", "until": "2024-01-01"}, "end date is before"),
        ({"format": "csv", "article": "424242"}, "There is no article number 424242"),
    ],
)
def test_bad_download_parameters_get_the_page_with_the_message(reviewer_client, params, message):
    response = reviewer_client.get(DOWNLOAD, params)
    assert response.status_code == 400
    assert not response.streaming
    assert message in response.text
    assert "<html" in response.text


# The printable report ------------------------------------------------------------------


def test_the_printable_report_lists_claims_in_order_under_each_article(
    reviewer_client, publish, article_with_claims
):
    _, claims = article_with_claims(title="Ukraine arms its citizens")
    for claim, rating in zip(claims, ["false", "true", "false"], strict=True):
        verdict = publish(claim, rating=rating, summary=f"Summary of claim at {claim.start}.")
        verdict.sources.set([SourceFactory(claim=claim, title=f"Source {claim.start}")])

    page = reviewer_client.get(PRINT)

    assert page.status_code == 200
    text = page.text
    assert text.count("Ukraine arms its citizens") == 1
    positions = [text.index(f"Summary of claim at {start}.") for start in (0, 40, 80)]
    assert positions == sorted(positions)
    assert "Source 40" in text and "https://example.org/evidence/" in text
    assert "approved by ada" in text


def test_the_printable_report_has_a_summary_table_and_an_svg_bar_chart(reviewer_client, publish):
    publish(rating="false")
    publish(rating="false")
    publish(rating="true")

    page = reviewer_client.get(PRINT)

    counts = {row.rating.slug: row.count for row in page.context["counts"]}
    assert (counts["false"], counts["true"], counts["unproven"]) == (2, 1, 0)
    bars = {bar.label: bar.width for bar in page.context["bars"]}
    assert bars["False"] == 240 and bars["True"] == 120 and bars["Unproven"] == 0
    assert '<svg class="bar-chart" role="img"' in page.text
    assert '<title id="chart-title">Verdicts by rating: False 2' in page.text
    assert 'fill="#b42318"' in page.text
    assert "<script src=" not in page.text.split("</head>")[1]


def test_the_printable_report_has_a_print_button_allowed_by_the_csp(reviewer_client):
    page = reviewer_client.get(PRINT)
    assert "data-print hidden" in page.text
    nonce = page.context["csp_nonce"]
    assert f'<script nonce="{nonce}">' in page.text
    assert "window.print()" in page.text


def test_the_printable_report_stops_at_its_limit_and_says_so(reviewer_client, publish, monkeypatch):
    monkeypatch.setattr("factcheck.reports.views.PRINTED_AT_MOST", 3)
    for _ in range(5):
        publish()
    page = reviewer_client.get(PRINT)
    assert len(page.context["verdicts"]) == 3
    assert "the first 3 of 5 verdicts" in page.text


def test_bad_print_parameters_get_the_page_with_the_message(reviewer_client):
    response = reviewer_client.get(PRINT, {"until": "2024-13-45"})
    assert response.status_code == 400
    assert "Enter a date as YYYY-MM-DD" in response.text


# Statuses offered, and unpublished verdicts in print ------------------------------------


def status_boxes(page) -> list[str]:
    return re.findall(r'name="status" value="([a-z_]+)"', page.text)


def test_reviewers_are_offered_only_the_statuses_they_may_export(reviewer_client):
    page = reviewer_client.get(INDEX)
    assert status_boxes(page) == ["published"]
    assert "Reviewers report on published verdicts" in page.text


def test_editors_are_offered_every_status(editor_client):
    assert set(status_boxes(editor_client.get(INDEX))) == set(Verdict.Status.values)


def test_the_printable_report_sets_unpublished_verdicts_apart_and_marks_them(
    editor_client, publish, article_with_claims
):
    _, claims = article_with_claims(title="Ukraine arms its citizens")
    publish(claims[1], summary="Published summary.")
    VerdictFactory(claim=claims[0], status=Verdict.Status.AWAITING_APPROVAL, summary="Draft one.")
    VerdictFactory(claim=claims[2], status=Verdict.Status.SENT_BACK, summary="Draft two.")

    page = editor_client.get(PRINT, {"status": ["published", "awaiting_approval", "sent_back"]})

    assert page.status_code == 200
    text = page.text
    section = text.index('<section class="report-unpublished"')
    assert text.index("Published summary.") < section
    assert section < text.index("Draft one.") and section < text.index("Draft two.")
    assert "Not published: for the newsroom only" in text
    assert "Includes 2 unpublished verdicts" in text
    assert text.count("Not published: Awaiting approval") == 1
    assert text.count("Not published: Sent back") == 1
    assert "Contains unpublished verdicts: not for publication" in text
    # The article heads both parts, each with its own id.
    assert text.count("Ukraine arms its citizens") == 2
    assert len(set(re.findall(r'id="(report-article-[^"]+)"', text))) == 2


def test_a_printable_report_of_published_verdicts_only_has_no_unpublished_mark(
    reviewer_client, publish
):
    publish()
    text = reviewer_client.get(PRINT).text
    assert "report-unpublished" not in text
    assert "not for publication" not in text
