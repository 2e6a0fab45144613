"""Undo and revisit: decided claims return to New, skipped ones are listed and put back,
and each queue a claim can be left in has a view of its own."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from factcheck.claims.models import Claim
from factcheck.reviews.models import Event, Verdict
from factcheck.reviews.services import claim_triage, verdict_send_back
from tests.factories import ClaimFactory, EditorFactory, VerdictFactory
from tests.triage import queue

pytestmark = pytest.mark.django_db
Status = Claim.Status
HTMX = {"HTTP_HX_REQUEST": "true"}


def decided(user, decision=Status.NOT_CHECK_WORTHY, *, days_ago=0, **fields) -> Claim:
    claim = claim_triage(claim=ClaimFactory(**fields), user=user, decision=decision)
    if days_ago:
        claim.events.update(created_at=timezone.now() - timedelta(days=days_ago))
    return claim


def reopen(client, claim, **extra):
    return client.post(
        reverse("reviews:reopen", args=[claim.pk]), {"version": claim.version}, **extra
    )


# Return to New, from the claim page -----------------------------------------------------


@pytest.mark.parametrize("decision", [Status.NOT_CHECK_WORTHY, Status.CHECK_WORTHY])
def test_reviewer_returns_a_claim_decided_today_to_new_from_its_page(
    reviewer_client, reviewer, decision
):
    claim = decided(reviewer, decision)
    page = reviewer_client.get(claim.get_absolute_url())
    assert "Return to New" in page.text

    response = reopen(reviewer_client, claim, follow=True)

    claim.refresh_from_db()
    assert claim.status == Status.NEW
    assert f"Claim {claim.pk} is New again" in response.text
    event = claim.events.latest("id")
    assert (event.action, event.actor, event.from_value, event.to_value) == (
        Event.Action.REOPEN,
        reviewer,
        decision,
        Status.NEW,
    )
    assert "returned it to New" in response.text


def test_a_reviewer_cannot_return_a_claim_decided_before_today(reviewer_client, reviewer):
    claim = decided(reviewer, days_ago=2)
    assert "Return to New" not in reviewer_client.get(claim.get_absolute_url()).text

    response = reopen(reviewer_client, claim)

    assert response.status_code == 409
    assert "only an editor can return it to New" in response.text
    claim.refresh_from_db()
    assert claim.status == Status.NOT_CHECK_WORTHY


def test_an_editor_returns_a_claim_to_new_at_any_time(editor_client, reviewer):
    claim = decided(reviewer, days_ago=30)
    assert "Return to New" in editor_client.get(claim.get_absolute_url()).text

    response = reopen(editor_client, claim, **HTMX)

    assert response.status_code == 200
    assert "claimMoved" in response.headers["HX-Trigger"]
    assert 'id="claim-heading"' in response.text
    claim.refresh_from_db()
    assert claim.status == Status.NEW


def test_a_claim_in_research_is_not_returned_to_new(editor_client, reviewer):
    claim = ClaimFactory(status=Status.IN_RESEARCH, assignee=reviewer)
    assert "Return to New" not in editor_client.get(claim.get_absolute_url()).text

    response = reopen(editor_client, claim, **HTMX)

    assert response.status_code == 409
    assert "only a claim decided Check-worthy, Not check-worthy or Not a claim" in response.text


def test_returning_a_claim_someone_changed_meanwhile_is_refused(editor_client, reviewer):
    claim = decided(reviewer)
    response = editor_client.post(
        reverse("reviews:reopen", args=[claim.pk]), {"version": claim.version - 1}, **HTMX
    )
    assert response.status_code == 409
    assert "Someone else changed this claim" in response.text


def test_return_to_new_needs_the_version_and_a_triage_role(client, outsider, reviewer):
    claim = decided(reviewer)
    client.force_login(outsider)
    assert reopen(client, claim).status_code == 403
    client.force_login(reviewer)
    assert client.post(reverse("reviews:reopen", args=[claim.pk]), {}).status_code == 400


# Skipped ------------------------------------------------------------------------------


def skip(client, claim):
    client.post(
        reverse("reviews:triage_decide", args=[claim.pk]),
        {"decision": "skip", "version": claim.version},
    )


def test_skipped_claims_are_listed_in_skipped_and_put_back(reviewer_client):
    kept, skipped = ClaimFactory(score=0.9), ClaimFactory(score=0.5)
    skip(reviewer_client, skipped)
    url = reverse("reviews:triage")
    assert queue(reviewer_client.get(url)) == [kept.pk]
    page = reviewer_client.get(url, {"view": "skipped"})
    assert queue(page) == [skipped.pk]
    assert "Put back" in page.text
    assert "Skip:" not in page.text

    response = reviewer_client.post(reverse("reviews:triage_put_back", args=[skipped.pk]), **HTMX)

    assert "Back in the queue" in response.text
    assert "claimTriaged" in response.headers["HX-Trigger"]
    assert queue(reviewer_client.get(url)) == [kept.pk, skipped.pk]
    assert queue(reviewer_client.get(url, {"view": "skipped"})) == []


def test_put_back_without_javascript_returns_to_the_skipped_view(reviewer_client):
    claim = ClaimFactory()
    skip(reviewer_client, claim)
    skipped_view = reverse("reviews:triage") + "?view=skipped"

    response = reviewer_client.post(
        reverse("reviews:triage_put_back", args=[claim.pk]), {"next": skipped_view}
    )

    assert response.status_code == 302
    assert response.url == skipped_view


def test_a_skipped_claim_can_be_decided_from_the_skipped_view(reviewer_client):
    claim = ClaimFactory()
    skip(reviewer_client, claim)
    page = reviewer_client.get(reverse("reviews:triage"), {"view": "skipped"})
    assert f'aria-label="Check-worthy: {claim.text}' in page.text


# Queues by status ----------------------------------------------------------------------


def test_not_check_worthy_claims_have_a_queue_and_return_to_new_from_it(reviewer_client, reviewer):
    claim = decided(reviewer)
    ClaimFactory()
    url = reverse("reviews:triage")
    page = reviewer_client.get(url, {"view": "not_check_worthy"})
    assert queue(page) == [claim.pk]
    assert f'aria-label="Return to New: {claim.text}' in page.text
    assert 'aria-current="page">Not check-worthy' in page.text

    response = reviewer_client.post(
        reverse("reviews:triage_reopen", args=[claim.pk]), {"version": claim.version}, **HTMX
    )

    assert "Returned to New" in response.text
    claim.refresh_from_db()
    assert claim.status == Status.NEW


def test_a_decided_queue_says_why_a_reviewer_may_not_return_an_old_claim(reviewer_client, reviewer):
    claim = decided(reviewer, days_ago=3)
    page = reviewer_client.get(reverse("reviews:triage"), {"view": "not_check_worthy"})
    assert queue(page) == [claim.pk]
    assert "Return to New:" not in page.text
    assert "only an editor can return it to New" in page.text


def test_sent_back_claims_have_a_queue(reviewer_client, reviewer):
    claim = ClaimFactory(status=Status.AWAITING_APPROVAL, assignee=reviewer)
    verdict = VerdictFactory(claim=claim, author=reviewer)
    verdict_send_back(verdict=verdict, user=EditorFactory(), note="Which ministry?")
    VerdictFactory(
        claim=ClaimFactory(status=Status.AWAITING_APPROVAL, assignee=reviewer),
        status=Verdict.Status.AWAITING_APPROVAL,
    )

    page = reviewer_client.get(reverse("reviews:triage"), {"view": "sent_back"})

    assert queue(page) == [claim.pk]
    assert "Sent back" in page.text
    assert f"with {reviewer.username}" in page.text


@pytest.mark.parametrize(
    "view", ["new", "skipped", "check_worthy", "not_check_worthy", "sent_back"]
)
def test_every_queue_is_offered_and_an_empty_one_says_so(reviewer_client, view):
    page = reviewer_client.get(reverse("reviews:triage"), {"view": view})
    assert page.status_code == 200
    assert 'class="empty"' in page.text
    for label in ["Skipped", "Not check-worthy", "Sent back"]:
        assert f">{label}</a>" in page.text


def test_an_unknown_queue_is_the_new_one(reviewer_client):
    claim = ClaimFactory()
    assert queue(reviewer_client.get(reverse("reviews:triage"), {"view": "nonsense"})) == [claim.pk]


def test_filters_keep_the_queue_they_filter(reviewer_client, reviewer):
    low = decided(reviewer, score=0.2)
    high = decided(reviewer, score=0.9)
    page = reviewer_client.get(
        reverse("reviews:triage"), {"view": "not_check_worthy", "min_score": "0.5"}
    )
    assert queue(page) == [high.pk]
    assert low.pk not in queue(page)
    assert 'name="view" value="not_check_worthy"' in page.text


def test_an_invalid_score_range_is_reported_and_the_other_filters_still_apply(reviewer_client):
    ukraine = ClaimFactory(speaker="Ukraine", score=0.8)
    ClaimFactory(speaker="the US", score=0.7)

    page = reviewer_client.get(
        reverse("reviews:triage"), {"speaker": "ukr", "min_score": "0.9", "max_score": "0.1"}
    )

    assert "must not be below" in page.text
    assert queue(page) == [ukraine.pk]
    assert 'value="ukr"' in page.text


def test_claims_marked_not_a_claim_have_a_queue_with_their_reason_and_return_to_new(
    reviewer_client, reviewer
):
    from factcheck.claims.services import claim_mark_not_a_claim

    claim = claim_mark_not_a_claim(claim=ClaimFactory(), user=reviewer, reason="byline", version=1)
    url = reverse("reviews:triage")

    page = reviewer_client.get(url, {"view": "not_a_claim"})

    assert queue(page) == [claim.pk]
    assert "Byline or credit" in page.text
    assert "Return to New" in page.text
    reopen(reviewer_client, claim)
    claim.refresh_from_db()
    assert (claim.status, claim.non_claim_reason) == (Status.NEW, "")
    assert queue(reviewer_client.get(url, {"view": "not_a_claim"})) == []


def test_only_an_editor_returns_an_older_not_a_claim_to_new(reviewer_client, reviewer):
    from factcheck.claims.services import claim_mark_not_a_claim

    claim = claim_mark_not_a_claim(claim=ClaimFactory(), user=reviewer, reason="caption",
                                   version=1)  # fmt: skip
    claim.events.update(created_at=timezone.now() - timedelta(days=3))

    assert (
        "only an editor"
        in reviewer_client.get(reverse("reviews:triage"), {"view": "not_a_claim"}).text
    )
