"""Headers and tokens every page carries."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def test_pages_send_a_strict_content_security_policy_with_a_nonce(reviewer_client):
    response = reviewer_client.get(reverse("reviews:triage"))
    policy = response.headers["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", policy)[1]
    assert "'self'" in script_src
    nonce = re.search(r"'nonce-([^']+)'", script_src)[1]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    scripts = re.findall(r"<script[^>]*>", response.text)
    assert scripts, "the page loads htmx and app.js"
    assert all(f'nonce="{nonce}"' in tag for tag in scripts)
    assert "frame-ancestors 'none'" in policy


def test_htmx_is_configured_to_need_no_eval_and_no_injected_styles(reviewer_client):
    html = reviewer_client.get(reverse("reviews:triage")).text
    config = re.search(r'<meta name="htmx-config" content=\'([^\']+)\'', html)[1]
    assert '"allowEval": false' in config
    assert '"includeIndicatorStyles": false' in config
    assert '"historyCacheSize": 0' in config


def test_htmx_requests_carry_the_csrf_token_from_the_body(reviewer_client):
    html = reviewer_client.get(reverse("reviews:triage")).text
    assert re.search(r"<body hx-headers='\{\"X-CSRFToken\": \"[\w-]+\"\}'>", html)


def test_a_post_without_the_csrf_token_is_refused(reviewer):
    claim = ClaimFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    response = client.post(
        reverse("reviews:triage_decide", args=[claim.pk]),
        {"decision": "check_worthy", "version": 1},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.status == "new"


def test_a_post_with_the_token_in_the_htmx_header_is_accepted(reviewer):
    claim = ClaimFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    html = client.get(reverse("reviews:triage")).text
    token = re.search(r'"X-CSRFToken": "([\w-]+)"', html)[1]
    response = client.post(
        reverse("reviews:triage_decide", args=[claim.pk]),
        {"decision": "check_worthy", "version": 1},
        HTTP_HX_REQUEST="true",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        reverse("reviews:triage"),
        reverse("articles:list"),
        reverse("reports:download") + "?format=csv",
    ],
)
def test_what_a_logged_in_person_is_shown_is_never_stored_by_a_browser_or_proxy(editor_client, url):
    response = editor_client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
