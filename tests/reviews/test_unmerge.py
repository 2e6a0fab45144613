"""A merge can be undone, and a merged claim's page says plainly what it is a duplicate of,
without offering that claim again as a suggestion."""

import pytest
from django.urls import reverse

from factcheck.claims.models import Claim
from factcheck.matching.models import ClaimMatch
from factcheck.reviews.models import Event
from factcheck.reviews.services import claim_merge
from tests.factories import ClaimFactory, EditorFactory

pytestmark = pytest.mark.django_db
Status = Claim.Status
HTMX = {"HTTP_HX_REQUEST": "true"}


def merged(status=Status.NEW, **fields):
    canonical = ClaimFactory(status=Status.CHECK_WORTHY)
    claim = ClaimFactory(status=status, **fields)
    ClaimMatch.objects.create(claim=claim, candidate=canonical, score=0.8)
    return claim_merge(claim=claim, canonical=canonical, user=EditorFactory()), canonical


def unmerge(client, claim, **extra):
    return client.post(
        reverse("reviews:unmerge", args=[claim.pk]), {"version": claim.version}, **extra
    )


def test_a_merged_claim_says_it_is_a_duplicate_and_does_not_suggest_its_claim(editor_client):
    claim, canonical = merged()

    page = editor_client.get(claim.get_absolute_url())

    assert f"Duplicate of claim {canonical.pk}" in page.text
    assert f"Confirm match with claim {canonical.pk}" not in page.text
    assert "Suggested match" not in page.text
    assert page.context["suggested_matches"] == []


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_an_editor_undoes_a_merge_and_the_claim_is_back_where_it_was(editor_client, headers):
    claim, canonical = merged(status=Status.NOT_CHECK_WORTHY)
    assert "Undo merge" in editor_client.get(claim.get_absolute_url()).text

    response = unmerge(editor_client, claim, **headers)

    claim.refresh_from_db()
    assert (claim.status, claim.canonical) == (Status.NOT_CHECK_WORTHY, None)
    event = claim.events.latest("id")
    assert (event.action, event.note) == (
        Event.Action.UNMERGE,
        f"Was a duplicate of claim {canonical.pk}",
    )
    if headers:
        assert "claimMoved" in response.headers["HX-Trigger"]
    else:
        assert "Merge undone" in editor_client.get(response.url).text


def test_a_claim_merged_while_in_research_comes_back_check_worthy(editor_client, reviewer):
    claim, _ = merged(status=Status.IN_RESEARCH, assignee=reviewer)
    unmerge(editor_client, claim)
    claim.refresh_from_db()
    assert (claim.status, claim.assignee) == (Status.CHECK_WORTHY, None)


def test_a_claim_linked_by_a_match_is_unlinked_with_not_the_same_not_undo_merge(editor_client):
    canonical = ClaimFactory(status=Status.CHECK_WORTHY)
    claim = ClaimFactory(status=Status.DUPLICATE, canonical=canonical)
    Event.objects.create(
        claim=claim, action=Event.Action.MATCH_CONFIRM, from_value="new", to_value="duplicate"
    )
    assert "Undo merge" not in editor_client.get(claim.get_absolute_url()).text

    response = unmerge(editor_client, claim, **HTMX)

    assert response.status_code == 409
    assert "Not the same" in response.text


def test_undoing_a_merge_is_for_editors(reviewer_client):
    claim, _ = merged()
    assert "Undo merge" not in reviewer_client.get(claim.get_absolute_url()).text
    assert unmerge(reviewer_client, claim).status_code == 403


def test_a_claim_that_is_no_duplicate_has_no_merge_to_undo(editor_client):
    claim = ClaimFactory()
    response = unmerge(editor_client, claim, **HTMX)
    assert response.status_code == 409
    assert "not a duplicate" in response.text
