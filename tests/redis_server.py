"""The Redis the tests that need one talk to: skipped without it, except under CI=true."""

import os

import pytest
from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError


def empty_redis(url: str) -> Redis:
    """A connection to the Redis database at ``url``, emptied; the test is skipped when no
    Redis answers there, and fails instead under CI=true, where one must."""
    connection = Redis.from_url(url, socket_connect_timeout=1)
    try:
        connection.ping()
    except RedisConnectionError as error:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Redis is not reachable at {url} (CI=true): {error}")
        pytest.skip(f"Redis is not reachable at {url}: {error}")
    connection.flushdb()
    return connection
