"""Shared by the benchmarks: point Django at a benchmark database, never at real data."""

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/factcheck_bench"
# The shared cache a production deployment runs with (CACHE_URL); "" runs without one.
DEFAULT_CACHE_URL = "redis://127.0.0.1:6379/9"


def django_setup(database_url: str, cache_url: str = "") -> None:
    """Configure Django for a benchmark run: production-like (DEBUG off, so queries are
    not kept in memory and templates are cached) on the given database and cache."""
    sys.path.insert(0, str(REPO))
    os.environ["DATABASE_URL"] = database_url
    os.environ["CACHE_URL"] = cache_url
    if cache_url:
        check_cache(cache_url)
    os.environ["DJANGO_SETTINGS_MODULE"] = "factcheck.settings.base"
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-" + "x" * 40)
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    import django

    django.setup()


def ensure_postgres_database(database_url: str) -> None:
    """Create the benchmark database on its server if it does not exist yet."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(database_url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        return
    with psycopg.connect(
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as server:
        exists = server.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if not exists:
            server.execute(f'CREATE DATABASE "{config["NAME"]}"')


def check_cache(cache_url: str) -> None:
    """Stop with a clear message when the cache server does not answer."""
    from redis import Redis
    from redis.exceptions import RedisError

    try:
        Redis.from_url(cache_url, socket_connect_timeout=2).ping()
    except (RedisError, ValueError) as error:
        raise SystemExit(
            f"No Redis at {cache_url} ({error}): start one, or pass --cache-url '' to run "
            "without a shared cache."
        ) from None
