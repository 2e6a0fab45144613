"""The review screens, each with and without HTMX."""

import json
import re

import pytest
from django.urls import reverse

from factcheck.claims.models import Claim
from factcheck.reviews.models import Rating, Source, Verdict
from factcheck.reviews.services import claim_triage
from tests.factories import ClaimFactory, ReviewerFactory, SourceFactory, VerdictFactory
from tests.triage import queue

pytestmark = pytest.mark.django_db
Status = Claim.Status
HTMX = {"HTTP_HX_REQUEST": "true"}


def claims(n, **fields):
    return [ClaimFactory(start=5 * i, end=5 * i + 4, **fields) for i in range(n)]


# Triage queue ---------------------------------------------------------------------------


def test_triage_queue_lists_new_claims_most_check_worthy_first(reviewer_client):
    low, high = ClaimFactory(score=0.2, start=0, end=5), ClaimFactory(score=0.9, start=0, end=5)
    ClaimFactory(status=Status.CHECK_WORTHY, start=0, end=5)

    response = reviewer_client.get(reverse("reviews:triage"))

    assert response.status_code == 200
    assert queue(response) == [high.pk, low.pk]
    assert response.context["counts"]["new"] == 2
    assert "Keyboard shortcuts" in response.text


def test_triage_filters_narrow_the_queue(reviewer_client):
    ukraine = ClaimFactory(speaker="Ukraine", score=0.8, claim_type="quantity", text="18,000 guns")
    ClaimFactory(speaker="the US", score=0.3, claim_type="event", text="$600m pledged")
    url = reverse("reviews:triage")

    for params in [
        {"speaker": "ukr"},
        {"type": "quantity"},
        {"min_score": "0.5"},
        {"article": ukraine.article_id},
        {"q": "GUNS"},
    ]:
        assert queue(reviewer_client.get(url, params)) == [ukraine.pk], params


@pytest.mark.parametrize(
    "params",
    [
        {"min_score": "abc"},
        {"min_score": "2"},
        {"min_score": "0.9", "max_score": "0.1"},
        {"article": "-1"},
        {"article": "99999999999999999999999"},
        {"type": "nonsense"},
        {"after": "garbage"},
        {"after": "0.5_-3"},
        {"q": "x" * 5000},
        {"speaker": "\x00"},
    ],
)
def test_bad_filter_values_are_reported_never_a_500(reviewer_client, params):
    response = reviewer_client.get(reverse("reviews:triage"), params)
    assert response.status_code == 200


def test_a_bad_score_is_reported_beside_its_field(reviewer_client):
    response = reviewer_client.get(
        reverse("reviews:triage"), {"min_score": "0.9", "max_score": "0.1"}
    )
    assert "must not be below" in response.text


def test_triage_pages_with_a_cursor_and_no_claim_is_repeated(reviewer_client):
    for i in range(30):
        ClaimFactory(score=round(1 - i / 40, 3), start=0, end=5)
    first = reviewer_client.get(reverse("reviews:triage"))
    assert first.context["more_url"]

    second = reviewer_client.get(reverse("reviews:triage") + first.context["more_url"])

    seen_first, seen_second = set(queue(first)), set(queue(second))
    assert len(seen_first) == 25 and len(seen_second) == 5
    assert not seen_first & seen_second


def test_triage_queue_query_count_does_not_grow_with_rows(
    reviewer_client, django_assert_max_num_queries
):
    claims(40)
    with django_assert_max_num_queries(9):  # the queue, and the saved searches
        reviewer_client.get(reverse("reviews:triage"))


def test_deciding_with_htmx_swaps_the_row_and_announces_it(reviewer_client):
    claim = ClaimFactory()

    response = reviewer_client.post(
        reverse("reviews:triage_decide", args=[claim.pk]),
        {"decision": "check_worthy", "version": 1},
        **HTMX,
    )

    assert response.status_code == 200
    assert "<html" not in response.text
    assert f'id="triage-row-{claim.pk}"' in response.text
    assert "Undo" in response.text
    assert "claimTriaged" in response.headers["HX-Trigger"]
    claim.refresh_from_db()
    assert claim.status == Status.CHECK_WORTHY


def test_deciding_without_javascript_redirects_back_to_the_queue(reviewer_client):
    claim = ClaimFactory()
    response = reviewer_client.post(
        reverse("reviews:triage_decide", args=[claim.pk]),
        {"decision": "not_check_worthy", "version": 1, "next": "/triage/?speaker=x"},
    )
    assert response.status_code == 302
    assert response.url == "/triage/?speaker=x"


