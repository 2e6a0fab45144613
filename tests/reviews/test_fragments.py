"""Triage rows and the claim page's long lists are cached by what they show: never stale,
never another user's token or controls."""

import re

import pytest
from django.test import Client
from django.test.signals import template_rendered
from django.urls import reverse
from django.utils import timezone, translation

from factcheck.claims.models import Claim
from factcheck.matching.selectors import attach_suggested_matches
from factcheck.reviews import fragments
from factcheck.reviews.models import Verdict
from factcheck.reviews.services import claim_triage
from tests.factories import (
    ClaimFactory,
    EditorFactory,
    EventFactory,
    ReviewerFactory,
    SourceFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db
ROW = re.compile(r'<li id="triage-row-(\d+)".*?</li>', re.S)


@pytest.fixture
def rendered_rows():
    """The claim of each row rendered from the row template, as they happen."""
    rows = []

    def record(sender, template, context, **kwargs):
        if template.origin.template_name == "reviews/triage.html" and template.name == "row":
            rows.append(context["claim"].pk)

    template_rendered.connect(record)
    yield rows
    template_rendered.disconnect(record)


def rows_of(html: str) -> dict[int, str]:
    return {int(match[1]): match[0] for match in ROW.finditer(html)}


def test_a_reload_serves_the_same_rows_without_rendering_them_again(reviewer_client, rendered_rows):
    claims = [ClaimFactory(start=5 * i, end=5 * i + 4) for i in range(3)]

    first = reviewer_client.get(reverse("reviews:triage")).text
    assert sorted(rendered_rows) == sorted(claim.pk for claim in claims)
    rendered_rows.clear()
    second = reviewer_client.get(reverse("reviews:triage")).text

    assert rendered_rows == []
    strip_token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip_token.sub("", "".join(rows_of(first).values())) == strip_token.sub(
        "", "".join(rows_of(second).values())
    )
    assert len(rows_of(second)) == len(claims)


def test_a_changed_claim_or_article_is_rendered_afresh(reviewer_client, rendered_rows):
    claim = ClaimFactory(text="Inflation was 3% in May.")
    reviewer_client.get(reverse("reviews:triage"))
    rendered_rows.clear()

    claim.article.title = "A corrected headline"
    claim.article.save()
    type(claim).objects.filter(pk=claim.pk).update(speaker="The treasury")
    row = rows_of(reviewer_client.get(reverse("reviews:triage")).text)[claim.pk]

    assert rendered_rows == [claim.pk]
    assert "A corrected headline" in row
    assert "The treasury" in row


def test_a_decided_claim_leaves_the_queue_at_once(reviewer_client, reviewer):
    kept, decided = ClaimFactory(start=0, end=4), ClaimFactory(start=5, end=9)
    reviewer_client.get(reverse("reviews:triage"))

    claim_triage(claim=decided, user=reviewer, decision="check_worthy", version=1)
    rows = rows_of(reviewer_client.get(reverse("reviews:triage")).text)

    assert list(rows) == [kept.pk]


def test_rows_cached_for_one_reviewer_carry_anothers_own_csrf_token(reviewer, editor):
    claims = [ClaimFactory(start=5 * i, end=5 * i + 4) for i in range(2)]
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(reviewer)
    second.force_login(editor)
    first_html = first.get(reverse("reviews:triage")).text  # fills the cache
    html = second.get(reverse("reviews:triage")).text

    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    first_tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', first_html))
    assert len(tokens) == 1 + len(claims)  # the log-out form, then one form per row
    assert not first_tokens & set(tokens)
    assert "placeholder" not in html
    response = second.post(
        reverse("reviews:triage_decide", args=[claims[0].pk]),
        {"decision": "check_worthy", "version": 1, "csrfmiddlewaretoken": tokens[-1]},
    )
    assert response.status_code == 302
    first_token = next(iter(first_tokens))
    refused = second.post(
        reverse("reviews:triage_decide", args=[claims[1].pk]),
        {"decision": "check_worthy", "version": 1, "csrfmiddlewaretoken": first_token},
    )
    assert refused.status_code == 403


def test_a_claim_quoting_the_placeholder_is_shown_escaped_not_filled(reviewer_client):
    placeholder = '<input type="hidden" name="csrfmiddlewaretoken" value="csrf-placeholder">'
    text = f"{placeholder} csrf-placeholder"
    claim = ClaimFactory(text=text)

    row = rows_of(reviewer_client.get(reverse("reviews:triage")).text)[claim.pk]

    assert "&lt;input type=&quot;hidden&quot;" in row
    assert row.count('name="csrfmiddlewaretoken"') == 1
    assert "csrf-placeholder</a>" in row


def test_rows_are_not_shared_across_languages(rf, reviewer, rendered_rows):
    claim = ClaimFactory()
    request = rf.get(reverse("reviews:triage"))
    request.user = reviewer
    claims = attach_suggested_matches([Claim.objects.select_related("article").get(pk=claim.pk)])
    fragments.triage_rows(request, claims)

    with translation.override("fr"):
        fragments.triage_rows(request, claims)
    fragments.triage_rows(request, claims)

    assert rendered_rows == [claim.pk, claim.pk]


def test_the_filter_form_shows_each_querys_own_values_and_errors(reviewer_client):
    triage = reverse("reviews:triage")
    reviewer_client.get(triage)

    bad = reviewer_client.get(triage + "?min_score=0.9&max_score=0.1").text
    good = reviewer_client.get(triage + "?min_score=0.2").text
    bad_again = reviewer_client.get(triage + "?min_score=0.9&max_score=0.1").text

    assert "The upper score must not be below the lower one." in bad
    assert "The upper score must not be below the lower one." not in good
    assert 'name="min_score" value="0.2"' in good
    assert bad_again.count('value="0.9"') == bad.count('value="0.9"') == 1
    assert "The upper score must not be below the lower one." in bad_again


def test_the_unfiltered_form_is_rendered_once_and_filtered_ones_afresh(reviewer_client):
    triage = reverse("reviews:triage")
    rendered = []

    def record(sender, template, context, **kwargs):
        if template.origin.template_name == "reviews/triage.html" and template.name == "filters":
            rendered.append(context["filter_form"].data.urlencode())

    template_rendered.connect(record)
    try:
        for _ in range(2):
            reviewer_client.get(triage)
            reviewer_client.get(triage + "?type=quantity")
    finally:
        template_rendered.disconnect(record)

    # Any query string is one more form: those are never cached, so none can fill the cache.
    assert rendered == ["", "type=quantity", "type=quantity"]


# The claim page's sources and timeline ---------------------------------------------------


@pytest.fixture
def rendered_lists():
    """The claim page's list fragments rendered from their templates, as they happen."""
    lists = []

    def record(sender, template, context, **kwargs):
        if template.origin.template_name == "reviews/claim_detail.html" and template.name in (
            "source-items",
            "timeline-items",
        ):
            lists.append(template.name)

    template_rendered.connect(record)
    yield lists
    template_rendered.disconnect(record)


def claim_page(client, claim) -> str:
    return client.get(claim.get_absolute_url()).text


def test_a_claim_page_reload_serves_its_sources_and_timeline_without_rendering_them(
    reviewer_client, reviewer, rendered_lists
):
    claim = ClaimFactory(status=Claim.Status.IN_RESEARCH, assignee=reviewer)
    SourceFactory(claim=claim, added_by=reviewer, title="Ministry statement")
    EventFactory(claim=claim, actor=reviewer, action="note", note="Rang the ministry")

    first = claim_page(reviewer_client, claim)
    assert sorted(rendered_lists) == ["source-items", "timeline-items"]
    rendered_lists.clear()
    second = claim_page(reviewer_client, claim)

    assert rendered_lists == []
    for shown in ["Ministry statement", "Rang the ministry", "Remove source"]:
        assert shown in first and shown in second


def test_a_new_event_shows_at_once(reviewer_client, reviewer):
    claim = ClaimFactory(status=Claim.Status.IN_RESEARCH, assignee=reviewer)
    claim_page(reviewer_client, claim)

    EventFactory(claim=claim, actor=reviewer, action="note", note="A later note")

    assert "A later note" in claim_page(reviewer_client, claim)


def test_an_edited_source_shows_at_once(reviewer_client, reviewer):
    claim = ClaimFactory(status=Claim.Status.IN_RESEARCH, assignee=reviewer)
    source = SourceFactory(claim=claim, added_by=reviewer, title="First title")
    claim_page(reviewer_client, claim)

    type(source).objects.filter(pk=source.pk).update(title="Corrected title")
    page = claim_page(reviewer_client, claim)

    assert "Corrected title" in page and "First title" not in page


def test_a_renamed_person_shows_at_once_in_sources_and_timeline(reviewer_client, reviewer):
    claim = ClaimFactory(status=Claim.Status.IN_RESEARCH, assignee=reviewer)
    SourceFactory(claim=claim, added_by=reviewer)
    EventFactory(claim=claim, actor=reviewer, action="note", note="Rang the ministry")
    claim_page(reviewer_client, claim)

    type(reviewer).objects.filter(pk=reviewer.pk).update(username="rita-renamed")
    page = claim_page(reviewer_client, claim)

    assert "Added by rita-renamed" in page
    assert "<strong>rita-renamed</strong>" in page


def test_only_the_person_who_added_a_source_gets_its_controls_from_the_cache(
    reviewer_client, reviewer
):
    claim = ClaimFactory(status=Claim.Status.IN_RESEARCH, assignee=reviewer)
    SourceFactory(claim=claim, added_by=reviewer)
    assert "Remove source" in claim_page(reviewer_client, claim)  # cached for its adder

    other = Client()
    other.force_login(ReviewerFactory())
    page = claim_page(other, claim)

    assert "Evidence" in page
    assert "Remove source" not in page
    assert "csrf-placeholder" not in page


def form_token(html: str, action: str) -> str | None:
    """The CSRF token inside the form that posts to ``action``, or None."""
    form = re.search(rf'<form[^>]*action="{re.escape(action)}".*?</form>', html, re.S)
    token = form and re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form[0])
    return token[1] if token else None


