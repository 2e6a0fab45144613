"""What a reviewer types into a claim's forms is kept as a draft until the form is sent:
across reloads, other panels' refreshes and leaving the page."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from factcheck.claims.models import Claim
from factcheck.reviews.models import Draft, Rating, Verdict
from tests.factories import ClaimFactory, ReviewerFactory, SourceFactory, VerdictFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def claim(reviewer):
    return ClaimFactory(status=Claim.Status.IN_RESEARCH, assignee=reviewer)


def save_draft(client, claim, form, data):
    return client.post(reverse("reviews:draft", args=[claim.pk, form]), data, **HTMX)


def test_a_verdict_typed_but_not_proposed_is_shown_again_on_return(reviewer_client, claim):
    source = SourceFactory(claim=claim, title="Ministry statement")
    rating = Rating.objects.get(slug="mostly-true")
    response = save_draft(
        reviewer_client,
        claim,
        "verdict",
        {"rating": rating.pk, "summary": "The ministry's own figure.", "sources": [source.pk]},
    )
    assert response.status_code == 204

    page = reviewer_client.get(claim.get_absolute_url()).text

    assert re.search(rf'<option value="{rating.pk}" selected>', page)
    assert "The ministry&#x27;s own figure.</textarea>" in page
    assert re.search(rf'value="{source.pk}"[^>]*checked', page)


def test_the_source_and_note_forms_are_kept_as_typed_too(reviewer_client, claim):
    save_draft(
        reviewer_client, claim, "source", {"url": "https://gov.example/half", "title": "Half"}
    )
    save_draft(reviewer_client, claim, "note", {"text": "Rang the ministry, <no answer> yet"})

    page = reviewer_client.get(claim.get_absolute_url()).text

    assert 'value="https://gov.example/half"' in page
    assert 'value="Half"' in page
    assert "Rang the ministry, &lt;no answer&gt; yet</textarea>" in page


@pytest.mark.parametrize(
    ("form", "action", "data"),
    [
        (
            "verdict",
            "reviews:verdict_propose",
            {"summary": "Checked.", "no_source_reason": "In the article.", "version": 1},
        ),
        ("source", "reviews:source_add", {"url": "https://gov.example/a", "stance": "supports"}),
        ("note", "reviews:note_add", {"text": "Called the ministry."}),
    ],
)
def test_sending_the_form_clears_its_draft_and_only_its_own(
    reviewer_client, claim, form, action, data
):
    if form == "verdict":
        data["rating"] = Rating.objects.get(slug="true").pk
    for name, typed in (
        ("verdict", {"summary": "x"}),
        ("source", {"title": "y"}),
        ("note", {"text": "z"}),
    ):
        save_draft(reviewer_client, claim, name, typed)

    response = reviewer_client.post(reverse(action, args=[claim.pk]), data, **HTMX)

    assert response.status_code == 200, response.text
    left = set(Draft.objects.filter(claim=claim).values_list("form", flat=True))
    assert left == {"verdict", "source", "note"} - {form}


def test_a_refused_verdict_keeps_its_draft(reviewer_client, claim):
    save_draft(reviewer_client, claim, "verdict", {"summary": "Half a thought"})
    response = reviewer_client.post(
        reverse("reviews:verdict_propose", args=[claim.pk]),
        {"summary": "Half a thought", "version": claim.version},
        **HTMX,
    )
    assert "Choose a rating" in response.text
    assert Draft.objects.get(claim=claim, form="verdict").data == {"summary": "Half a thought"}
    assert not Verdict.objects.filter(claim=claim).exists()


def test_a_new_source_refreshes_the_verdicts_source_boxes_not_the_typed_verdict(
    reviewer_client, claim
):
    page = reviewer_client.get(claim.get_absolute_url()).text
    verdict_panel = re.search(r'<section id="claim-verdict"[^>]*hx-trigger="([^"]*)"', page)[1]
    boxes = re.search(r'<div id="verdict-sources"[^>]*>', page)[0]
    assert "sourcesChanged" not in verdict_panel
    assert 'hx-trigger="sourcesChanged from:body"' in boxes
    assert 'hx-include="this"' in boxes

    kept, new = (SourceFactory(claim=claim, title=title) for title in ("Kept", "New"))
    boxes = reviewer_client.get(
        reverse("reviews:panel", args=[claim.pk, "verdict-sources"]),
        {"sources": [kept.pk, "9" * 4000, "x"]},
        **HTMX,
    )

    assert boxes.status_code == 200
    assert re.search(rf'value="{kept.pk}"[^>]*checked', boxes.text)
    assert re.search(rf'value="{new.pk}"', boxes.text)
    assert not re.search(rf'value="{new.pk}"[^>]*checked', boxes.text)
    assert "Summary" not in boxes.text


def test_drafts_are_each_reviewers_own(reviewer_client, claim):
    save_draft(reviewer_client, claim, "note", {"text": "Mine alone"})
    other = Client()
    other.force_login(ReviewerFactory())

    assert "Mine alone" not in other.get(claim.get_absolute_url()).text


def test_a_draft_keeps_only_its_forms_fields_and_nothing_typed_leaves_no_draft(
    reviewer_client, claim
):
    save_draft(reviewer_client, claim, "note", {"text": "kept", "version": "3", "evil": "x"})
    assert Draft.objects.get(claim=claim, form="note").data == {"text": "kept"}

    save_draft(reviewer_client, claim, "note", {"text": "   "})
    assert not Draft.objects.filter(claim=claim).exists()


def test_saving_a_draft_again_replaces_it(reviewer_client, claim):
    save_draft(reviewer_client, claim, "note", {"text": "first"})
    save_draft(reviewer_client, claim, "note", {"text": "second"})
    assert list(Draft.objects.values_list("data", flat=True)) == [{"text": "second"}]


def test_unknown_forms_missing_claims_and_gets_are_refused(reviewer_client, claim):
    assert save_draft(reviewer_client, claim, "password", {"text": "x"}).status_code == 404
    url = reverse("reviews:draft", args=[10**30, "note"])
    assert reviewer_client.post(url, {"text": "x"}).status_code == 404
    assert reviewer_client.get(reverse("reviews:draft", args=[claim.pk, "note"])).status_code == 405
    assert not Draft.objects.exists()


def test_a_draft_over_the_request_size_limit_is_refused_whole(reviewer_client, claim, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = save_draft(reviewer_client, claim, "note", {"text": "x" * 20_000})
    assert response.status_code == 400
    assert not Draft.objects.exists()


def test_drafts_need_a_logged_in_researcher_and_a_csrf_token(client, claim, reviewer):
    url = reverse("reviews:draft", args=[claim.pk, "note"])
    assert client.post(url, {"text": "x"}).status_code == 302  # to the login page

    checked = Client(enforce_csrf_checks=True)
    checked.force_login(reviewer)
    assert checked.post(url, {"text": "x"}).status_code == 403
    assert not Draft.objects.exists()


@pytest.fixture
def own_source(claim, reviewer):
    return SourceFactory(claim=claim, added_by=reviewer, title="Ministry statement")


def save_source_draft(client, source, data):
    url = reverse("reviews:source_draft", args=[source.claim_id, source.pk])
    return client.post(url, data, **HTMX)


def test_a_source_being_edited_reopens_at_its_form_as_typed_after_a_panel_refresh(
    reviewer_client, claim, own_source
):
    response = save_source_draft(
        reviewer_client, own_source, {"url": own_source.url, "title": "Ministry <corrected>"}
    )
    assert response.status_code == 204

    # Another panel's change (a verdict proposed, a match decided) refreshes the sources.
    panel = reviewer_client.get(reverse("reviews:panel", args=[claim.pk, "sources"]), **HTMX)
    page = reviewer_client.get(claim.get_absolute_url()).text

    for html in (panel.text, page):
        assert 'value="Ministry &lt;corrected&gt;"' in html
        assert reverse("reviews:source_edit", args=[claim.pk, own_source.pk]) in html
    own_source.refresh_from_db()
    assert own_source.title == "Ministry statement"


def test_the_edit_form_opened_again_starts_from_its_draft(reviewer_client, claim, own_source):
    save_source_draft(reviewer_client, own_source, {"title": "Half typed"})

    form = reviewer_client.get(
        reverse("reviews:source_edit", args=[claim.pk, own_source.pk]), **HTMX
    ).text

    assert 'value="Half typed"' in form
    assert f'value="{own_source.url}"' in form  # fields not typed keep the source's value


def test_saving_the_source_clears_its_draft_and_closes_the_form(reviewer_client, claim, own_source):
    other = SourceFactory(claim=claim, added_by=own_source.added_by)
    save_source_draft(reviewer_client, own_source, {"title": "New title"})
    save_source_draft(reviewer_client, other, {"title": "Other half typed"})
    url = reverse("reviews:source_edit", args=[claim.pk, own_source.pk])

    response = reviewer_client.post(
        url, {"url": own_source.url, "title": "New title", "stance": "supports"}, **HTMX
    )

    assert response.status_code == 200
    own_source.refresh_from_db()
    assert own_source.title == "New title"
    assert list(Draft.objects.values_list("source_id", flat=True)) == [other.pk]


def test_cancel_closes_the_edit_form_and_forgets_what_was_typed(reviewer_client, claim, own_source):
    save_source_draft(reviewer_client, own_source, {"title": "Never mind"})
    url = reverse("reviews:source_edit_cancel", args=[claim.pk, own_source.pk])

    panel = reviewer_client.post(url, **HTMX)
    assert panel.status_code == 200
    assert panel.headers["HX-Retarget"] == "#claim-sources"
    assert "Never mind" not in panel.text
    assert not Draft.objects.exists()
    assert reviewer_client.post(url).url == claim.get_absolute_url()  # without JavaScript


def test_a_source_edit_draft_is_its_authors_alone(claim, own_source):
    stranger = Client()
    stranger.force_login(ReviewerFactory())

    assert save_source_draft(stranger, own_source, {"title": "Not mine"}).status_code == 404
    assert (
        stranger.post(
            reverse("reviews:source_edit_cancel", args=[claim.pk, own_source.pk])
        ).status_code
        == 404
    )
    assert not Draft.objects.exists()


def test_a_source_a_verdict_rests_on_keeps_no_edit_draft(reviewer_client, claim, own_source):
    verdict = VerdictFactory(claim=claim, status=Verdict.Status.AWAITING_APPROVAL)
    verdict.sources.add(own_source)

    response = save_source_draft(reviewer_client, own_source, {"title": "Too late"})

    assert response.status_code == 409
    assert "A verdict rests on this source" in response.text
    assert not Draft.objects.exists()


def test_the_generic_draft_url_refuses_the_source_edit_form(reviewer_client, claim):
    assert save_draft(reviewer_client, claim, "source_edit", {"title": "x"}).status_code == 404