def test_next_urls_elsewhere_are_ignored(reviewer_client):
    claim = ClaimFactory()
    response = reviewer_client.post(
        reverse("reviews:triage_decide", args=[claim.pk]),
        {"decision": "not_check_worthy", "version": 1, "next": "https://evil.example/"},
    )
    assert response.url == reverse("reviews:triage")


def test_a_conflicting_decision_gets_the_current_state_with_htmx_and_without(
    reviewer_client, editor
):
    claim = ClaimFactory()
    claim_triage(claim=claim, user=editor, decision=Status.NOT_CHECK_WORTHY)
    url = reverse("reviews:triage_decide", args=[claim.pk])

    htmx = reviewer_client.post(url, {"decision": "check_worthy", "version": 1}, **HTMX)
    assert htmx.status_code == 409
    assert "it is now Not check-worthy" in htmx.text
    assert "HX-Trigger" not in htmx.headers

    plain = reviewer_client.post(url, {"decision": "check_worthy", "version": 1}, follow=True)
    assert "it is now Not check-worthy" in plain.text
    claim.refresh_from_db()
    assert claim.status == Status.NOT_CHECK_WORTHY


@pytest.mark.parametrize(
    "data", [{}, {"decision": "publish", "version": 1}, {"decision": "skip"}, {"version": "x"}]
)
def test_malformed_decisions_are_refused_with_400(reviewer_client, data):
    claim = ClaimFactory()
    response = reviewer_client.post(reverse("reviews:triage_decide", args=[claim.pk]), data)
    assert response.status_code == 400


def test_skip_hides_the_claim_for_me_and_undo_brings_it_back(reviewer_client):
    claim = ClaimFactory()
    decide = reverse("reviews:triage_decide", args=[claim.pk])
    reviewer_client.post(decide, {"decision": "skip", "version": 1}, **HTMX)
    assert claim.pk not in queue(reviewer_client.get(reverse("reviews:triage")))

    reviewer_client.post(reverse("reviews:triage_undo", args=[claim.pk]), {"version": 1}, **HTMX)

    assert claim.pk in queue(reviewer_client.get(reverse("reviews:triage")))
    claim.refresh_from_db()
    assert claim.status == Status.NEW


def test_undo_returns_the_claim_to_new(reviewer_client):
    claim = ClaimFactory()
    reviewer_client.post(
        reverse("reviews:triage_decide", args=[claim.pk]),
        {"decision": "check_worthy", "version": 1},
        **HTMX,
    )
    response = reviewer_client.post(
        reverse("reviews:triage_undo", args=[claim.pk]), {"version": 2}, **HTMX
    )
    assert response.status_code == 200
    assert 'data-action="check_worthy"' in response.text
    claim.refresh_from_db()
    assert claim.status == Status.NEW


def test_counts_fragment_for_htmx_and_a_redirect_without(reviewer_client):
    ClaimFactory()
    fragment = reviewer_client.get(reverse("reviews:triage_counts"), **HTMX)
    assert "Check-worthy</li>" in fragment.text
    # Quick decisions: the list stays put (its items are swapped, so it never stops
    # listening) and the latest refresh replaces one still in flight.
    page = reviewer_client.get(reverse("reviews:triage")).text
    counts_list = re.search(r'<ul id="status-counts"[^>]*>', page)[0]
    assert 'hx-swap="innerHTML"' in counts_list and 'hx-sync="this:queue last"' in counts_list
    assert "<html" not in fragment.text
    assert reviewer_client.get(reverse("reviews:triage_counts")).status_code == 302


# My claims, next claim ----------------------------------------------------------------


def test_next_claim_takes_one_and_opens_it(reviewer_client, reviewer):
    claim = ClaimFactory(status=Status.CHECK_WORTHY)

    response = reviewer_client.post(reverse("reviews:take_next"))

    assert response.url == claim.get_absolute_url()
    claim.refresh_from_db()
    assert claim.assignee == reviewer
    assert claim in reviewer_client.get(reverse("reviews:my_claims")).context["claims"]


def test_next_claim_with_htmx_redirects_the_browser(reviewer_client):
    claim = ClaimFactory(status=Status.CHECK_WORTHY)
    response = reviewer_client.post(reverse("reviews:take_next"), **HTMX)
    assert response.headers["HX-Redirect"] == claim.get_absolute_url()


