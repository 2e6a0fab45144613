"""A ``django.tasks`` backend that runs tasks on RQ workers through Redis.

Settings::

    TASKS = {
        "default": {
            "BACKEND": "factcheck.tasks_rq.backend.RQBackend",
            "QUEUES": ["default"],  # each task's queue_name is an RQ queue of that name
            "OPTIONS": {"REDIS_URL": "redis://localhost:6379/0", "JOB_TIMEOUT": 3600},
        }
    }

``REDIS_URL`` falls back to ``settings.REDIS_URL``. Each enqueued task becomes an RQ job
calling :func:`run_task` with the task's module path; the job id is the TaskResult id, so
``task.get_result(result.id)`` reads the job back. Workers need Django set up:
``python manage.py rq_worker [--burst] [queue ...]``.
"""

from datetime import UTC
from traceback import format_exception

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.tasks import TaskContext, TaskResult, TaskResultStatus
from django.tasks.backends.base import BaseTaskBackend
from django.tasks.base import Task, TaskError
from django.tasks.exceptions import TaskResultDoesNotExist
from django.tasks.signals import task_enqueued, task_finished, task_started
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.functional import cached_property
from django.utils.json import normalize_json
from django.utils.module_loading import import_string
from redis import Redis
from rq import Queue, get_current_job
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from rq.serializers import JSONSerializer

# Arguments are JSON already (django.tasks normalises them), so nothing is pickled in Redis.
SERIALIZER = JSONSerializer

STATUSES = {
    JobStatus.CREATED: TaskResultStatus.READY,
    JobStatus.QUEUED: TaskResultStatus.READY,
    JobStatus.DEFERRED: TaskResultStatus.READY,
    JobStatus.SCHEDULED: TaskResultStatus.READY,
    JobStatus.STARTED: TaskResultStatus.RUNNING,
    JobStatus.FINISHED: TaskResultStatus.SUCCESSFUL,
    JobStatus.FAILED: TaskResultStatus.FAILED,
    JobStatus.STOPPED: TaskResultStatus.FAILED,
    JobStatus.CANCELED: TaskResultStatus.FAILED,
}


def _aware(value):
    if value is None or not settings.USE_TZ or timezone.is_aware(value):
        return value
    return value.replace(tzinfo=UTC)


def _load_task(task_path: str, meta: dict | None = None) -> Task:
    task = import_string(task_path)
    if not isinstance(task, Task):
        raise TypeError(f"{task_path!r} is not a django.tasks Task.")
    if meta:
        task = task.using(queue_name=meta["queue_name"], backend=meta["backend"])
    return task


def run_task(task_path: str, args: list, kwargs: dict):
    """The RQ job: run the task at ``task_path`` (what a worker imports and calls)."""
    job = get_current_job()
    task = _load_task(task_path, job.meta if job is not None else None)
    backend = task.get_backend()
    task_result = backend._result_from_job(job) if job is not None else None
    if task_result is not None:
        object.__setattr__(task_result, "status", TaskResultStatus.RUNNING)
        object.__setattr__(task_result, "started_at", timezone.now())
        object.__setattr__(task_result, "last_attempted_at", task_result.started_at)
        task_started.send(sender=type(backend), task_result=task_result)
    try:
        if task.takes_context:
            value = task.call(TaskContext(task_result=task_result), *args, **kwargs)
        else:
            value = task.call(*args, **kwargs)
        value = normalize_json(value)
    except BaseException as error:
        kind = type(error)
        exception_class_path = f"{kind.__module__}.{kind.__qualname__}"
        if job is not None:
            job.meta["exception_class_path"] = exception_class_path
            job.save_meta()
        if task_result is not None:
            object.__setattr__(task_result, "status", TaskResultStatus.FAILED)
            object.__setattr__(task_result, "finished_at", timezone.now())
            task_result.errors.append(
                TaskError(
                    exception_class_path=exception_class_path,
                    traceback="".join(format_exception(error)),
                )
            )
            task_finished.send(sender=type(backend), task_result=task_result)
        raise
    if task_result is not None:
        object.__setattr__(task_result, "status", TaskResultStatus.SUCCESSFUL)
        object.__setattr__(task_result, "finished_at", timezone.now())
        object.__setattr__(task_result, "_return_value", value)
        task_finished.send(sender=type(backend), task_result=task_result)
    return value


class RQBackend(BaseTaskBackend):
    supports_get_result = True

    def __init__(self, alias, params):
        super().__init__(alias, params)
        self.redis_url = self.options.get("REDIS_URL") or getattr(settings, "REDIS_URL", "")
        self.job_timeout = self.options.get("JOB_TIMEOUT", 60 * 60)
        self.result_ttl = self.options.get("RESULT_TTL", 7 * 24 * 60 * 60)

    @cached_property
    def connection(self) -> Redis:
        if not self.redis_url:
            raise ImproperlyConfigured(
                f"TASKS[{self.alias!r}] needs OPTIONS['REDIS_URL'] or settings.REDIS_URL."
            )
        return Redis.from_url(self.redis_url)

    def get_queue(self, name: str) -> Queue:
        return Queue(name, connection=self.connection, serializer=SERIALIZER)

    def enqueue(self, task, args, kwargs):
        self.validate_task(task)
        task_result = TaskResult(
            task=task,
            id=get_random_string(32),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        job = self.get_queue(task.queue_name).enqueue_call(
            func=run_task,
            args=(task.module_path, task_result.args, task_result.kwargs),
            job_id=task_result.id,
            timeout=self.job_timeout,
            result_ttl=self.result_ttl,
            failure_ttl=self.result_ttl,
            meta={
                "task_path": task.module_path,
                "queue_name": task.queue_name,
                "backend": self.alias,
            },
        )
        object.__setattr__(task_result, "enqueued_at", _aware(job.enqueued_at) or timezone.now())
        task_enqueued.send(type(self), task_result=task_result)
        return task_result

    def _result_from_job(self, job: Job) -> TaskResult:
        task_path, args, kwargs = job.args
        task = _load_task(task_path, job.meta)
        status = STATUSES.get(job.get_status(refresh=False), TaskResultStatus.READY)
        errors = []
        if status == TaskResultStatus.FAILED:
            latest = job.latest_result()
            errors.append(
                TaskError(
                    exception_class_path=job.meta.get("exception_class_path", "builtins.Exception"),
                    traceback=(latest.exc_string if latest else None) or "",
                )
            )
        task_result = TaskResult(
            task=task,
            id=job.id,
            status=status,
            enqueued_at=_aware(job.enqueued_at),
            started_at=_aware(job.started_at),
            last_attempted_at=_aware(job.started_at),
            finished_at=_aware(job.ended_at),
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=errors,
            worker_ids=[job.worker_name] if job.worker_name else [],
        )
        if status == TaskResultStatus.SUCCESSFUL:
            object.__setattr__(task_result, "_return_value", job.return_value())
        return task_result

    def get_result(self, result_id):
        try:
            job = Job.fetch(result_id, connection=self.connection, serializer=SERIALIZER)
        except NoSuchJobError as error:
            raise TaskResultDoesNotExist(result_id) from error
        if job.func_name != f"{run_task.__module__}.{run_task.__qualname__}":
            raise TaskResultDoesNotExist(result_id)
        return self._result_from_job(job)