def test_a_cached_source_list_carries_each_requests_own_csrf_token(reviewer, rendered_lists):
    claim = ClaimFactory(status=Claim.Status.IN_RESEARCH, assignee=reviewer)
    source = SourceFactory(claim=claim, added_by=reviewer)
    removal = reverse("reviews:source_delete", args=[claim.pk, source.pk])
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(reviewer)
    second.force_login(reviewer)
    first_token = form_token(claim_page(first, claim), removal)  # fills the cache
    rendered_lists.clear()

    page = claim_page(second, claim)
    token = form_token(page, removal)

    assert "source-items" not in rendered_lists  # the sources came from the cache
    assert token is not None and token != first_token
    assert "csrf-placeholder" not in page
    assert second.post(removal, {"csrfmiddlewaretoken": token}).status_code == 302
    assert not type(source).objects.exists()


def test_the_timeline_is_not_shared_across_time_zones(rf, reviewer, rendered_lists):
    claim = ClaimFactory()
    request = rf.get(claim.get_absolute_url())
    request.user = reviewer

    utc = fragments.claim_timeline_items(request, claim, [])
    with timezone.override("Asia/Tokyo"):
        tokyo = fragments.claim_timeline_items(request, claim, [])
    again = fragments.claim_timeline_items(request, claim, [])

    assert rendered_lists == ["timeline-items", "timeline-items"]
    assert utc == again != tokyo
    assert (
        timezone.localtime(claim.created_at, timezone.get_fixed_timezone(540)).strftime("%H:%M")
        in tokyo
    )


