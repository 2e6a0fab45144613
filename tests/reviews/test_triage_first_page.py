"""The first page of the triage queue is kept under the queue's stamp: reloading it reads
no claim, yet every change shows on the next load.

The stamp is only trusted outside a transaction, as requests run: these tests commit."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from factcheck.claims.models import Claim
from tests.factories import ArticleFactory, ClaimFactory, ReviewerFactory
from tests.reviews.test_fragments import form_token
from tests.triage import queue

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
HTMX = {"HTTP_HX_REQUEST": "true"}
TRIAGE = reverse("reviews:triage")


def claims(n, article=None):
    article = article or ArticleFactory()
    return [
        ClaimFactory(article=article, start=n, end=n + 5, score=round(0.9 - n / 100, 2))
        for n in range(n)
    ]


def load(client, path=TRIAGE) -> tuple:
    """The page and the tables its queries read."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response, " ".join(query["sql"] for query in queries)


def test_a_reload_of_the_first_page_reads_no_claim(reviewer_client):
    listed = claims(30)
    first, _ = load(reviewer_client)

    again, read = load(reviewer_client)

    assert '"claims_claim"' not in read and "matching_claimmatch" not in read
    assert queue(again) == queue(first) == [claim.pk for claim in listed[:25]]
    assert "More claims" in again.text


def test_a_decision_shows_on_the_next_load(reviewer_client):
    decided, kept = claims(2)
    load(reviewer_client)

    reviewer_client.post(
        reverse("reviews:triage_decide", args=[decided.pk]),
        {"decision": "check_worthy", "version": decided.version},
        **HTMX,
    )

    page, _ = load(reviewer_client)
    assert queue(page) == [kept.pk]
    assert '<span class="count">1</span> Check-worthy' in page.text


def test_a_retitled_article_and_an_edited_claim_show_on_the_next_load(reviewer_client):
    [claim] = claims(1)
    load(reviewer_client)

    claim.article.title = "A title set in the admin"
    claim.article.save()
    Claim.objects.filter(pk=claim.pk).update(speaker="The minister")

    page, _ = load(reviewer_client)
    assert "A title set in the admin" in page.text
    assert "The minister" in page.text


def test_rows_kept_for_one_viewer_carry_the_next_viewers_own_csrf_token(reviewer):
    [claim] = claims(1)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(reviewer)
    second.force_login(ReviewerFactory())
    load(first)  # keeps the page

    page, read = load(second)

    assert '"claims_claim"' not in read  # the kept page
    decide = reverse("reviews:triage_decide", args=[claim.pk])
    token = form_token(page.text, decide)
    response = second.post(
        decide, {"decision": "skip", "version": 1, "csrfmiddlewaretoken": token}, **HTMX
    )
    assert response.status_code == 200


def test_claims_a_reviewer_skipped_stay_hidden_from_them_alone(reviewer_client):
    skipped, kept = claims(2)
    colleague = Client()
    colleague.force_login(ReviewerFactory())
    load(colleague)

    reviewer_client.post(
        reverse("reviews:triage_decide", args=[skipped.pk]),
        {"decision": "skip", "version": 1},
        **HTMX,
    )

    assert queue(load(reviewer_client)[0]) == [kept.pk]
    assert queue(load(colleague)[0]) == [skipped.pk, kept.pk]


@pytest.mark.parametrize("query", ["?speaker=minister", "?min_score=0.5", "?after=0.5_1"])
def test_a_filtered_or_later_page_is_read_afresh(reviewer_client, query):
    claims(3)
    load(reviewer_client, TRIAGE + query)

    _, read = load(reviewer_client, TRIAGE + query)

    assert '"claims_claim"' in read


@pytest.mark.parametrize(
    ("query", "reported"),
    [("?min_score=abc", True), ("?type=nonsense", True), ("?after=garbage", False)],
)
def test_a_bad_filter_on_the_kept_first_page_is_reported_beside_the_kept_rows(
    reviewer_client, query, reported
):
    listed = claims(3)
    load(reviewer_client)  # keeps the page

    page, read = load(reviewer_client, TRIAGE + query)

    assert '"claims_claim"' not in read  # ignored values leave the unfiltered first page
    assert queue(page) == [claim.pk for claim in listed]
    assert ('class="errorlist"' in page.text) is reported
