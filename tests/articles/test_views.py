import re

import pytest
from django.urls import reverse

from factcheck.articles.selectors import Segment, article_segments
from factcheck.claims.models import Claim
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

BODY = "Alpha said one. Beta said two.\n\nGamma said three."


def marks(html: str) -> dict[str, str]:
    """claim id -> the text highlighted for it."""
    return dict(re.findall(r'<mark id="claim-(\d+)"[^>]*><a [^>]*>(.*?)</a></mark>', html, re.S))


def make_claims(article, count: int) -> list[Claim]:
    return [ClaimFactory(article=article, start=5 * n, end=5 * n + 4) for n in range(count)]


def test_article_list_shows_titles_and_claim_counts(reviewer_client):
    article = ArticleFactory(title="Kyiv under fire")
    make_claims(article, 2)

    response = reviewer_client.get(reverse("articles:list"))

    assert response.status_code == 200
    assert "Kyiv under fire" in response.text
    assert response.context["page"].object_list[0].claim_count == 2


def test_article_list_search_filters_and_survives_hostile_input(reviewer_client):
    ArticleFactory(title="Kyiv under fire")
    ArticleFactory(title="Budget day")

    assert "Budget day" not in reviewer_client.get(reverse("articles:list"), {"q": "kyiv"}).text
    for hostile in ["", "%", "'; DROP TABLE articles_article; --", "x" * 10_000, "\x00"]:
        response = reviewer_client.get(reverse("articles:list"), {"q": hostile, "page": "abc"})
        assert response.status_code == 200


def test_article_page_highlights_every_claim_at_its_exact_offsets(reviewer_client):
    article = ArticleFactory(body=BODY)
    spans = [(0, 14), (16, 29), (32, 48)]
    claims = [
        ClaimFactory(article=article, start=start, end=end, text=BODY[start:end])
        for start, end in spans
    ]

    response = reviewer_client.get(article.get_absolute_url())

    highlighted = marks(response.text)
    assert highlighted == {str(claim.pk): BODY[claim.start : claim.end] for claim in claims}
    assert "Gamma said three" in highlighted[str(claims[2].pk)]


def test_article_page_ids_and_links_stay_unlocalised_with_thousand_separators(
    reviewer_client, settings
):
    settings.USE_THOUSAND_SEPARATOR = True
    article = ArticleFactory(body=BODY)
    claim = ClaimFactory(pk=12345, article=article, start=0, end=14, text=BODY[0:14])

    html = reviewer_client.get(article.get_absolute_url()).text

    assert marks(html) == {"12345": BODY[0:14]}
    assert 'id="claim-item-12345"' in html
    assert f'href="{claim.get_absolute_url()}"' in html
    assert f'href="{reverse("claims:edit", args=[12345])}?next=' in html
    assert "12,345" not in html


def test_article_text_is_escaped_never_rendered_as_markup(reviewer_client):
    article = ArticleFactory(body="<script>alert('x')</script> The mayor said 3 roads shut.")
    ClaimFactory(article=article, start=0, end=8)

    response = reviewer_client.get(article.get_absolute_url())

    assert "<script>alert" not in response.text
    assert "&lt;script&gt;" in response.text and "&lt;/script&gt;" in response.text


def test_claim_page_shows_the_claim_and_highlights_it_in_context(reviewer_client):
    article = ArticleFactory(body=BODY)
    claim = ClaimFactory(
        article=article, start=16, end=29, speaker="Beta", score=0.82,
        figures=[{"text": "two", "value": 2, "unit": "", "currency": ""}],
        score_reasons=["contains a figure: two"],
    )  # fmt: skip

    response = reviewer_client.get(claim.get_absolute_url())

    assert response.status_code == 200
    assert marks(response.text) == {str(claim.pk): "Beta said two"}
    assert 'class="claim-span current"' in response.text
    for shown in ["Beta", "0.82", "contains a figure: two", "New"]:
        assert shown in response.text


def test_missing_article_and_claim_give_404(reviewer_client):
    assert reviewer_client.get(reverse("articles:detail", args=[999])).status_code == 404
    assert reviewer_client.get(reverse("reviews:claim", args=[999])).status_code == 404


def test_a_user_without_a_role_is_refused(client, outsider):
    claim = ClaimFactory()
    client.force_login(outsider)
    for url in [
        reverse("articles:list"),
        claim.article.get_absolute_url(),
        claim.get_absolute_url(),
    ]:
        assert client.get(url).status_code == 403


def test_article_page_queries_do_not_grow_with_claims(
    reviewer_client, django_assert_max_num_queries
):
    article = ArticleFactory(body="word " * 400)
    make_claims(article, 50)
    with django_assert_max_num_queries(6):
        reviewer_client.get(article.get_absolute_url())


def test_overlapping_claims_are_laid_out_without_repeating_text():
    body = "0123456789abcdefghij"
    first = Claim(pk=1, start=0, end=10, sentence=body)
    second = Claim(pk=2, start=5, end=15, sentence=body)

    segments = article_segments(body, [second, first])

    assert "".join(segment.text for segment in segments) == body
    assert segments == [
        Segment("0123456789", first),
        Segment("abcde", second),
        Segment("fghij"),
    ]


def test_a_claim_whose_text_changed_under_it_is_not_highlighted_at_the_wrong_words():
    body = "The mayor said 40 homes flooded. The council promised repairs."
    moved = Claim(pk=1, start=4, end=9, sentence="The major said 40 homes flooded.")
    kept = Claim(pk=2, start=body.index("The council"), end=len(body), sentence=body[33:])

    segments = article_segments(body, [moved, kept])

    assert [segment.claim for segment in segments] == [None, kept]
