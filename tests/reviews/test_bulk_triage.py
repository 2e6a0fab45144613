"""Bulk triage: several selected claims decided at once, one event per claim; a claim
someone changed meanwhile is refused and the others still decided."""

import pytest
from django.urls import reverse

from factcheck.claims.models import Claim
from factcheck.reviews.models import Event
from factcheck.reviews.services import BULK_TRIAGE_MAX
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db
Status = Claim.Status


def bulk(client, claims, decision="not_check_worthy", **extra):
    data = {"decision": decision, "claims": [claim.pk for claim in claims]}
    data |= {f"version_{claim.pk}": claim.version for claim in claims}
    return client.post(reverse("reviews:triage_bulk"), data | extra, follow=True)


def test_selected_claims_are_decided_at_once_with_one_event_each(reviewer_client, reviewer):
    chosen = [ClaimFactory(start=5 * n, end=5 * n + 4) for n in range(3)]
    left = ClaimFactory()

    page = bulk(reviewer_client, chosen)

    assert "3 claims: Not check-worthy." in page.text
    assert set(Claim.objects.filter(status=Status.NOT_CHECK_WORTHY)) == set(chosen)
    left.refresh_from_db()
    assert left.status == Status.NEW
    events = Event.objects.filter(action=Event.Action.TRIAGE, actor=reviewer)
    assert sorted(events.values_list("claim_id", flat=True)) == sorted(c.pk for c in chosen)


def test_a_claim_changed_meanwhile_is_refused_and_the_others_decided(reviewer_client):
    fresh, stale = ClaimFactory(), ClaimFactory()
    seen = Claim.objects.get(pk=stale.pk)
    Claim.objects.filter(pk=stale.pk).update(version=seen.version + 1)

    page = bulk(reviewer_client, [fresh, seen], decision="check_worthy")

    assert "1 claim: Check-worthy." in page.text
    assert f"Claim {stale.pk} was not decided: Someone else changed this claim" in page.text
    stale.refresh_from_db()
    assert stale.status == Status.NEW


def test_bulk_triage_returns_to_the_queue_it_came_from(reviewer_client):
    claim = ClaimFactory()
    back = reverse("reviews:triage") + "?view=skipped"
    data = {"decision": "check_worthy", "claims": [claim.pk], f"version_{claim.pk}": 1}
    response = reviewer_client.post(reverse("reviews:triage_bulk"), data | {"next": back})
    assert response.url == back


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"decision": "check_worthy"}, "Select the claims to decide first."),
        ({"decision": "check_worthy", "claims": ["abc"]}, "Select up to"),
        (
            {"decision": "check_worthy", "claims": [str(n) for n in range(1, BULK_TRIAGE_MAX + 2)]},
            "Select up to",
        ),
        ({"decision": "skip", "claims": ["1"]}, "Choose a decision."),
    ],
)
def test_a_bad_selection_is_answered_with_a_clear_message(reviewer_client, data, message):
    page = reviewer_client.post(reverse("reviews:triage_bulk"), data, follow=True)
    assert page.status_code == 200
    assert message in page.text


def test_bulk_triage_is_for_people_who_triage(client, outsider):
    client.force_login(outsider)
    assert client.post(reverse("reviews:triage_bulk"), {}).status_code == 403


def test_each_new_row_has_a_box_to_select_it(reviewer_client):
    claim = ClaimFactory()
    page = reviewer_client.get(reverse("reviews:triage"))
    assert f'aria-label="Select: {claim.text}' in page.text
    assert 'form="bulk-triage"' in page.text
    assert "Not check-worthy: selected" in page.text
