"""The matching screens: one-key decisions in triage and on the claim page, inherited
verdicts, and the similar-claims search; each with and without HTMX."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from factcheck.claims.models import Claim
from factcheck.matching.models import ClaimMatch
from factcheck.matching.services import matches_find_for_claims
from factcheck.reviews.models import Verdict
from tests.factories import EditorFactory, VerdictFactory
from tests.matching.conftest import GUNS

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
Status = Claim.Status


@pytest.fixture
def canonical(make_claim):
    claim = make_claim()
    matches_find_for_claims(claims=[claim])
    return claim


@pytest.fixture
def suggestion(canonical, make_claim):
    claim = make_claim(speaker="Vladimir Putin")
    [match] = matches_find_for_claims(claims=[claim])
    return match


def publish(claim):
    return VerdictFactory(
        claim=claim,
        status=Verdict.Status.PUBLISHED,
        approved_by=EditorFactory(),
        approved_at=timezone.now(),
    )


def test_triage_shows_the_suggested_match_with_one_key_buttons(reviewer_client, suggestion):
    response = reviewer_client.get(reverse("reviews:triage"))

    assert "Suggested match" in response.text
    assert 'data-action="confirm_match"' in response.text
    assert 'data-action="reject_match"' in response.text
    assert "<kbd>m</kbd>" in response.text


def test_a_suggestion_brings_a_javascript_free_reviewer_back_to_the_same_page(
    reviewer_client, suggestion
):
    reviewer_client.get(reverse("reviews:triage"))  # the row is cached from this page
    html = reviewer_client.get(reverse("reviews:triage") + "?speaker=Putin&type=").text

    match_forms = re.findall(
        r'<form[^>]*action="/matches/\d+/(?:confirm|reject)/".*?</form>', html, re.S
    )
    assert len(match_forms) == 2
    assert all('name="next" value="/triage/?speaker=Putin&amp;type="' in f for f in match_forms)
    assert "placeholder" not in html


def test_the_triage_queue_stays_flat_with_suggestions(
    reviewer_client, make_claim, django_assert_max_num_queries
):
    canonical = make_claim()
    publish(canonical)
    matches_find_for_claims(claims=[canonical])
    for n in range(40):
        # Forty speakers, so every claim conflicts with every other: suggestions only.
        matches_find_for_claims(claims=[make_claim(speaker=f"Minister{n:02d}")])
    assert ClaimMatch.objects.filter(status="suggested").count() >= 40

    with django_assert_max_num_queries(10):
        response = reviewer_client.get(reverse("reviews:triage"))

    # A page of 25 rows: the canonical claim first, then 24 with a suggestion each.
    assert response.text.count('data-action="confirm_match"') == 24


def test_confirming_from_triage_with_htmx_swaps_the_row(reviewer_client, suggestion):
    response = reviewer_client.post(
        reverse("matching:confirm", args=[suggestion.pk]),
        {"version": 1, "where": "triage"},
        **HTMX,
    )

    assert response.status_code == 200
    assert "<html" not in response.text
    assert f'id="triage-row-{suggestion.claim_id}"' in response.text
    assert 'data-decided="matched"' in response.text
    assert "claimTriaged" in response.headers["HX-Trigger"]
    assert Claim.objects.get(pk=suggestion.claim_id).status == Status.DUPLICATE


def test_undo_in_triage_unlinks_the_confirmed_match(reviewer_client, suggestion):
    reviewer_client.post(
        reverse("matching:confirm", args=[suggestion.pk]), {"version": 1, "where": "triage"}
    )

    response = reviewer_client.post(
        reverse("matching:reject", args=[suggestion.pk]),
        {"version": 2, "where": "triage"},
        **HTMX,
    )

    assert response.status_code == 200
    assert 'data-action="check_worthy"' in response.text
    assert Claim.objects.get(pk=suggestion.claim_id).status == Status.NEW


def test_rejecting_without_javascript_redirects_back(reviewer_client, suggestion):
    response = reviewer_client.post(
        reverse("matching:reject", args=[suggestion.pk]),
        {"version": 1, "where": "triage", "next": "/triage/?speaker=x"},
    )

    assert response.status_code == 302
    assert response.url == "/triage/?speaker=x"
    assert ClaimMatch.objects.get(pk=suggestion.pk).status == ClaimMatch.Status.REJECTED


def test_the_claim_page_shows_the_suggestion_and_confirms_it(reviewer_client, suggestion):
    url = reverse("reviews:claim", args=[suggestion.claim_id])
    page = reviewer_client.get(url)
    assert "Suggested match" in page.text
    assert "Confirm match" in page.text

    response = reviewer_client.post(
        reverse("matching:confirm", args=[suggestion.pk]), {"version": 1, "where": "claim"}, **HTMX
    )

    assert response.status_code == 200
    # The panel's contents: the panel itself stays on the page, listening.
    assert 'id="match-heading"' in response.text and 'id="claim-match"' not in response.text
    assert "matchDecided" in response.headers["HX-Trigger"]
    assert reviewer_client.get(url).status_code == 200


def test_confirming_without_javascript_redirects_to_the_claim(reviewer_client, suggestion):
    response = reviewer_client.post(
        reverse("matching:confirm", args=[suggestion.pk]), {"version": 1, "where": "claim"}
    )
    assert response.status_code == 302
    assert response.url == reverse("reviews:claim", args=[suggestion.claim_id])


def test_a_stale_confirm_is_a_conflict_showing_the_current_state(reviewer_client, suggestion):
    Claim.objects.filter(pk=suggestion.claim_id).update(version=3)

    response = reviewer_client.post(
        reverse("matching:confirm", args=[suggestion.pk]), {"version": 1, "where": "claim"}, **HTMX
    )

    assert response.status_code == 409
    assert "Someone else changed this claim" in response.text
    assert "HX-Trigger" not in response.headers


def test_match_panel_refreshes_through_the_panel_view(reviewer_client, suggestion):
    response = reviewer_client.get(
        reverse("reviews:panel", args=[suggestion.claim_id, "match"]), **HTMX
    )
    assert response.status_code == 200
    assert 'id="match-heading"' in response.text and 'id="claim-match"' not in response.text


def test_deciding_needs_the_triage_permission(client, outsider, suggestion):
    client.force_login(outsider)
    for name in ("matching:confirm", "matching:reject"):
        response = client.post(reverse(name, args=[suggestion.pk]), {"version": 1})
        assert response.status_code == 403
    assert ClaimMatch.objects.get(pk=suggestion.pk).status == ClaimMatch.Status.SUGGESTED


def test_deciding_without_a_version_is_a_bad_request(reviewer_client, suggestion):
    response = reviewer_client.post(reverse("matching:confirm", args=[suggestion.pk]), {})
    assert response.status_code == 400


def test_a_linked_claim_shows_the_canonical_published_verdict(
    reviewer_client, canonical, make_claim
):
    verdict = publish(canonical)
    repeat = make_claim()
    matches_find_for_claims(claims=[repeat])

    claim_page = reviewer_client.get(reverse("reviews:claim", args=[repeat.pk]))
    article_page = reviewer_client.get(reverse("articles:detail", args=[repeat.article_id]))

    for page in (claim_page, article_page):
        assert verdict.rating.label in page.text
        assert f"claim {canonical.pk}" in page.text


def test_similar_claims_from_a_claim(reviewer_client, canonical, make_claim):
    other = make_claim(GUNS.replace("18,000", "20,000"))
    matches_find_for_claims(claims=[other])

    response = reviewer_client.get(reverse("matching:similar_to_claim", args=[canonical.pk]))

    assert response.status_code == 200
    assert [item.claim for item in response.context["results"]] == [other]


def test_similar_claims_from_free_text_with_and_without_htmx(reviewer_client, canonical):
    url = reverse("matching:similar")
    page = reviewer_client.get(url, {"q": "guns given to residents against Russia"})
    fragment = reviewer_client.get(url, {"q": "guns given to residents"}, **HTMX)

    assert [item.claim for item in page.context["results"]] == [canonical]
    assert "<html" in page.text
    assert "<html" not in fragment.text
    assert 'id="similar-results"' in fragment.text


@pytest.mark.parametrize(
    "query",
    ["", "   ", "\x00", "x" * 5000, "%", "_%_", "' OR 1=1 --", "<script>alert(1)</script>",
     "18,000", "\u202e\ufeff", "🙂" * 50],
)  # fmt: skip
def test_hostile_search_input_never_fails(reviewer_client, canonical, query):
    response = reviewer_client.get(reverse("matching:similar"), {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text


def test_claim_text_in_results_is_escaped(reviewer_client, make_claim):
    hostile = make_claim('<script>alert("x")</script> guns were handed to the residents')
    matches_find_for_claims(claims=[hostile])
    response = reviewer_client.get(reverse("matching:similar"), {"q": "guns handed residents"})
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;" in response.text


def test_similar_claims_need_permission_to_view_claims(client, outsider):
    client.force_login(outsider)
    assert client.get(reverse("matching:similar"), {"q": "guns"}).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, suggestion):
    urls = [
        ("get", reverse("matching:similar")),
        ("get", reverse("matching:similar_to_claim", args=[suggestion.claim_id])),
        ("post", reverse("matching:confirm", args=[suggestion.pk])),
        ("post", reverse("matching:reject", args=[suggestion.pk])),
    ]
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert "/login/" in response.url


def test_an_editor_confirms_too(editor_client, suggestion):
    response = editor_client.post(
        reverse("matching:confirm", args=[suggestion.pk]), {"version": 1, "where": "claim"}
    )
    assert response.status_code == 302
    assert ClaimMatch.objects.get(pk=suggestion.pk).status == ClaimMatch.Status.CONFIRMED


def test_confirming_by_get_is_not_allowed(reviewer_client, suggestion):
    response = reviewer_client.get(reverse("matching:confirm", args=[suggestion.pk]))
    assert response.status_code == 405
