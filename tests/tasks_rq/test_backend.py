"""TASKS_BACKEND=rq: the RQ backend with a real Redis and an in-process worker."""

import json
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.tasks.exceptions import TaskResultDoesNotExist
from django.test import override_settings
from rq import SimpleWorker

from factcheck.articles.models import Article, ImportBatch
from factcheck.articles.services import import_batch_task
from factcheck.tasks_rq.backend import SERIALIZER
from tests import rq_tasks
from tests.redis_server import empty_redis

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
RQ_TASKS = {
    "default": {
        "BACKEND": "factcheck.tasks_rq.backend.RQBackend",
        "QUEUES": ["default"],
        "OPTIONS": {"REDIS_URL": REDIS_URL},
    }
}


@pytest.fixture
def redis():
    connection = empty_redis(REDIS_URL)
    with override_settings(TASKS=RQ_TASKS):
        yield connection
    connection.flushdb()
    connection.close()


def run_worker(backend) -> None:
    queues = [backend.get_queue(name) for name in sorted(backend.queues)]
    worker = SimpleWorker(queues, connection=backend.connection, serializer=SERIALIZER)
    worker.work(burst=True)


def test_a_task_is_queued_then_run_by_a_worker(redis):
    result = rq_tasks.record.enqueue(REDIS_URL, "hello")

    assert result.status == TaskResultStatus.READY
    assert result.enqueued_at is not None
    assert redis.lrange(rq_tasks.RECORD_KEY, 0, -1) == []
    assert rq_tasks.record.get_result(result.id).status == TaskResultStatus.READY

    run_worker(rq_tasks.record.get_backend())

    assert redis.lrange(rq_tasks.RECORD_KEY, 0, -1) == [b"hello"]
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == {"recorded": "hello"}
    assert result.args == [REDIS_URL, "hello"]
    assert result.started_at and result.finished_at and result.worker_ids


def test_a_failing_task_reports_its_error(redis):
    result = rq_tasks.fail.enqueue()
    run_worker(rq_tasks.fail.get_backend())

    result.refresh()
    assert result.status == TaskResultStatus.FAILED
    assert result.errors[0].exception_class is ValueError
    assert "the task failed on purpose" in result.errors[0].traceback


def test_an_unknown_result_id_does_not_exist(redis):
    with pytest.raises(TaskResultDoesNotExist):
        rq_tasks.record.get_result("no-such-job")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_command_runs_the_queue_in_burst_mode(redis):
    result = rq_tasks.record.enqueue(REDIS_URL, "from the command")
    call_command("rq_worker", "--burst", "--no-fork", verbosity=0)
    assert redis.lrange(rq_tasks.RECORD_KEY, 0, -1) == [b"from the command"]
    assert rq_tasks.record.get_result(result.id).status == TaskResultStatus.SUCCESSFUL


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_uploaded_batch_is_imported_by_an_rq_worker(redis):
    body = "The mayor said 40 homes flooded on Monday.\n\nThe council promised £2m in repairs."
    upload = SimpleUploadedFile("good.json", json.dumps({"title": "Floods", "body": body}).encode())
    from factcheck.articles.services import import_batch_upload

    batch = import_batch_upload(user=None, files=[upload])  # commits, then enqueues

    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.QUEUED
    assert not Article.objects.exists()

    run_worker(import_batch_task.get_backend())

    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    assert (batch.files_total, batch.files_done, batch.articles_created) == (1, 1, 1)
    assert list(Article.objects.values_list("title", flat=True)) == ["Floods"]
