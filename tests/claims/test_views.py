"""The correction screens, with and without HTMX: Edit claim, Not a claim, Split claim,
Merge with next and Add claim."""

import pytest
from django.urls import reverse

from factcheck.claims import services
from factcheck.claims.models import Claim
from tests.factories import ARTICLE_BODY, ArticleFactory, ClaimFactory, EditorFactory

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}
WHOLE = ARTICLE_BODY.index(".")
WHILE = ARTICLE_BODY.index("while")


@pytest.fixture
def article():
    return ArticleFactory(body=ARTICLE_BODY)


@pytest.fixture
def claim(article):
    sentence = ARTICLE_BODY[: WHOLE + 1]
    return ClaimFactory(
        article=article, start=0, end=WHOLE, text=sentence, sentence=sentence, speaker="Ukraine"
    )


def edit_data(claim, **changes):
    return {
        "text": claim.text,
        "speaker": claim.speaker,
        "claim_type": claim.claim_type,
        "article": claim.article_id,
        "version": claim.version,
        **changes,
    }


# Edit claim -----------------------------------------------------------------------------


def test_edit_page_shows_the_claim_in_a_form(reviewer_client, claim):
    response = reviewer_client.get(reverse("claims:edit", args=[claim.pk]))

    assert response.status_code == 200
    assert "Save claim" in response.text
    assert claim.text in response.text


def test_edit_without_htmx_saves_and_goes_back_to_the_claim(reviewer_client, claim):
    response = reviewer_client.post(
        reverse("claims:edit", args=[claim.pk]), edit_data(claim, speaker="Kyiv")
    )

    assert response.status_code == 302
    assert response.url == claim.get_absolute_url()
    assert Claim.objects.get(pk=claim.pk).speaker == "Kyiv"


def test_edit_from_the_triage_row_answers_with_the_row(reviewer_client, claim):
    response = reviewer_client.post(
        reverse("claims:edit", args=[claim.pk]),
        {**edit_data(claim, speaker="Kyiv"), "in": "row"},
        headers=HTMX,
    )

    assert response.status_code == 200
    assert f'id="triage-row-{claim.pk}"' in response.text
    assert "Kyiv" in response.text
    assert "claimCorrected" in response["HX-Trigger"]


def test_a_bad_edit_from_the_triage_row_stays_in_the_row(reviewer_client, claim):
    response = reviewer_client.post(
        reverse("claims:edit", args=[claim.pk]),
        {**edit_data(claim, text=""), "in": "row"},
        headers=HTMX,
    )

    assert response.status_code == 200
    assert response["HX-Retarget"] == f"#triage-edit-{claim.pk}"
    assert "This field is required" in response.text


def test_not_a_claim_from_the_row_without_a_reason_is_an_invalid_form(reviewer_client, claim):
    response = reviewer_client.post(
        reverse("claims:not_a_claim", args=[claim.pk]),
        {"reason": "", "version": 1, "in": "row"},
        headers=HTMX,
    )

    assert response.status_code == 200
    assert "This field is required" in response.text
    assert Claim.objects.get(pk=claim.pk).status == "new"


def test_edit_opened_in_the_triage_row_is_the_form_alone(reviewer_client, claim):
    response = reviewer_client.get(
        reverse("claims:edit", args=[claim.pk]) + "?in=row", headers=HTMX
    )

    assert response.status_code == 200
    assert "<html" not in response.text
    assert f'hx-target="#triage-row-{claim.pk}"' in response.text


def test_a_stale_edit_answers_409_with_the_current_state(reviewer_client, claim, editor):
    services.claim_edit(
        claim=claim, user=editor, text="Changed by the editor", speaker="", claim_type="other",
        version=1,
    )  # fmt: skip

    response = reviewer_client.post(
        reverse("claims:edit", args=[claim.pk]), edit_data(claim, speaker="Kyiv")
    )

    assert response.status_code == 409
    assert "Someone else changed this claim" in response.text
    assert "Changed by the editor" in response.text
    assert Claim.objects.get(pk=claim.pk).speaker == ""


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"text": ""}, "This field is required"),
        ({"text": "x" * 100_000}, "at most 5000 characters"),
        ({"speaker": "s" * 10_000}, "at most 300 characters"),
        ({"start": 5, "end": 2}, "end after it starts"),
        ({"start": 0, "end": 10_000}, "inside the article"),
        ({"start": 77, "end": 79}, "no words"),
        ({"start": 5}, "both ends"),
        ({"article": 999_999}, "belongs to article"),
        ({"version": "x"}, "whole number"),
    ],
)
def test_bad_edits_re_render_the_form_with_a_message_and_write_nothing(
    reviewer_client, claim, changes, message
):
    response = reviewer_client.post(
        reverse("claims:edit", args=[claim.pk]), edit_data(claim, **changes)
    )

    assert response.status_code == 200
    assert message in response.text
    assert Claim.objects.get(pk=claim.pk).version == 1