def test_next_claim_when_none_waits_says_so(reviewer_client):
    response = reviewer_client.post(reverse("reviews:take_next"), follow=True)
    assert "No check-worthy claim is waiting" in response.text


def test_my_claims_shows_each_claims_newest_rating_in_its_colour(reviewer_client, reviewer):
    proposed = ClaimFactory(status=Status.AWAITING_APPROVAL, assignee=reviewer, score=0.9)
    VerdictFactory(
        claim=proposed,
        author=reviewer,
        rating=Rating.objects.get(slug="false"),
        status=Verdict.Status.SENT_BACK,
    )
    VerdictFactory(claim=proposed, author=reviewer)  # mostly true, proposed again since
    ClaimFactory(status=Status.IN_RESEARCH, assignee=reviewer, score=0.5, start=30, end=40)
    mostly_true = Rating.objects.get(slug="mostly-true")

    page = reviewer_client.get(reverse("reviews:my_claims"))

    rows = re.findall(r"<tr>.*?</tr>", page.text, re.S)[1:]
    assert len(rows) == 2
    assert f'fill="{mostly_true.colour}"' in rows[0] and mostly_true.label in rows[0]
    assert "False" not in rows[0]
    assert "None yet" in rows[1]


def test_my_claims_query_count_does_not_grow(
    reviewer_client, reviewer, django_assert_max_num_queries
):
    claims(30, status=Status.IN_RESEARCH, assignee=reviewer)
    with django_assert_max_num_queries(6):
        response = reviewer_client.get(reverse("reviews:my_claims"))
    assert len(response.context["claims"]) == 25
    with django_assert_max_num_queries(6):
        rest = reviewer_client.get(reverse("reviews:my_claims") + response.context["more_url"])
    assert len(rest.context["claims"]) == 5
    assert not {c.pk for c in rest.context["claims"]} & {c.pk for c in response.context["claims"]}


def test_the_approval_queue_pages_with_a_cursor(editor_client, reviewer):
    verdicts = [awaiting_verdict(reviewer) for _ in range(27)]
    first = editor_client.get(reverse("reviews:approvals"))
    assert [v.pk for v in first.context["verdicts"]] == [v.pk for v in verdicts[:25]]
    rest = editor_client.get(reverse("reviews:approvals") + first.context["more_url"])
    assert [v.pk for v in rest.context["verdicts"]] == [v.pk for v in verdicts[25:]]
    for bad in ["abc", "-1", "9" * 40]:
        assert editor_client.get(reverse("reviews:approvals"), {"after": bad}).status_code == 200


# The claim page -----------------------------------------------------------------------


def test_claim_page_shows_the_claim_in_context_with_its_timeline(reviewer_client, editor):
    claim = ClaimFactory(speaker="Ukraine")
    claim_triage(claim=claim, user=editor, decision=Status.CHECK_WORTHY)

    response = reviewer_client.get(claim.get_absolute_url())

    assert response.status_code == 200
    assert 'class="claim-span current"' in response.text
    assert "Take this claim" in response.text
    assert "eddie" in response.text and "triaged" in response.text


def test_claim_page_query_count_does_not_grow_with_sources_and_events(
    reviewer_client, reviewer, django_assert_max_num_queries
):
    claim = ClaimFactory(status=Status.IN_RESEARCH, assignee=reviewer)
    for n in range(20):
        SourceFactory(claim=claim, added_by=reviewer, url=f"https://example.org/{n}")
    with django_assert_max_num_queries(14):
        reviewer_client.get(claim.get_absolute_url())


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_take_from_the_claim_page(reviewer_client, reviewer, headers):
    claim = ClaimFactory(status=Status.CHECK_WORTHY)
    response = reviewer_client.post(
        reverse("reviews:take", args=[claim.pk]), {"version": 1}, **headers
    )
    claim.refresh_from_db()
    assert claim.assignee == reviewer
    if headers:
        assert 'id="claim-heading"' in response.text and "<html" not in response.text
        assert 'id="claim-summary"' not in response.text  # the panel stays; its contents swap
        assert "claimMoved" in response.headers["HX-Trigger"]
    else:
        assert response.status_code == 302


def researching(reviewer):
    return ClaimFactory(status=Status.IN_RESEARCH, assignee=reviewer)


SOURCE = {
    "url": "https://www.gov.uk/guidance/ukraine",
    "title": "UK guidance",
    "publisher": "UK government",
    "excerpt": "Quoted text",
    "stance": "supports",
    "archive_url": "https://web.archive.org/web/2022/https://www.gov.uk/guidance/ukraine",
}


