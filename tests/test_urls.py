"""Deny by default: every URL pattern, asked for anonymously, sends the visitor to log in."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Reachable without logging in, on purpose.
PUBLIC = {"login", "health", "admin:login", "admin:logout", "admin:password_reset"}


def walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            yield (
                prefix + str(pattern.pattern),
                (f"{namespace}{pattern.name}" if pattern.name else None),
                pattern,
            )


def example_path(route: str) -> str:
    """Fill a route's parameters with plausible values, so the URL resolves."""
    path = re.sub(r"<int:\w+>", "1", route)
    path = re.sub(r"<(?:str|slug):\w+>", "x", path)
    path = re.sub(r"<path:\w+>", "x/y", path)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "1", path)  # admin regex groups
    return "/" + path.lstrip("^").rstrip("$").replace("\\", "")


ALL_PATTERNS = list(walk(get_resolver().url_patterns))


def test_the_sweep_sees_every_page_of_the_app():
    names = {name for _, name, _ in ALL_PATTERNS}
    assert {
        "articles:list",
        "articles:detail",
        "reviews:claim",
        "reviews:triage",
        "admin:index",
    } <= names
    assert len(ALL_PATTERNS) > 30


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("route", "name"),
    [(route, name) for route, name, _ in ALL_PATTERNS if name not in PUBLIC],
    ids=lambda value: str(value),
)
def test_anonymous_visitors_are_sent_to_log_in(client, route, name):
    path = example_path(route)
    response = client.get(path)
    assert response.status_code == 302, f"{path} answered {response.status_code}"
    assert response.url.startswith((reverse("login"), reverse("admin:login")))


@pytest.mark.django_db
def test_the_login_page_and_health_check_are_public(client):
    assert client.get(reverse("login")).status_code == 200
    assert client.get(reverse("health")).status_code == 200