def test_a_reviewer_cannot_edit_a_claim_someone_else_researches(reviewer_client, article):
    theirs = ClaimFactory(article=article, status="in_research", assignee=EditorFactory())

    response = reviewer_client.post(reverse("claims:edit", args=[theirs.pk]), edit_data(theirs))

    assert response.status_code == 403


def test_a_published_claim_cannot_be_edited(editor_client, article):
    published = ClaimFactory(article=article, status="published")

    response = editor_client.post(
        reverse("claims:edit", args=[published.pk]), edit_data(published, text="New")
    )

    assert response.status_code == 409
    assert "send it back" in response.text


# Not a claim ----------------------------------------------------------------------------


def test_not_a_claim_from_the_triage_row_swaps_the_row_with_undo(reviewer_client, claim):
    response = reviewer_client.post(
        reverse("claims:not_a_claim", args=[claim.pk]),
        {"reason": "byline", "version": 1, "in": "row"},
        headers=HTMX,
    )

    assert response.status_code == 200
    assert "Not a claim" in response.text and "Undo" in response.text
    assert "claimTriaged" in response["HX-Trigger"]
    assert Claim.objects.get(pk=claim.pk).status == "not_a_claim"


def test_not_a_claim_without_htmx_goes_back_to_the_claim(reviewer_client, claim):
    response = reviewer_client.post(
        reverse("claims:not_a_claim", args=[claim.pk]), {"reason": "caption", "version": 1}
    )

    assert response.status_code == 302
    assert Claim.objects.get(pk=claim.pk).non_claim_reason == "caption"


def test_not_a_claim_without_a_reason_re_renders_the_form(reviewer_client, claim):
    response = reviewer_client.post(
        reverse("claims:not_a_claim", args=[claim.pk]), {"reason": "other", "version": 1}
    )

    assert response.status_code == 200
    assert "Say why it is not a claim" in response.text


def test_a_stale_not_a_claim_answers_409(reviewer_client, claim, editor):
    services.claim_mark_not_a_claim(claim=claim, user=editor, reason="question", version=1)

    response = reviewer_client.post(
        reverse("claims:not_a_claim", args=[claim.pk]), {"reason": "caption", "version": 1}
    )

    assert response.status_code == 409
    assert "Someone else changed this claim" in response.text


# Split claim ----------------------------------------------------------------------------


def test_split_page_offers_the_points_between_words(reviewer_client, claim):
    response = reviewer_client.get(reverse("claims:split", args=[claim.pk]))

    assert response.status_code == 200
    assert "Russia, | while" in response.text


def test_split_shows_the_engines_parts_then_splits(reviewer_client, claim):
    url = reverse("claims:split", args=[claim.pk])

    preview = reviewer_client.get(url, {"points": WHILE})
    assert preview.status_code == 200
    assert "the US" in preview.text and "Split claim" in preview.text

    response = reviewer_client.post(
        url,
        {
            "points": WHILE, "version": 1, "keep": 0,
            "part-1-text": "18,000 guns had been given to residents", "part-1-speaker": "Ukraine",
            "part-1-claim_type": "quantity",
            "part-2-text": "The US pledged $600m", "part-2-speaker": "the US",
            "part-2-claim_type": "quantity",
        },
    )  # fmt: skip

    assert response.status_code == 302
    assert sorted(Claim.objects.values_list("speaker", flat=True)) == ["Ukraine", "the US"]


def test_a_split_point_outside_the_span_re_renders_the_form(reviewer_client, claim):
    response = reviewer_client.get(reverse("claims:split", args=[claim.pk]), {"points": 10_000})

    assert response.status_code == 200
    assert "inside the claim" in response.text