def test_adding_a_source_with_htmx_returns_the_sources_panel(reviewer_client, reviewer):
    claim = researching(reviewer)
    response = reviewer_client.post(reverse("reviews:source_add", args=[claim.pk]), SOURCE, **HTMX)
    assert response.status_code == 200
    assert 'id="sources-heading"' in response.text and "UK guidance" in response.text
    assert claim.sources.get().added_by == reviewer


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**SOURCE, "url": "javascript:alert(1)"}, "Enter a valid URL"),
        ({**SOURCE, "url": ""}, "This field is required"),
        ({**SOURCE, "url": "https://" + "a" * 3000 + ".com"}, "at most 2000"),
        ({**SOURCE, "stance": "loves"}, "Select a valid choice"),
        ({**SOURCE, "archive_url": "ftp://x.org/a"}, "Enter a valid URL"),
    ],
    ids=["javascript-url", "empty", "huge", "stance", "ftp-archive"],
)
def test_an_invalid_source_re_renders_the_form_with_the_message_beside_the_field(
    reviewer_client, reviewer, data, message
):
    claim = researching(reviewer)
    for headers in ({}, HTMX):
        response = reviewer_client.post(
            reverse("reviews:source_add", args=[claim.pk]), data, **headers
        )
        assert response.status_code == 200
        assert message in response.text
        assert ("<html" in response.text) == (not headers)
    assert not claim.sources.exists()


def test_a_duplicate_source_is_refused_beside_the_url(reviewer_client, reviewer):
    claim = researching(reviewer)
    url = reverse("reviews:source_add", args=[claim.pk])
    reviewer_client.post(url, SOURCE, **HTMX)
    response = reviewer_client.post(url, SOURCE, **HTMX)
    assert "already attached" in response.text
    assert claim.sources.count() == 1


def test_someone_else_cannot_add_sources_to_my_claim(client, reviewer):
    claim = researching(reviewer)
    client.force_login(ReviewerFactory())
    response = client.post(reverse("reviews:source_add", args=[claim.pk]), SOURCE, **HTMX)
    assert response.status_code == 403
    assert not claim.sources.exists()


def test_editing_and_removing_my_source(reviewer_client, reviewer):
    claim = researching(reviewer)
    source = SourceFactory(claim=claim, added_by=reviewer)
    edit = reverse("reviews:source_edit", args=[claim.pk, source.pk])

    assert "Save source" in reviewer_client.get(edit).text
    assert "<html" not in reviewer_client.get(edit, **HTMX).text
    reviewer_client.post(edit, {**SOURCE, "title": "Renamed"}, **HTMX)
    source.refresh_from_db()
    assert source.title == "Renamed"

    reviewer_client.post(reverse("reviews:source_delete", args=[claim.pk, source.pk]), **HTMX)
    assert not Source.objects.exists()


@pytest.mark.parametrize("relied_on", [False, True], ids=["saved", "a verdict rests on it"])
def test_an_edited_source_answers_with_the_whole_sources_panel(
    reviewer_client, reviewer, relied_on
):
    """The edit form replaced its source's item; the panel in the answer must replace the
    panel's content, not land inside the item, also when the edit is refused."""
    claim = researching(reviewer)
    source = SourceFactory(claim=claim, added_by=reviewer)
    if relied_on:
        VerdictFactory(claim=claim, author=reviewer).sources.add(source)

    response = reviewer_client.post(
        reverse("reviews:source_edit", args=[claim.pk, source.pk]),
        {**SOURCE, "title": "Renamed"},
        **HTMX,
    )

    assert response.status_code == (409 if relied_on else 200)
    assert response.headers["HX-Retarget"] == "#claim-sources"
    assert response.headers["HX-Reswap"] == "innerHTML"
    assert 'id="sources-heading"' in response.text
    assert ("A verdict rests on this source" in response.text) == relied_on


def test_someone_elses_source_gives_404(reviewer_client, reviewer):
    source = SourceFactory(claim=researching(reviewer))  # added by another reviewer
    assert (
        reviewer_client.get(
            reverse("reviews:source_edit", args=[source.claim_id, source.pk])
        ).status_code
        == 404
    )
    response = reviewer_client.post(
        reverse("reviews:source_delete", args=[source.claim_id, source.pk])
    )
    assert response.status_code == 404
    assert Source.objects.exists()


