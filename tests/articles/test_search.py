"""Article search reaches the body text: PostgreSQL's full-text search through a GIN index,
SQLite's LIKE; and the triage queue's Article filter takes a title, with suggestions."""

import pytest
from django.db import connection
from django.urls import reverse

from factcheck.articles.models import Article
from factcheck.articles.selectors import article_list
from tests.factories import ArticleFactory, ClaimFactory
from tests.triage import queue

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_article_search_finds_words_only_in_the_body(reviewer_client):
    rifles = ArticleFactory(title="Kyiv prepares", body="Residents were handed rifles today.")
    ArticleFactory(title="Markets", body="Stocks fell on Monday.")

    page = reviewer_client.get(reverse("articles:list"), {"q": "rifles"})

    assert page.status_code == 200
    assert "Kyiv prepares" in page.text
    assert "Markets" not in page.text
    assert [article.pk for article in article_list(search="rifles")] == [rifles.pk]


def test_article_search_still_finds_titles_outlets_and_authors():
    by_title = ArticleFactory(title="Rifles for residents", body="Nothing here.")
    by_outlet = ArticleFactory(title="Other", outlet="Rifles Weekly", body="Nothing.")
    found = {article.pk for article in article_list(search="rifles")}
    assert found == {by_title.pk, by_outlet.pk}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")
def test_on_postgresql_body_search_matches_word_forms_through_its_gin_index():
    handed = ArticleFactory(title="Kyiv", body="Residents were handed rifles.")
    assert [article.pk for article in article_list(search="rifle")] == [handed.pk]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'article_body_search_idx'"
        )
        [(definition,)] = cursor.fetchall()
    assert "gin" in definition and "(body_search)" in definition
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # as on a table of 100,000
    # The count a page shows, unordered: the list itself walks the newest first.
    plan = article_list(search="rifle").order_by().explain()
    assert "article_body_search_idx" in plan
    # The title, outlet and author are matched through their trigram indexes, so a word
    # in most bodies never makes PostgreSQL read and parse every article.
    assert "article_title_trgm_idx" in plan and "to_tsvector" not in plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")
def test_on_postgresql_an_edited_body_is_searched_by_its_new_words():
    article = ArticleFactory(title="Kyiv", body="Residents were handed rifles.")
    Article.objects.filter(pk=article.pk).update(body="Residents were handed helmets.")
    assert list(article_list(search="rifles")) == []
    assert [found.pk for found in article_list(search="helmet")] == [article.pk]


def test_the_article_list_counts_each_articles_claims():
    two, none = ArticleFactory(title="Two claims"), ArticleFactory(title="No claims")
    ClaimFactory(article=two, start=0, end=5)
    ClaimFactory(article=two, start=6, end=9)
    counts = {article.pk: article.claim_count for article in article_list()}
    assert counts == {two.pk: 2, none.pk: 0}


def test_the_article_filter_takes_a_title(reviewer_client):
    ukraine = ClaimFactory(article=ArticleFactory(title="Ukraine arms its residents"))
    ClaimFactory(article=ArticleFactory(title="Markets fall"))
    url = reverse("reviews:triage")

    assert queue(reviewer_client.get(url, {"article": "ukraine arms"})) == [ukraine.pk]
    assert queue(reviewer_client.get(url, {"article": str(ukraine.article_id)})) == [ukraine.pk]
    assert queue(reviewer_client.get(url, {"article": "no such title"})) == []


def test_the_article_filter_suggests_titles_as_one_types(reviewer_client):
    ArticleFactory(title="Ukraine arms its residents")
    ArticleFactory(title="Aid for Ukraine")
    ArticleFactory(title="Markets fall")

    response = reviewer_client.get(reverse("reviews:article_titles"), {"article": "ukr"}, **HTMX)

    assert response.status_code == 200
    assert "<html" not in response.text
    assert response.text.index("Ukraine arms its residents") < response.text.index(
        "Aid for Ukraine"
    )
    assert "Markets fall" not in response.text
    page = reviewer_client.get(reverse("reviews:triage"))
    assert 'list="article-titles"' in page.text
    assert 'hx-get="/triage/article-titles/"' in page.text


@pytest.mark.parametrize("typed", ["", "   ", "x" * 5000, "\x00", "%_"])
def test_title_suggestions_answer_odd_input_calmly(reviewer_client, typed):
    ArticleFactory(title="Ukraine arms its residents")
    response = reviewer_client.get(reverse("reviews:article_titles"), {"article": typed})
    assert response.status_code == 200
    assert "Ukraine" not in response.text


def test_title_suggestions_are_for_people_who_triage(client, outsider):
    client.force_login(outsider)
    assert client.get(reverse("reviews:article_titles"), {"article": "u"}).status_code == 403
