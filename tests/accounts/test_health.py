import pytest
from django.db import DatabaseError
from django.urls import reverse

from factcheck.extraction import ENGINE_VERSION
from factcheck.extraction.checkworthiness import DEFAULT_THRESHOLD

pytestmark = pytest.mark.django_db


def test_health_is_ok_when_the_database_answers_and_migrations_are_applied(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "worker": {"status": "not needed", "detail": "tasks run in the request"},
        "scorer": {
            "model": "lexical",
            "version": ENGINE_VERSION,
            "threshold": DEFAULT_THRESHOLD,
            "fallback": "FACTCHECK_NEURAL is off",
        },
    }


def test_health_reports_unapplied_migrations(client, monkeypatch):
    monkeypatch.setattr(
        "django.db.migrations.executor.MigrationExecutor.migration_plan",
        lambda self, targets: [("fake", False)],
    )
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["unapplied_migrations"] == 1


def test_health_reports_an_unreachable_database(client, monkeypatch):
    def unreachable(self, targets):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(
        "django.db.migrations.executor.MigrationExecutor.migration_plan", unreachable
    )
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_health_only_answers_get(client):
    assert client.post(reverse("health")).status_code == 405