def test_a_note_is_added_to_the_timeline(reviewer_client, reviewer):
    claim = researching(reviewer)
    reviewer_client.post(
        reverse("reviews:note_add", args=[claim.pk]), {"text": "Rang the MoD"}, **HTMX
    )
    timeline = reviewer_client.get(reverse("reviews:panel", args=[claim.pk, "timeline"]), **HTMX)
    assert "Rang the MoD" in timeline.text


def test_an_empty_note_shows_a_message(reviewer_client, reviewer):
    claim = researching(reviewer)
    response = reviewer_client.post(
        reverse("reviews:note_add", args=[claim.pk]), {"text": ""}, **HTMX
    )
    assert "This field is required" in response.text


def test_unknown_panel_is_404(reviewer_client):
    claim = ClaimFactory()
    assert (
        reviewer_client.get(
            reverse("reviews:panel", args=[claim.pk, "secrets"]), **HTMX
        ).status_code
        == 404
    )


def test_proposing_a_verdict(reviewer_client, reviewer):
    claim = researching(reviewer)
    source = SourceFactory(claim=claim, added_by=reviewer)
    rating = Rating.objects.get(slug="false")

    response = reviewer_client.post(
        reverse("reviews:verdict_propose", args=[claim.pk]),
        {"rating": rating.pk, "summary": "No such delivery.", "sources": [source.pk], "version": 1},
        **HTMX,
    )

    assert response.status_code == 200
    assert "Awaiting approval" in response.text
    verdict = Verdict.objects.get()
    assert (verdict.rating, verdict.author, list(verdict.sources.all())) == (
        rating,
        reviewer,
        [source],
    )


def test_a_verdict_form_with_errors_keeps_the_messages_beside_the_fields(reviewer_client, reviewer):
    claim = researching(reviewer)
    other_source = SourceFactory()
    response = reviewer_client.post(
        reverse("reviews:verdict_propose", args=[claim.pk]),
        {"rating": "999", "summary": "", "sources": [other_source.pk], "version": 1},
        **HTMX,
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert "This field is required" in response.text
    assert not Verdict.objects.exists()


def test_a_stale_verdict_proposal_is_a_conflict(reviewer_client, reviewer):
    claim = researching(reviewer)
    rating = Rating.objects.get(slug="false")
    response = reviewer_client.post(
        reverse("reviews:verdict_propose", args=[claim.pk]),
        {"rating": rating.pk, "summary": "x", "version": 7},
        **HTMX,
    )
    assert response.status_code == 409
    assert "Someone else changed this claim" in response.text


# Approval queue -----------------------------------------------------------------------


def awaiting_verdict(author):
    claim = ClaimFactory(status=Status.AWAITING_APPROVAL, assignee=author)
    return VerdictFactory(claim=claim, author=author)


def test_approval_queue_is_for_editors_only(reviewer_client):
    assert reviewer_client.get(reverse("reviews:approvals")).status_code == 403


def test_editor_sees_verdicts_awaiting_approval_but_cannot_approve_own(
    editor_client, editor, reviewer
):
    theirs = awaiting_verdict(reviewer)
    mine = awaiting_verdict(editor)
    response = editor_client.get(reverse("reviews:approvals"))
    assert reverse("reviews:approve", args=[theirs.pk]) in response.text
    assert reverse("reviews:approve", args=[mine.pk]) not in response.text
    assert "another editor must approve it" in response.text


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_approving_publishes(editor_client, reviewer, headers):
    verdict = awaiting_verdict(reviewer)
    response = editor_client.post(
        reverse("reviews:approve", args=[verdict.pk]),
        {"version": verdict.claim.version, "confirm": "on"},
        **headers,
    )
    verdict.refresh_from_db()
    assert verdict.status == Verdict.Status.PUBLISHED
    if headers:
        assert "Published" in response.text and "<html" not in response.text
    else:
        assert response.url == reverse("reviews:approvals")


def test_approving_own_verdict_is_forbidden(editor_client, editor):
    verdict = awaiting_verdict(editor)
    response = editor_client.post(reverse("reviews:approve", args=[verdict.pk]), {"version": 1})
    assert response.status_code == 403
    verdict.refresh_from_db()
    assert verdict.status == Verdict.Status.AWAITING_APPROVAL


def test_send_back_without_a_note_says_what_is_missing(editor_client, reviewer):
    verdict = awaiting_verdict(reviewer)
    url = reverse("reviews:send_back", args=[verdict.pk])
    response = editor_client.post(url, {"version": 1, "note": ""}, **HTMX)
    assert response.status_code == 409
    assert "Say what needs to change" in response.text

    editor_client.post(url, {"version": 1, "note": "Which ministry?"}, **HTMX)
    verdict.refresh_from_db()
    assert verdict.status == Verdict.Status.SENT_BACK


def test_approval_queue_query_count_does_not_grow(
    editor_client, reviewer, django_assert_max_num_queries
):
    for _ in range(15):
        awaiting_verdict(reviewer)
    with django_assert_max_num_queries(8):
        editor_client.get(reverse("reviews:approvals"))


# Assign and merge ---------------------------------------------------------------------


def test_an_editor_assigns_from_the_claim_page(editor_client, reviewer):
    claim = ClaimFactory(status=Status.CHECK_WORTHY)
    response = editor_client.post(
        reverse("reviews:assign", args=[claim.pk]), {"assignee": reviewer.pk, "version": 1}, **HTMX
    )
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.assignee == reviewer


def test_a_reviewer_cannot_assign_or_merge(reviewer_client, reviewer):
    claim = ClaimFactory(status=Status.CHECK_WORTHY)
    assert (
        reviewer_client.post(
            reverse("reviews:assign", args=[claim.pk]), {"assignee": reviewer.pk, "version": 1}
        ).status_code
        == 403
    )
    assert (
        reviewer_client.post(
            reverse("reviews:merge", args=[claim.pk]), {"canonical": claim.pk, "version": 1}
        ).status_code
        == 403
    )


def test_merge_into_a_missing_claim_is_reported(editor_client):
    claim = ClaimFactory()
    response = editor_client.post(
        reverse("reviews:merge", args=[claim.pk]), {"canonical": 9999, "version": 1}, **HTMX
    )
    assert "There is no such claim" in response.text


def test_an_editor_merges_a_duplicate(editor_client):
    canonical, duplicate = claims(2)
    editor_client.post(
        reverse("reviews:merge", args=[duplicate.pk]), {"canonical": canonical.pk, "version": 1}
    )
    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.canonical) == (Status.DUPLICATE, canonical)


