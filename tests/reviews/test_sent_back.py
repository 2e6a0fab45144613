"""A verdict sent back: its reviewer sees it as Sent back in My claims, the editor's note
beside the verdict form, and a form that starts from the verdict sent back."""

import pytest
from django.urls import reverse

from factcheck.claims.models import Claim
from factcheck.reviews.services import verdict_send_back
from tests.factories import ClaimFactory, EditorFactory, SourceFactory, VerdictFactory

pytestmark = pytest.mark.django_db
Status = Claim.Status
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def sent_back(reviewer):
    claim = ClaimFactory(status=Status.AWAITING_APPROVAL, assignee=reviewer)
    source = SourceFactory(claim=claim, added_by=reviewer, title="Ministry statement")
    verdict = VerdictFactory(claim=claim, author=reviewer, summary="The ministry says 18,000.")
    verdict.sources.set([source])
    verdict_send_back(
        verdict=verdict, user=EditorFactory(username="erin"), note="Which ministry? Link it."
    )
    return verdict


def test_my_claims_shows_a_sent_back_claim_as_sent_back(reviewer_client, reviewer, sent_back):
    ClaimFactory(status=Status.IN_RESEARCH, assignee=reviewer, start=30, end=40)

    page = reviewer_client.get(reverse("reviews:my_claims"))

    assert page.text.count("Sent back") == 1
    assert page.text.count("In research") == 1


def test_the_editors_note_stands_beside_the_verdict_form(reviewer_client, sent_back):
    page = reviewer_client.get(sent_back.claim.get_absolute_url())

    assert "Sent back by erin" in page.text
    assert "Which ministry? Link it." in page.text
    form = page.context["verdict_form"]
    assert form.initial["summary"] == "The ministry says 18,000."
    assert form.initial["rating"] == sent_back.rating_id
    assert form.initial["sources"] == [sent_back.sources.get().pk]
    assert "The ministry says 18,000.</textarea>" in page.text


def test_what_the_reviewer_typed_since_wins_over_the_verdict_sent_back(reviewer_client, sent_back):
    claim = sent_back.claim
    reviewer_client.post(
        reverse("reviews:draft", args=[claim.pk, "verdict"]), {"summary": "Rewritten."}
    )

    panel = reviewer_client.get(reverse("reviews:panel", args=[claim.pk, "verdict"]), **HTMX)

    assert "Rewritten.</textarea>" in panel.text
    assert "Which ministry? Link it." in panel.text


def test_a_verdict_proposed_again_leaves_sent_back(reviewer_client, reviewer, sent_back):
    claim = sent_back.claim
    claim.refresh_from_db()
    reviewer_client.post(
        reverse("reviews:verdict_propose", args=[claim.pk]),
        {
            "rating": sent_back.rating_id,
            "summary": "The defence ministry says 18,000.",
            "sources": [sent_back.sources.get().pk],
            "version": claim.version,
        },
    )

    assert "Sent back" not in reviewer_client.get(reverse("reviews:my_claims")).text
    page = reviewer_client.get(claim.get_absolute_url())
    assert "Which ministry? Link it." in page.text  # in the timeline only
    assert "Sent back by" not in page.text
