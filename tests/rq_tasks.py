"""Tasks for tests/tasks_rq/test_backend.py, importable by module path as an RQ worker needs."""

from django.tasks import task
from redis import Redis

RECORD_KEY = "tests:rq:record"


@task()
def record(redis_url: str, value: str) -> dict[str, str]:
    """Push ``value`` onto a Redis list, proof the worker ran the task."""
    Redis.from_url(redis_url).rpush(RECORD_KEY, value)
    return {"recorded": value}


@task()
def fail() -> None:
    raise ValueError("the task failed on purpose")
