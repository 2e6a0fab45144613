"""CACHE_URL: a Redis cache shared by the workers, keeping sessions in front of the database."""

import os

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
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    yield connection
    connection.flushdb()
    connection.close()


def test_a_queue_page_reads_the_session_from_the_cache(
    shared_cache, reviewer_client, django_assert_num_queries
):
    for i in range(30):
        ClaimFactory(start=5 * i, end=5 * i + 4)
    reviewer_client.get(reverse("reviews:triage"))

    # The user, their own and their groups' permissions, their keyboard-shortcut setting,
    # their saved searches, the status counts, the queue and its suggested matches: no
    # session query.
    with django_assert_num_queries(8):
        response = reviewer_client.get(reverse("reviews:triage"))
    assert response.status_code == 200
    assert len(queue(response)) == 25


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
        "print(settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE)",
        DEBUG="true",
        CACHE_URL=REDIS_URL,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "django.contrib.sessions.backends.cached_db",
    ]


def test_a_cache_url_that_is_not_redis_is_refused():
    from tests.test_settings import run_manage

    result = run_manage("check", DEBUG="true", CACHE_URL="memcached://127.0.0.1:11211")

    assert result.returncode != 0
    assert "CACHE_URL='memcached://127.0.0.1:11211' is not a redis:// URL" in result.stderr
