"""Evidence before approval: a verdict rests on sources or says why it needs none, the
approval queue shows what each verdict rests on, and Approve asks to be confirmed."""

import pytest
from django.test import Client
from django.urls import reverse

from factcheck.claims.models import Claim
from factcheck.reviews.models import Rating, Verdict
from tests.factories import ClaimFactory, SourceFactory, VerdictFactory

pytestmark = pytest.mark.django_db
Status = Claim.Status
HTMX = {"HTTP_HX_REQUEST": "true"}


def propose(client, claim, **data):
    rating = Rating.objects.get(slug="false")
    return client.post(
        reverse("reviews:verdict_propose", args=[claim.pk]),
        {"rating": rating.pk, "summary": "No such delivery.", "version": claim.version, **data},
        **HTMX,
    )


def researching(reviewer):
    return ClaimFactory(status=Status.IN_RESEARCH, assignee=reviewer)


def test_a_verdict_on_no_source_needs_a_reason(reviewer_client, reviewer):
    claim = researching(reviewer)

    response = propose(reviewer_client, claim)

    assert response.status_code == 200
    assert "or say why it needs none" in response.text
    assert 'id="id_no_source_reason_error"' in response.text
    assert not Verdict.objects.exists()


@pytest.mark.parametrize("reason", ["   ", "x" * 1001])
def test_a_blank_or_overlong_reason_is_refused(reviewer_client, reviewer, reason):
    response = propose(reviewer_client, researching(reviewer), no_source_reason=reason)
    assert 'id="id_no_source_reason_error"' in response.text
    assert not Verdict.objects.exists()


def test_the_reason_for_no_source_goes_with_the_verdict_to_the_editor(
    reviewer_client, reviewer, editor
):
    claim = researching(reviewer)

    propose(reviewer_client, claim, no_source_reason="The article links the ministry's table.")

    verdict = Verdict.objects.get()
    assert verdict.no_source_reason == "The article links the ministry's table."
    page = reviewer_client.get(claim.get_absolute_url())
    assert "No source needed: The article links the ministry&#x27;s table." in page.text
    editor_client = Client()
    editor_client.force_login(editor)
    queue = editor_client.get(reverse("reviews:approvals"))
    assert "No source.</strong> No source needed: The article links" in queue.text


def test_a_verdict_on_sources_keeps_no_reason(reviewer_client, reviewer):
    claim = researching(reviewer)
    source = SourceFactory(claim=claim, added_by=reviewer)

    propose(reviewer_client, claim, sources=[source.pk], no_source_reason="Left over")

    assert Verdict.objects.get().no_source_reason == ""


def test_the_approval_queue_counts_each_verdicts_sources_and_flags_none(editor_client, reviewer):
    claim = ClaimFactory(status=Status.AWAITING_APPROVAL, assignee=reviewer)
    verdict = VerdictFactory(claim=claim, author=reviewer)
    verdict.sources.set(SourceFactory.create_batch(2, claim=claim, added_by=reviewer))
    bare = ClaimFactory(status=Status.AWAITING_APPROVAL, assignee=reviewer, start=30, end=40)
    VerdictFactory(claim=bare, author=reviewer)

    queue = editor_client.get(reverse("reviews:approvals"))

    assert "Rests on 2 sources" in queue.text
    assert queue.text.count('class="warning source-count"') == 1
    assert "No reason given." in queue.text


def awaiting(reviewer):
    claim = ClaimFactory(status=Status.AWAITING_APPROVAL, assignee=reviewer)
    return VerdictFactory(claim=claim, author=reviewer)


def approve(client, verdict, *, confirm=False, **headers):
    data = {"version": verdict.claim.version} | ({"confirm": "on"} if confirm else {})
    return client.post(reverse("reviews:approve", args=[verdict.pk]), data, **headers)


def test_approve_without_javascript_asks_to_confirm_on_a_page_of_its_own(editor_client, reviewer):
    verdict = awaiting(reviewer)

    response = approve(editor_client, verdict)

    assert response.status_code == 200
    assert "<h1>Approve this verdict?</h1>" in response.text
    assert 'name="confirm" value="on"' in response.text
    assert "Yes, approve" in response.text
    verdict.refresh_from_db()
    assert verdict.status == Verdict.Status.AWAITING_APPROVAL

    response = approve(editor_client, verdict, confirm=True)

    assert response.status_code == 302
    verdict.refresh_from_db()
    assert verdict.status == Verdict.Status.PUBLISHED


def test_approve_with_htmx_turns_its_row_into_the_confirm_step(editor_client, reviewer):
    verdict = awaiting(reviewer)

    response = approve(editor_client, verdict, **HTMX)

    assert "<html" not in response.text
    assert f'id="verdict-{verdict.pk}"' in response.text
    assert "Publish this verdict?" in response.text
    assert "resting on no source" in response.text
    assert "HX-Trigger" not in response.headers
    verdict.refresh_from_db()
    assert verdict.status == Verdict.Status.AWAITING_APPROVAL


def test_the_confirm_step_is_refused_for_ones_own_verdict(editor_client, editor):
    assert approve(editor_client, awaiting(editor)).status_code == 403


def test_the_confirm_step_says_when_the_verdict_is_no_longer_waiting(editor_client, reviewer):
    verdict = awaiting(reviewer)
    verdict.status = Verdict.Status.SENT_BACK
    verdict.save()

    response = approve(editor_client, verdict, **HTMX)

    assert response.status_code == 409
    assert "This verdict is Sent back." in response.text