def test_the_timeline_speaks_the_screens_vocabulary(reviewer_client, editor):
    claim = ClaimFactory()
    claim_triage(claim=claim, user=editor, decision=Status.CHECK_WORTHY)
    timeline = reviewer_client.get(reverse("reviews:panel", args=[claim.pk, "timeline"]), **HTMX)
    assert "New → Check-worthy" in timeline.text
    assert "check_worthy" not in timeline.text.replace("status-check_worthy", "")


def _listens_for(page: str, panel: str) -> set[str]:
    """The events the claim page's ``panel`` refreshes itself on."""
    trigger = re.search(rf'<section id="claim-{panel}"[^>]*hx-trigger="([^"]*)"', page, re.S)
    return {part.split()[0] for part in trigger[1].split(",")} if trigger else set()


@pytest.mark.parametrize(
    ("panel", "action", "data"),
    [
        ("summary", "reviews:take", {"version": 1}),
        ("sources", "reviews:source_add", {"url": "https://example.org/a", "stance": "supports"}),
        ("notes", "reviews:note_add", {"text": "Called the ministry."}),
    ],
)
def test_the_panel_that_acted_is_not_refreshed_again_but_the_timeline_is(
    reviewer_client, reviewer, panel, action, data
):
    status = Status.CHECK_WORTHY if panel == "summary" else Status.IN_RESEARCH
    claim = ClaimFactory(status=status, assignee=None if panel == "summary" else reviewer)
    page = reviewer_client.get(claim.get_absolute_url()).text

    response = reviewer_client.post(reverse(action, args=[claim.pk]), data, **HTMX)

    assert response.status_code == 200, response.text
    [event] = json.loads(response.headers["HX-Trigger"])
    assert event not in _listens_for(page, panel)
    assert event in _listens_for(page, "timeline")


def test_a_panel_refresh_reads_only_what_that_panel_shows(
    reviewer_client, reviewer, django_assert_max_num_queries
):
    claim = ClaimFactory(status=Status.IN_RESEARCH, assignee=reviewer)
    for n in range(5):
        SourceFactory(claim=claim, added_by=reviewer, url=f"https://example.org/{n}")
    url = reverse("reviews:panel", args=[claim.pk, "notes"])

    # Session, user, permissions (2), the claim, the reviewer's draft note: no sources,
    # verdicts, events or matches.
    with django_assert_max_num_queries(6):
        response = reviewer_client.get(url, **HTMX)

    assert 'id="notes-heading"' in response.text
    assert "example.org" not in response.text
