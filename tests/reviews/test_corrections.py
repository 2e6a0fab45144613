"""Corrections after publishing: a correction replaces the published verdict, which stays in
the claim's history; the claim page and ClaimReview say when and what was corrected; an
editor can unpublish a verdict, with a reason, and it leaves every export."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from factcheck.claims.models import Claim
from factcheck.reports.formats import FORMATS, export_verdicts
from factcheck.reports.selectors import VerdictSelection
from factcheck.reviews.models import Event, Rating, Verdict
from factcheck.reviews.services import verdict_approve
from tests.factories import ClaimFactory, EditorFactory, SourceFactory, VerdictFactory

pytestmark = pytest.mark.django_db
Status = Claim.Status
HTMX = {"HTTP_HX_REQUEST": "true"}


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def published(reviewer):
    claim = ClaimFactory(status=Status.AWAITING_APPROVAL, assignee=reviewer)
    verdict = VerdictFactory(claim=claim, author=reviewer, no_source_reason="In the article.")
    verdict = verdict_approve(verdict=verdict, user=EditorFactory(username="ada"))
    verdict.approved_at -= timedelta(days=3)  # published days before it is corrected
    verdict.save(update_fields=["approved_at"])
    return verdict


def claimreview() -> list[dict]:
    return json.loads(
        "".join(export_verdicts(fmt=FORMATS["claimreview"], selection=VerdictSelection()))
    )


def propose_correction(client, claim, **data):
    claim.refresh_from_db()
    source = SourceFactory(claim=claim, url="https://gov.example/revised")
    return client.post(
        reverse("reviews:verdict_propose", args=[claim.pk]),
        {
            "rating": Rating.objects.get(slug="false").pk,
            "summary": "The ministry now says 9,000.",
            "sources": [source.pk],
            "version": claim.version,
            **data,
        },
        **HTMX,
    )


def test_an_editor_corrects_a_published_verdict_and_the_old_one_stays_in_history(editor, published):
    claim = published.claim
    page = logged_in(editor).get(claim.get_absolute_url())
    assert "Propose a correction" in page.text
    assert "What the correction changes" in page.text

    propose_correction(logged_in(editor), claim, correction_note="The ministry revised its figure.")
    correction = Verdict.objects.get(status=Verdict.Status.AWAITING_APPROVAL)
    assert correction.corrects == published
    assert len(claimreview()) == 1  # the published verdict stands while the correction waits
    approver = logged_in(EditorFactory(username="bea"))
    approver.post(
        reverse("reviews:approve", args=[correction.pk]),
        {"version": Claim.objects.get(pk=claim.pk).version, "confirm": "on"},
    )

    published.refresh_from_db()
    correction.refresh_from_db()
    assert (published.status, correction.status) == (
        Verdict.Status.CORRECTED,
        Verdict.Status.PUBLISHED,
    )
    page = logged_in(editor).get(claim.get_absolute_url())
    assert "Corrected " in page.text
    assert "The ministry revised its figure." in page.text
    assert "Replaced by the correction of" in page.text
    assert "published a correction" in page.text
    [review] = claimreview()
    assert review["reviewBody"] == "The ministry now says 9,000."
    assert review["correction"]["text"] == "The ministry revised its figure."
    assert review["correction"]["@type"] == "CorrectionComment"
    assert review["dateModified"] == review["correction"]["datePublished"]
    assert review["datePublished"] < review["dateModified"]


def test_a_correction_without_a_note_is_refused_beside_the_field(editor, published):
    response = propose_correction(logged_in(editor), published.claim)

    assert response.status_code == 200
    assert 'id="id_correction_note_error"' in response.text
    assert not Verdict.objects.filter(status=Verdict.Status.AWAITING_APPROVAL).exists()


def unpublish(client, verdict, reason="The ministry retracted its statement.", **extra):
    claim = Claim.objects.get(pk=verdict.claim_id)
    return client.post(
        reverse("reviews:unpublish", args=[verdict.pk]),
        {"reason": reason, "version": claim.version},
        **extra,
    )


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_an_editor_unpublishes_a_verdict_with_a_reason_and_it_leaves_the_exports(
    editor, reviewer, published, headers
):
    client = logged_in(editor)
    assert "Unpublish" in client.get(published.claim.get_absolute_url()).text

    response = unpublish(client, published, **headers)

    published.refresh_from_db()
    assert published.status == Verdict.Status.WITHDRAWN
    assert (published.withdrawn_by, published.withdrawal_reason) == (
        editor,
        "The ministry retracted its statement.",
    )
    claim = Claim.objects.get(pk=published.claim_id)
    assert (claim.status, claim.assignee) == (Status.IN_RESEARCH, reviewer)
    event = claim.events.latest("id")
    assert (event.action, event.note) == (
        Event.Action.UNPUBLISH,
        "The ministry retracted its statement.",
    )
    assert claimreview() == []
    csv_rows = "".join(export_verdicts(fmt=FORMATS["csv"], selection=VerdictSelection()))
    assert len(csv_rows.splitlines()) == 1
    if headers:
        assert "verdictWithdrawn" in response.headers["HX-Trigger"]
        assert "Unpublished by eddie" in response.text
    else:
        assert response.status_code == 302
        page = client.get(response.url)
        assert "no export carries it now" in page.text
        assert "Unpublished by eddie" in page.text


def test_unpublishing_needs_a_reason(editor, published):
    response = unpublish(logged_in(editor), published, reason="  ", **HTMX)
    assert response.status_code == 200
    assert 'id="id_reason_error"' in response.text
    published.refresh_from_db()
    assert published.status == Verdict.Status.PUBLISHED


def test_a_reviewer_cannot_unpublish(reviewer, published):
    assert "Why unpublish" not in logged_in(reviewer).get(published.claim.get_absolute_url()).text
    assert unpublish(logged_in(reviewer), published).status_code == 403


def test_a_verdict_with_a_correction_waiting_is_not_unpublished(editor, published):
    propose_correction(logged_in(EditorFactory()), published.claim, correction_note="Revised.")

    response = unpublish(logged_in(editor), published, **HTMX)

    assert response.status_code == 409
    assert "A correction of this verdict is awaiting approval" in response.text


def test_an_unpublished_verdict_is_not_unpublished_again(editor, published):
    unpublish(logged_in(editor), published)
    response = unpublish(logged_in(editor), published, **HTMX)
    assert response.status_code == 409
    assert "not published" in response.text
