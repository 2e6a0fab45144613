import threading
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from factcheck.articles.models import ImportBatch
from factcheck.articles.services import import_batch_upload
from factcheck.workers.models import WorkerHeartbeat
from factcheck.workers.services import heartbeat_beat, keep_beating
from tests.factories import ARTICLE_BODY, ArticleFactory

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
DB_BACKEND = DATABASE_TASKS["default"]["BACKEND"]

pytestmark = pytest.mark.django_db


def _beat(ago):
    heartbeat_beat(worker_id="w1", backend=DB_BACKEND, started_at=timezone.now())
    WorkerHeartbeat.objects.update(seen_at=timezone.now() - ago)


@override_settings(TASKS=DATABASE_TASKS)
def test_a_waiting_batch_says_no_worker_runs_and_how_to_start_one(reviewer_client):
    batch = ImportBatch.objects.create(source="up", status=ImportBatch.Status.QUEUED, files_total=2)

    html = reviewer_client.get(batch.get_absolute_url(), HTTP_HX_REQUEST="true").text

    assert "No background worker is running." in html
    assert "python manage.py db_worker" in html


@override_settings(TASKS=DATABASE_TASKS)
def test_a_worker_not_seen_for_thirty_seconds_counts_as_gone(reviewer_client):
    batch = ImportBatch.objects.create(source="up", status=ImportBatch.Status.QUEUED)

    _beat(ago=timedelta(seconds=5))
    assert "No background worker" not in reviewer_client.get(batch.get_absolute_url()).text

    WorkerHeartbeat.objects.update(seen_at=timezone.now() - timedelta(seconds=31))
    html = reviewer_client.get(batch.get_absolute_url()).text
    assert "No background worker is running (last seen" in html


@override_settings(TASKS=DATABASE_TASKS)
def test_a_finished_batch_says_nothing_about_workers(reviewer_client):
    batch = ImportBatch.objects.create(source="up", status=ImportBatch.Status.DONE)

    assert "No background worker" not in reviewer_client.get(batch.get_absolute_url()).text


def test_with_tasks_run_in_the_request_no_worker_is_asked_for(reviewer_client):
    batch = ImportBatch.objects.create(source="up", status=ImportBatch.Status.QUEUED)

    assert "No background worker" not in reviewer_client.get(batch.get_absolute_url()).text


@override_settings(TASKS=DATABASE_TASKS)
def test_health_reports_a_missing_worker_without_failing(client):
    response = client.get(reverse("health"))

    assert response.status_code == 200
    assert response.json()["worker"] == {
        "status": "not seen",
        "last_seen": None,
        "start_command": "python manage.py db_worker",
    }
    _beat(ago=timedelta(seconds=1))
    assert client.get(reverse("health")).json()["worker"]["status"] == "ok"


def test_the_finished_batch_panel_lists_its_articles_with_links_to_their_claims(
    reviewer_client,
):
    batch = ImportBatch.objects.create(source="up", status=ImportBatch.Status.DONE)
    article = ArticleFactory(batch=batch, title="Floods <b>")

    panel = reviewer_client.get(batch.get_absolute_url(), HTTP_HX_REQUEST="true").text

    assert "<html" not in panel
    assert "Floods &lt;b&gt;" in panel
    assert f"{reverse('reviews:triage')}?article={article.pk}" in panel


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_beats_from_its_own_thread_while_busy_and_says_goodbye():
    with keep_beating(worker_id="busy", backend=DB_BACKEND, every=0.05):
        first = _wait_for_beat()
        threading.Event().wait(0.3)  # the body is busy; the thread keeps beating
        assert WorkerHeartbeat.objects.get(worker_id="busy").seen_at > first

    assert not WorkerHeartbeat.objects.filter(worker_id="busy").exists()


def _wait_for_beat():
    for _ in range(100):
        beat = WorkerHeartbeat.objects.filter(worker_id="busy").first()
        if beat:
            return beat.seen_at
        threading.Event().wait(0.05)
    raise AssertionError("no heartbeat within 5 s")


def test_rows_of_workers_killed_a_day_ago_are_forgotten():
    heartbeat_beat(worker_id="killed", backend=DB_BACKEND, started_at=timezone.now())
    WorkerHeartbeat.objects.update(seen_at=timezone.now() - timedelta(days=2))

    heartbeat_beat(worker_id="alive", backend=DB_BACKEND, started_at=timezone.now())

    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["alive"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_db_worker_beats_while_it_imports_a_queued_upload_and_says_goodbye(
    monkeypatch, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    seen = []

    def recording_beat(**kwargs):
        seen.append(kwargs["worker_id"])
        heartbeat_beat(**kwargs)

    monkeypatch.setattr("factcheck.workers.services.heartbeat_beat", recording_beat)
    upload = SimpleUploadedFile("floods.txt", b"Floods\n\n" + ARTICLE_BODY.encode())
    batch = import_batch_upload(user=None, files=[upload])

    call_command("db_worker", "--batch", "--no-startup-delay", "--worker-id", "w-test")

    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    assert batch.articles.count() == 1
    assert seen and set(seen) == {"w-test"}
    assert not WorkerHeartbeat.objects.exists()
