"""Saved searches on the triage queue: a reviewer names the filters in use, sees only their
own, opens one to filter the queue again, and deletes one; nobody else's can be opened or
deleted."""

import pytest
from django.urls import reverse

from factcheck.reviews.models import SavedSearch
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

SAVE = reverse("reviews:saved_search_create")
TRIAGE = reverse("reviews:triage")


def save(client, name, query):
    return client.post(SAVE, {"name": name, "query": query})


def test_a_reviewer_saves_opens_and_deletes_a_search_browser_free(client, reviewer):
    ClaimFactory(text="18,000 guns were handed out", claim_type="quantity", start=0, end=10)
    ClaimFactory(text="The mayor resigned", claim_type="event", start=0, end=10)
    client.force_login(reviewer)

    page = client.get(TRIAGE, {"type": "quantity", "after": "0.5:3"})
    assert page.context["save_form"]["query"].value() == "type=quantity"

    saved = save(client, "Figures", "type=quantity")
    assert saved.status_code == 302 and saved.url == f"{TRIAGE}?type=quantity"
    queue = client.get(TRIAGE)
    assert [s.name for s in queue.context["saved_searches"]] == ["Figures"]

    search = SavedSearch.objects.get(owner=reviewer)
    opened = client.get(reverse("reviews:saved_search", args=[search.pk]), follow=True)
    assert [c.text for c in opened.context["claims"]] == ["18,000 guns were handed out"]

    deleted = client.post(reverse("reviews:saved_search_delete", args=[search.pk]))
    assert deleted.status_code == 302
    assert not SavedSearch.objects.exists()


def test_a_saved_search_keeps_only_the_filters_in_use_not_the_page(client, reviewer):
    client.force_login(reviewer)
    save(client, "Guns", "q=guns&speaker=&type=&after=0.5:3")
    assert SavedSearch.objects.get().query == "q=guns"


def test_a_duplicate_name_is_refused_beside_the_name_keeping_what_was_typed(client, reviewer):
    client.force_login(reviewer)
    save(client, "Figures", "type=quantity")
    response = save(client, "Figures", "q=guns")
    assert response.status_code == 400
    form = response.context["save_form"]
    assert "already have a saved search of that name" in form.errors["name"][0]
    assert form["name"].value() == "Figures" and form["query"].value() == "q=guns"
    assert SavedSearch.objects.count() == 1


def test_another_reviewer_may_use_the_same_name(client, reviewer, editor):
    SavedSearch.objects.create(owner=editor, name="Figures", query="type=quantity")
    client.force_login(reviewer)
    assert save(client, "Figures", "type=quantity").status_code == 302


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_an_empty_or_overlong_name_is_refused(client, reviewer, name):
    client.force_login(reviewer)
    response = save(client, name, "q=guns")
    assert response.status_code == 400
    assert response.context["save_form"].errors["name"]
    assert not SavedSearch.objects.exists()


@pytest.mark.parametrize(
    "query", ["min_score=2", "min_score=0.8&max_score=0.2", "type=poem", "q=" + "g" * 201]
)
def test_filters_the_queue_would_refuse_cannot_be_saved(client, reviewer, query):
    client.force_login(reviewer)
    response = save(client, "Bad", query)
    assert response.status_code == 400
    assert response.context["save_form"].errors["query"]
    assert not SavedSearch.objects.exists()


def test_a_huge_query_is_refused(client, reviewer):
    client.force_login(reviewer)
    assert save(client, "Huge", "q=guns&" + "x=1&" * 500).status_code == 400
    assert not SavedSearch.objects.exists()


def test_only_the_reviewers_own_saved_searches_are_listed(client, reviewer, editor):
    SavedSearch.objects.create(owner=editor, name="Editor's", query="q=aid")
    SavedSearch.objects.create(owner=reviewer, name="Mine", query="q=guns")
    client.force_login(reviewer)
    response = client.get(TRIAGE)
    assert [s.name for s in response.context["saved_searches"]] == ["Mine"]
    assert "Editor&#x27;s" not in response.content.decode()


def test_another_reviewers_saved_search_can_be_neither_opened_nor_deleted(client, reviewer, editor):
    theirs = SavedSearch.objects.create(owner=editor, name="Editor's", query="q=aid")
    client.force_login(reviewer)
    assert client.get(reverse("reviews:saved_search", args=[theirs.pk])).status_code == 404
    delete = reverse("reviews:saved_search_delete", args=[theirs.pk])
    assert client.post(delete).status_code == 404
    assert SavedSearch.objects.filter(pk=theirs.pk).exists()


def test_saving_and_deleting_take_post_only(client, reviewer):
    search = SavedSearch.objects.create(owner=reviewer, name="Mine", query="q=guns")
    client.force_login(reviewer)
    assert client.get(SAVE).status_code == 405
    assert client.get(reverse("reviews:saved_search_delete", args=[search.pk])).status_code == 405


def test_saving_a_search_needs_the_csrf_token(reviewer):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    assert client.post(SAVE, {"name": "Guns", "query": "q=guns"}).status_code == 403
    assert not SavedSearch.objects.exists()
