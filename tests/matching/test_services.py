"""Matching after extraction, and a reviewer's confirm or reject."""

import pytest
from django.core.exceptions import PermissionDenied

from factcheck.claims.models import Claim
from factcheck.claims.services import claims_extract_for_article
from factcheck.claims.workflow import StaleClaim, WorkflowError
from factcheck.matching.models import ClaimBand, ClaimFingerprint, ClaimMatch
from factcheck.matching.selectors import attach_suggested_matches, match_panel
from factcheck.matching.services import (
    match_confirm,
    match_reject,
    matches_find_for_articles,
    matches_find_for_claims,
)
from tests.factories import ArticleFactory
from tests.matching.conftest import GUNS

pytestmark = pytest.mark.django_db
Status = Claim.Status
MatchStatus = ClaimMatch.Status


def test_a_repeated_claim_is_linked_automatically_to_the_earlier_one(make_claim):
    first = make_claim()
    matches_find_for_claims(claims=[first])
    repeat = make_claim(GUNS + ".")

    [match] = matches_find_for_claims(claims=[repeat])

    repeat.refresh_from_db()
    assert match.status == MatchStatus.AUTO_LINKED
    assert match.candidate == first
    assert repeat.status == Status.DUPLICATE
    assert repeat.canonical == first
    event = repeat.events.get()
    assert event.action == "match_auto_link"
    assert event.actor is None
    assert ClaimFingerprint.objects.filter(claim=repeat).exists()
    assert ClaimBand.objects.filter(claim=repeat).count() > 0


def test_a_link_goes_to_the_canonical_claim_of_a_duplicate(make_claim):
    first = make_claim()
    second = make_claim()
    third = make_claim()
    matches_find_for_claims(claims=[first])
    matches_find_for_claims(claims=[second])

    [match] = matches_find_for_claims(claims=[third])

    assert match.candidate == first


def test_a_likely_match_is_only_suggested(make_claim):
    first = make_claim()
    matches_find_for_claims(claims=[first])
    other_speaker = make_claim(speaker="Vladimir Putin")

    [match] = matches_find_for_claims(claims=[other_speaker])

    other_speaker.refresh_from_db()
    assert match.status == MatchStatus.SUGGESTED
    assert other_speaker.status == Status.NEW
    assert other_speaker.canonical is None


def test_a_claim_marked_not_a_claim_is_never_a_match(make_claim):
    marked = make_claim(status=Status.NOT_A_CLAIM, non_claim_reason="caption")
    matches_find_for_claims(claims=[marked])

    assert matches_find_for_claims(claims=[make_claim()]) == []


def test_a_suggestion_whose_candidate_is_then_marked_not_a_claim_is_no_longer_offered(
    suggestion, reviewer
):
    claim = suggestion.claim
    assert attach_suggested_matches([claim])[0].suggested_match == suggestion
    Claim.objects.filter(pk=suggestion.candidate_id).update(
        status=Status.NOT_A_CLAIM, non_claim_reason="caption"
    )

    assert attach_suggested_matches([claim])[0].suggested_match is None
    assert match_panel(claim=claim, user=reviewer)["suggested_matches"] == []


def test_a_short_claim_is_never_linked_automatically(make_claim):
    first = make_claim("Russia used its veto", speaker="")
    matches_find_for_claims(claims=[first])
    again = make_claim("Russia used its veto", speaker="")

    [match] = matches_find_for_claims(claims=[again])

    assert match.status == MatchStatus.SUGGESTED


def test_claims_with_other_figures_or_in_the_same_article_are_not_matched(make_claim):
    first = make_claim()
    matches_find_for_claims(claims=[first])
    changed = make_claim(GUNS.replace("18,000", "20,000"))
    same_article = make_claim(article=first.article, start=30, end=40)

    assert matches_find_for_claims(claims=[changed, same_article]) == []


