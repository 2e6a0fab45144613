"""Settings come from the environment and refuse values they cannot use."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from factcheck.settings.env import env_bool, env_database

ROOT = Path(__file__).resolve().parents[1]


def run_manage(*args, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@pytest.mark.parametrize("value", ["maybe", "2", "tru"])
def test_a_bad_boolean_is_refused_by_name(monkeypatch, value):
    monkeypatch.setenv("DEBUG", value)
    with pytest.raises(ImproperlyConfigured, match=f"DEBUG={value!r} is not a boolean"):
        env_bool("DEBUG", default=False)


def test_booleans_read_both_ways(monkeypatch):
    monkeypatch.setenv("FLAG", "True")
    assert env_bool("FLAG", default=False) is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", default=True) is False
    monkeypatch.delenv("FLAG")
    assert env_bool("FLAG", default=True) is True


@pytest.mark.parametrize("url", ["mysqlx://nowhere/db", "not a url", "postgres://localhost"])
def test_a_bad_database_url_is_refused(monkeypatch, url):
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env_database("DATABASE_URL", default="sqlite:///x.sqlite3")


def test_postgres_url_is_parsed(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/factcheck")
    config = env_database("DATABASE_URL", default="sqlite:///x.sqlite3")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "factcheck"


def test_secret_key_is_required_unless_debug():
    result = run_manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set unless DEBUG=true" in result.stderr
    assert run_manage("check", DEBUG="true").returncode == 0


def test_production_settings_pass_the_deployment_checks():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DJANGO_SETTINGS_MODULE="factcheck.settings.production",
        SECRET_KEY="a-long-random-production-key-" + "x9Y7z" * 10,
        ALLOWED_HOSTS="factcheck.example.org",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_debug():
    result = run_manage(
        "check", DJANGO_SETTINGS_MODULE="factcheck.settings.production", DEBUG="true"
    )
    assert "DEBUG must be false" in result.stderr


def test_production_sessions_are_secure_http_only_and_last_eight_hours():
    result = run_manage(
        "shell", "-c",
        "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, "
        "s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_AGE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0)",
        DJANGO_SETTINGS_MODULE="factcheck.settings.production",
        SECRET_KEY="a-long-random-production-key-" + "x9Y7z" * 10,
        ALLOWED_HOSTS="factcheck.example.org",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-6:] == ["True", "True", "28800", "True", "True", "True"]
