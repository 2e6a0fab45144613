"""Settings come from the environment and refuse values they cannot use."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from factcheck.settings.env import env_bool, env_database, env_site_url, local_env_write

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_dcbd9e3bcc29c69d.txt"
PRODUCTION_KEY = "a-long-random-production-key-" + "x9Y7z" * 10


def run_manage(*args, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    # This checkout's own .env (if `make demo` wrote one) is not part of any test.
    env.setdefault("FACTCHECK_ENV_FILE", str(ROOT / "var" / "no-such-env-file"))
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
        SECRET_KEY=PRODUCTION_KEY,
        ALLOWED_HOSTS="factcheck.example.org",
        SITE_URL="https://factcheck.example.org",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_deployment_checks_warn_when_production_has_no_site_url():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DJANGO_SETTINGS_MODULE="factcheck.settings.production",
        SECRET_KEY=PRODUCTION_KEY,
        ALLOWED_HOSTS="factcheck.example.org",
    )  # fmt: skip
    assert result.returncode != 0
    assert "reports.W001" in result.stderr
    assert "SITE_URL is not set" in result.stderr


def test_the_plain_checks_say_nothing_of_the_site_url():
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="factcheck.settings.production",
        SECRET_KEY=PRODUCTION_KEY,
        ALLOWED_HOSTS="factcheck.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "SITE_URL" not in result.stderr + result.stdout


@pytest.mark.parametrize(
    "url", ["factcheck.example.org", "ftp://factcheck.example.org", "https://", "https://x/?a=1"]
)
def test_a_site_url_that_is_no_web_address_is_refused(monkeypatch, url):
    monkeypatch.setenv("SITE_URL", url)
    with pytest.raises(ImproperlyConfigured, match="SITE_URL="):
        env_site_url("SITE_URL")


def test_a_site_url_loses_its_trailing_slash(monkeypatch):
    monkeypatch.setenv("SITE_URL", " https://factcheck.example.org/desk/ ")
    assert env_site_url("SITE_URL") == "https://factcheck.example.org/desk"
    monkeypatch.delenv("SITE_URL")
    assert env_site_url("SITE_URL") == ""


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
        SECRET_KEY=PRODUCTION_KEY,
        ALLOWED_HOSTS="factcheck.example.org",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-6:] == ["True", "True", "28800", "True", "True", "True"]


def test_the_local_env_file_has_a_fresh_key_and_debug_on_and_is_private(tmp_path):
    first, second = tmp_path / "one.env", tmp_path / "two.env"
    assert local_env_write(first) is True
    local_env_write(second)
    lines = first.read_text().splitlines()
    assert "DEBUG=true" in lines
    key = next(line.removeprefix("SECRET_KEY=") for line in lines if line.startswith("SECRET_KEY="))
    assert len(key) >= 50
    assert key not in second.read_text()
    assert first.stat().st_mode & 0o777 == 0o600


def test_an_existing_local_env_file_is_never_overwritten(tmp_path):
    path = tmp_path / ".env"
    path.write_text("SECRET_KEY=kept-as-it-was\n")
    assert local_env_write(path) is False
    assert path.read_text() == "SECRET_KEY=kept-as-it-was\n"


def test_commands_read_debug_and_the_key_from_the_local_env_file(tmp_path):
    env_file = tmp_path / ".env"
    local_env_write(env_file)
    key = env_file.read_text().split("SECRET_KEY=")[1].strip()
    result = run_manage(
        "shell", "-c", "from django.conf import settings as s; print(s.DEBUG, s.SECRET_KEY)",
        FACTCHECK_ENV_FILE=str(env_file),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["True", key]


def test_extract_claims_runs_with_nothing_but_the_local_env_file(tmp_path):
    env_file = tmp_path / ".env"
    local_env_write(env_file)
    result = run_manage("extract_claims", str(SEED), FACTCHECK_ENV_FILE=str(env_file))
    assert result.returncode == 0, result.stderr
    assert "18,000 guns" in result.stdout


def test_the_environment_wins_over_the_local_env_file(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DEBUG=true\nSECRET_KEY=from-the-file\n")
    result = run_manage(
        "shell", "-c", "from django.conf import settings as s; print(s.SECRET_KEY)",
        FACTCHECK_ENV_FILE=str(env_file), SECRET_KEY="from-the-environment",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "from-the-environment"


def test_production_settings_never_read_the_local_env_file(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text(f"SECRET_KEY={PRODUCTION_KEY}\n")
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="factcheck.settings.production",
        FACTCHECK_ENV_FILE=str(env_file),
        ALLOWED_HOSTS="factcheck.example.org",
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set unless DEBUG=true" in result.stderr


@pytest.mark.parametrize("key", ["build-only", "change-me", "x" * 60])
def test_production_settings_refuse_a_weak_key(key):
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="factcheck.settings.production",
        SECRET_KEY=key,
        ALLOWED_HOSTS="factcheck.example.org",
    )
    assert result.returncode != 0
    assert "SECRET_KEY is too weak for production" in result.stderr
