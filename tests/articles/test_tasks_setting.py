"""TASKS_BACKEND picks where background imports run, and refuses what it cannot use."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def settings_value(expression: str, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    code = f"import factcheck.settings.base as s; print({expression})"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT, env={**clean, "DEBUG": "true", **env}, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip


def test_the_database_worker_is_the_default():
    result = settings_value("s.TASKS['default']['BACKEND']")
    assert result.stdout.strip() == "django_tasks_db.DatabaseBackend"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"TASKS_BACKEND": "celery"}, "TASKS_BACKEND='celery' is not one of"),
        ({"TASKS_BACKEND": "rq"}, "TASKS_BACKEND=rq needs REDIS_URL"),
    ],
)
def test_an_unusable_tasks_backend_stops_the_start_up(env, message):
    result = settings_value("s.TASKS", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_rq_reads_its_queue_from_redis_url():
    result = settings_value(
        "s.TASKS['default']['BACKEND'], s.TASKS['default']['OPTIONS']['REDIS_URL'],"
        " 'django_rq' in s.INSTALLED_APPS",
        TASKS_BACKEND="rq",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    assert result.stdout.split() == [
        "factcheck.tasks_rq.backend.RQBackend",
        "redis://127.0.0.1:6379/3",
        "False",
    ]