# Merge with next ------------------------------------------------------------------------


def test_merge_with_next_goes_back_to_the_merged_claim(reviewer_client, article):
    services.claims_extract_for_article(article=article)
    first, second = article.claims.order_by("start")[:2]

    response = reviewer_client.post(
        reverse("claims:merge_next", args=[first.pk]), {"version": first.version}
    )

    assert response.status_code == 302
    assert not Claim.objects.filter(pk=second.pk).exists()


def test_a_stale_merge_answers_409_with_the_current_state(reviewer_client, article):
    services.claims_extract_for_article(article=article)
    first = article.claims.order_by("start").first()

    response = reviewer_client.post(reverse("claims:merge_next", args=[first.pk]), {"version": 7})

    assert response.status_code == 409
    assert "Nothing was changed" in response.text


# Add claim ------------------------------------------------------------------------------


def test_add_claim_shows_the_engines_proposal_for_the_span(reviewer_client, article):
    start = ARTICLE_BODY.index("the US")
    end = ARTICLE_BODY.index(" in military")

    response = reviewer_client.get(
        reverse("claims:add", args=[article.pk]), {"start": start, "end": end}
    )

    assert response.status_code == 200
    assert ARTICLE_BODY[start:end] in response.text
    assert 'value="the US"' in response.text


def test_add_claim_warns_about_an_overlapping_claim(reviewer_client, article, claim):
    response = reviewer_client.get(
        reverse("claims:add", args=[article.pk]), {"start": 13, "end": 40}
    )

    assert "overlaps 1 claim" in response.text


def test_add_claim_saves_exactly_the_span_and_opens_the_new_claim(reviewer_client, article):
    start, end = ARTICLE_BODY.index("Residents"), len(ARTICLE_BODY) - 1

    response = reviewer_client.post(
        reverse("claims:add", args=[article.pk]),
        {"start": start, "end": end, "text": "Residents told to shelter", "speaker": "",
         "claim_type": "other"},
    )  # fmt: skip

    claim = Claim.objects.get()
    assert response.status_code == 302 and response.url == claim.get_absolute_url()
    assert (claim.start, claim.end) == (start, end)
    page = reviewer_client.get(claim.get_absolute_url())
    assert f'class="claim-span current" data-claim="{claim.pk}"' in page.text


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (0, 10_000, "inside the article"),
        (9, 3, "end after it starts"),
        (77, 79, "no words"),
        (-1, 3, "greater than or equal to 0"),
    ],
)
def test_add_claim_refuses_bad_spans_in_the_form(reviewer_client, article, start, end, message):
    response = reviewer_client.post(
        reverse("claims:add", args=[article.pk]),
        {"start": start, "end": end, "text": "x", "speaker": "", "claim_type": "other"},
    )

    assert response.status_code == 200
    assert message in response.text
    assert not Claim.objects.exists()


# The claim page -------------------------------------------------------------------------


def test_the_claim_page_offers_the_corrections_to_who_may_make_them(reviewer_client, claim):
    page = reviewer_client.get(claim.get_absolute_url()).text

    for words in ("Edit claim", "Split claim", "Merge with next", "Not a claim"):
        assert words in page


def test_the_claim_page_offers_no_correction_of_a_published_claim(editor_client, article):
    published = ClaimFactory(article=article, status="published")

    page = editor_client.get(published.get_absolute_url()).text

    assert "Edit claim" not in page and "Split claim" not in page


def test_the_timeline_shows_each_correction_in_words(reviewer_client, claim, reviewer):
    services.claim_edit(claim=claim, user=reviewer, text=claim.text, speaker="Kyiv",
                        claim_type=claim.claim_type, version=1)  # fmt: skip
    claim = services.claim_mark_not_a_claim(
        claim=Claim.objects.get(pk=claim.pk), user=reviewer, reason="opinion", version=2
    )

    page = reviewer_client.get(claim.get_absolute_url()).text

    assert "edited the claim's speaker" in page
    assert "Ukraine → Kyiv" in page
    assert "marked it Not a claim" in page and "New → Not a claim" in page
    assert "Not a claim</span> (Opinion)" in page