# The approval queue -----------------------------------------------------------------------


def awaiting(author, **fields) -> Verdict:
    claim = ClaimFactory(status=Claim.Status.AWAITING_APPROVAL, assignee=author)
    return VerdictFactory(claim=claim, author=author, **fields)


def approval_rows(client) -> dict[int, str]:
    html = client.get(reverse("reviews:approvals")).text
    return {
        int(match[1]): match[0]
        for match in re.finditer(
            r'<li id="verdict-(\d+)".*?</li>\s*(?=<li id="verdict-|</ol>)', html, re.S
        )
    }


@pytest.fixture
def rendered_approvals():
    rendered = []

    def record(sender, template, context, **kwargs):
        if template.origin.template_name == "reviews/approvals.html" and template.name == (
            "approval-row"
        ):
            rendered.append(context["verdict"].pk)

    template_rendered.connect(record)
    yield rendered
    template_rendered.disconnect(record)


def test_an_approval_queue_reload_serves_its_rows_without_rendering_them(
    editor_client, reviewer, rendered_approvals
):
    verdicts = [awaiting(reviewer) for _ in range(3)]
    approval_rows(editor_client)
    rendered_approvals.clear()

    rows = approval_rows(editor_client)

    assert rendered_approvals == []
    assert sorted(rows) == sorted(verdict.pk for verdict in verdicts)


def test_an_edited_summary_shows_at_once_in_the_approval_queue(editor_client, reviewer):
    verdict = awaiting(reviewer, summary="The first summary")
    approval_rows(editor_client)

    Verdict.objects.filter(pk=verdict.pk).update(summary="A better summary")

    assert "A better summary" in approval_rows(editor_client)[verdict.pk]


def test_a_row_cached_for_its_author_gives_other_editors_the_approve_button(editor):
    verdict = awaiting(editor)
    author, other = Client(), Client()
    author.force_login(editor)
    other.force_login(EditorFactory())
    assert "another editor must approve it" in approval_rows(author)[verdict.pk]

    row = approval_rows(other)[verdict.pk]

    assert "another editor must approve it" not in row
    assert reverse("reviews:approve", args=[verdict.pk]) in row


def test_a_cached_approval_row_carries_each_editors_own_csrf_token(reviewer, rendered_approvals):
    verdict = awaiting(reviewer)
    approve = reverse("reviews:approve", args=[verdict.pk])
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(EditorFactory())
    second.force_login(EditorFactory())
    first_token = form_token(approval_rows(first)[verdict.pk], approve)  # fills the cache
    rendered_approvals.clear()

    row = approval_rows(second)[verdict.pk]
    token = form_token(row, approve)

    assert rendered_approvals == []  # served from the cache
    assert token is not None and token != first_token
    response = second.post(
        approve, {"version": verdict.claim.version, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    verdict.refresh_from_db()
    assert verdict.status == Verdict.Status.PUBLISHED
