"""CACHE_URL: a Redis cache shared by the workers, holding sessions and permissions."""

import os
import re

import pytest
from django.urls import reverse

from tests.factories import ClaimFactory
from tests.redis_server import empty_redis
from tests.triage import queue

pytestmark = pytest.mark.django_db
REDIS_URL = os.environ.get("TEST_CACHE_REDIS_URL", "redis://127.0.0.1:6379/14")


@pytest.fixture
def shared_cache(settings):
    connection = empty_redis(REDIS_URL)
    # What factcheck.settings.base sets up for CACHE_URL.
    settings.CACHES = {
        "default": {
            "BACKEND": "factcheck.cache.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.FACTCHECK_CACHE_PERMISSIONS = True
    yield connection
    connection.flushdb()
    connection.close()


def test_a_queue_page_reads_session_and_permissions_from_the_cache(
    shared_cache, reviewer_client, django_assert_num_queries
):
    for i in range(30):
        ClaimFactory(start=5 * i, end=5 * i + 4)
    reviewer_client.get(reverse("reviews:triage"))

    # The status counts, the queue and its suggested matches; the user, with their
    # permissions, comes from the cache. (Inside the test's transaction the first page is
    # not kept: the next test keeps it.)
    with django_assert_num_queries(3):
        response = reviewer_client.get(reverse("reviews:triage"))
    assert response.status_code == 200
    assert len(queue(response)) == 25


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_triage_queues_first_page_is_kept_in_the_cache(
    shared_cache, reviewer_client, django_assert_num_queries
):
    claims = [ClaimFactory(start=5 * i, end=5 * i + 4, score=0.9 - i / 100) for i in range(30)]
    first = reviewer_client.get(reverse("reviews:triage"))

    with django_assert_num_queries(1):  # the status counts, with the queue's stamp
        again = reviewer_client.get(reverse("reviews:triage"))

    assert queue(again) == queue(first) == [claim.pk for claim in claims[:25]]
    more = re.search(r'href="([^"]+)" rel="next"', again.text)[1].replace("&amp;", "&")
    rest = reviewer_client.get(reverse("reviews:triage") + more)
    assert queue(rest) == [claim.pk for claim in claims[25:]]


def test_a_skip_stored_in_the_session_is_seen_by_the_next_request(shared_cache, reviewer_client):
    skipped, kept = ClaimFactory(start=0, end=4), ClaimFactory(start=5, end=9)
    reviewer_client.get(reverse("reviews:triage"))

    reviewer_client.post(
        reverse("reviews:triage_decide", args=[skipped.pk]), {"decision": "skip", "version": 1}
    )

    assert queue(reviewer_client.get(reverse("reviews:triage"))) == [kept.pk]


def test_settings_take_the_shared_cache_from_cache_url():
    from tests.test_settings import run_manage

    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE, "
        "settings.FACTCHECK_CACHE_PERMISSIONS)",
        DEBUG="true",
        CACHE_URL=REDIS_URL,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "factcheck.cache.RedisCache",
        "django.contrib.sessions.backends.cached_db",
        "True",
    ]


def test_a_cache_url_that_is_not_redis_is_refused():
    from tests.test_settings import run_manage

    result = run_manage("check", DEBUG="true", CACHE_URL="memcached://127.0.0.1:11211")

    assert result.returncode != 0
    assert "CACHE_URL='memcached://127.0.0.1:11211' is not a redis:// URL" in result.stderr


def test_cache_calls_reuse_one_redis_client(shared_cache, monkeypatch):
    """Django's backend builds a client (and its table of reply handlers) per call."""
    import redis
    from django.core.cache import cache

    cache.set("warm", 1)

    def refuse(*args, **kwargs):
        raise AssertionError("a new Redis client was built")

    monkeypatch.setattr(redis.Redis, "__init__", refuse)
    cache.set("answer", 42)
    cache.set_many({"a": 1, "b": 2})
    assert cache.get("answer") == 42
    assert cache.get_many(["a", "b"]) == {"a": 1, "b": 2}
    assert cache.incr("answer") == 43
