"""Numbers and dates no view can use (an id of 4,301 digits, which int() itself refuses; the
last day of year 9999, which has no next day) are refused like any other bad value: a form
error or 400, never a 500."""

import pytest
from django.urls import reverse

from factcheck.claims.models import Claim
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db
HUGE = "9" * 4301
# str.strip() removes the unit separator; int() then refuses it (found by hypothesis).
STRIPPED = "1\x1f"
LAST_DAY = "9999-12-31"

CASES = [
    # url(claims), method, data
    (lambda c: reverse("reviews:approvals"), "get", {"after": HUGE}),
    (lambda c: reverse("reviews:triage"), "get", {"article": HUGE, "after": HUGE}),
    (lambda c: reverse("reports:index"), "get", {"article": HUGE}),
    (lambda c: reverse("reports:index"), "get", {"rating": HUGE}),
    (lambda c: reverse("reports:print"), "get", {"article": HUGE}),
    (lambda c: reverse("reports:download"), "get", {"article": HUGE}),
    (lambda c: reverse("reviews:approvals"), "get", {"after": STRIPPED}),
    (lambda c: reverse("reports:index"), "get", {"article": STRIPPED}),
    (lambda c: reverse("reports:download"), "get", {"article": STRIPPED}),
    (lambda c: reverse("reports:index"), "get", {"until": LAST_DAY}),
    (lambda c: reverse("reports:index"), "get", {"since": LAST_DAY}),
    (lambda c: reverse("reports:print"), "get", {"until": LAST_DAY}),
    (lambda c: reverse("reports:download"), "get", {"until": LAST_DAY}),
    (lambda c: reverse("reviews:assign", args=[c["open"].pk]), "post",
     {"assignee": HUGE, "version": 1}),
    (lambda c: reverse("reviews:merge", args=[c["open"].pk]), "post",
     {"canonical": HUGE, "version": 1}),
    (lambda c: reverse("reviews:verdict_propose", args=[c["mine"].pk]), "post",
     {"rating": HUGE, "summary": "x", "version": 1}),
    (lambda c: reverse("reviews:verdict_propose", args=[c["mine"].pk]), "post",
     {"rating": 1, "sources": HUGE, "summary": "x", "version": 1}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("url", "method", "data"),
    CASES,
    ids=[f"{method}-{'-'.join(data)}-{n}" for n, (_, method, data) in enumerate(CASES)],
)
def test_an_unusable_number_or_date_is_refused_not_a_500(editor_client, editor, url, method, data):
    claims = {
        "open": ClaimFactory(status=Claim.Status.CHECK_WORTHY),
        "mine": ClaimFactory(status=Claim.Status.IN_RESEARCH, assignee=editor),
    }
    response = getattr(editor_client, method)(url(claims), data)
    assert response.status_code in (200, 400)
    if response.status_code == 200 and set(data) - {"after", "version", "summary"}:
        assert 'class="errorlist' in response.text


def test_a_report_ending_on_the_last_day_of_9999_says_why(editor_client):
    response = editor_client.get(reverse("reports:index"), {"until": LAST_DAY})
    assert "Choose a date in or before 9998." in response.text


def test_the_login_page_sends_a_logged_in_user_home_when_next_names_itself(editor_client):
    login = reverse("login")
    response = editor_client.get(login, {"next": login})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_the_login_page_still_follows_a_safe_next(editor_client):
    response = editor_client.get(reverse("login"), {"next": reverse("reviews:approvals")})
    assert response.headers["Location"] == reverse("reviews:approvals")