def test_extraction_matches_new_claims_against_earlier_articles():
    body = (
        "Ukraine said 18,000 guns had been given to residents to defend against Russia, "
        "while the US has pledged to provide $600m in military assistance."
    )
    first = ArticleFactory(body=body)
    claims_extract_for_article(article=first)
    second = ArticleFactory(body=body + "\n\nMore news later.")

    claims_extract_for_article(article=second)

    linked = Claim.objects.filter(article=second, status=Status.DUPLICATE)
    assert linked.count() == 2
    assert {claim.canonical.article_id for claim in linked} == {first.pk}


def test_claims_inserted_in_bulk_are_matched_by_article(make_claim):
    first = make_claim()
    matches_find_for_claims(claims=[first])
    repeat = make_claim()

    matches_find_for_articles(article_ids=[repeat.article_id])

    assert ClaimMatch.objects.get(claim=repeat).status == MatchStatus.AUTO_LINKED


@pytest.fixture
def suggestion(make_claim):
    first = make_claim()
    matches_find_for_claims(claims=[first])
    claim = make_claim(speaker="Vladimir Putin")
    [match] = matches_find_for_claims(claims=[claim])
    return match


def test_a_reviewer_confirms_a_suggestion(suggestion, reviewer):
    match = match_confirm(match=suggestion, user=reviewer, version=1)

    claim = Claim.objects.get(pk=suggestion.claim_id)
    assert match.status == MatchStatus.CONFIRMED
    assert match.decided_by == reviewer
    assert claim.status == Status.DUPLICATE
    assert claim.canonical_id == suggestion.candidate_id
    assert claim.version == 2
    event = claim.events.get()
    assert (event.action, event.actor) == ("match_confirm", reviewer)


def test_a_reviewer_rejects_a_suggestion(suggestion, reviewer):
    match = match_reject(match=suggestion, user=reviewer, version=1)

    claim = Claim.objects.get(pk=suggestion.claim_id)
    assert match.status == MatchStatus.REJECTED
    assert claim.status == Status.NEW
    assert claim.events.get().action == "match_reject"


def test_rejecting_an_automatic_link_sends_the_claim_back_to_triage(make_claim, reviewer):
    first = make_claim()
    matches_find_for_claims(claims=[first])
    repeat = make_claim()
    [match] = matches_find_for_claims(claims=[repeat])

    match_reject(match=match, user=reviewer, version=2)

    repeat.refresh_from_db()
    assert repeat.status == Status.NEW
    assert repeat.canonical is None
    assert [event.action for event in repeat.events.order_by("id")] == [
        "match_auto_link",
        "match_reject",
    ]


def test_someone_without_triage_permission_cannot_decide(suggestion, outsider):
    with pytest.raises(PermissionDenied):
        match_confirm(match=suggestion, user=outsider, version=1)
    with pytest.raises(PermissionDenied):
        match_reject(match=suggestion, user=outsider, version=1)
    assert ClaimMatch.objects.get(pk=suggestion.pk).status == MatchStatus.SUGGESTED


def test_a_stale_version_is_refused_and_nothing_changes(suggestion, reviewer):
    Claim.objects.filter(pk=suggestion.claim_id).update(version=5)
    suggestion.claim.refresh_from_db()

    with pytest.raises(StaleClaim):
        match_confirm(match=suggestion, user=reviewer, version=1)

    assert ClaimMatch.objects.get(pk=suggestion.pk).status == MatchStatus.SUGGESTED
    assert Claim.objects.get(pk=suggestion.claim_id).status == Status.NEW


def test_a_decided_match_cannot_be_confirmed_again(suggestion, reviewer):
    match_reject(match=suggestion, user=reviewer, version=1)
    with pytest.raises(WorkflowError):
        match_confirm(match=suggestion, user=reviewer, version=1)


def test_a_claim_in_research_is_left_to_an_editor(suggestion, reviewer):
    Claim.objects.filter(pk=suggestion.claim_id).update(
        status=Status.IN_RESEARCH, assignee=reviewer
    )
    suggestion.claim.refresh_from_db()
    with pytest.raises(WorkflowError, match="editor"):
        match_confirm(match=suggestion, user=reviewer, version=1)
