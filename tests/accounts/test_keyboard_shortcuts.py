"""Single-key shortcuts can be turned off, per person (WCAG 2.1.4)."""

import pytest
from django.test import Client
from django.urls import reverse

from factcheck.accounts.models import Preferences
from factcheck.accounts.selectors import keyboard_shortcuts_on

pytestmark = pytest.mark.django_db
URL = reverse("keyboard_shortcuts")
TRIAGE = reverse("reviews:triage")


def test_shortcuts_are_on_until_a_person_turns_them_off(reviewer_client, reviewer, editor):
    assert keyboard_shortcuts_on(user=reviewer)
    assert 'data-keys="on"' in reviewer_client.get(TRIAGE).text

    response = reviewer_client.post(URL, {"shortcuts": "off", "next": TRIAGE})

    assert response.status_code == 302
    assert response["Location"] == TRIAGE
    assert not keyboard_shortcuts_on(user=reviewer)
    assert keyboard_shortcuts_on(user=editor)  # theirs alone
    page = reviewer_client.get(TRIAGE)
    assert 'data-keys="off"' in page.text
    assert "Keyboard shortcuts are off" in page.text
    assert "Turn keyboard shortcuts on" in page.text


def test_turning_them_on_again_keeps_one_row_per_person(reviewer_client, reviewer):
    reviewer_client.post(URL, {"shortcuts": "off"})
    reviewer_client.post(URL, {"shortcuts": "on"})
    assert keyboard_shortcuts_on(user=reviewer)
    assert Preferences.objects.filter(user=reviewer).count() == 1


@pytest.mark.parametrize("data", [{}, {"shortcuts": "maybe"}, {"shortcuts": "x" * 10_000}])
def test_a_bad_answer_is_refused_with_a_message_and_changes_nothing(reviewer_client, data):
    response = reviewer_client.post(URL, data)
    assert response.status_code == 400
    assert "on or off" in response.text
    assert not Preferences.objects.exists()


def test_next_cannot_leave_the_site(reviewer_client):
    response = reviewer_client.post(URL, {"shortcuts": "off", "next": "https://evil.example/"})
    assert response["Location"] == reverse("home")


def test_only_a_logged_in_person_may_post_and_only_with_the_csrf_token(client, reviewer):
    response = client.post(URL, {"shortcuts": "off"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.get(URL).status_code == 302  # login first, whatever the method

    checked = Client(enforce_csrf_checks=True)
    checked.force_login(reviewer)
    assert checked.post(URL, {"shortcuts": "off"}).status_code == 403
    assert checked.get(URL).status_code == 405
    assert not Preferences.objects.exists()
