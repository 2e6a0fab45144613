"""Run an RQ worker for the ``factcheck.tasks_rq.backend.RQBackend`` task backend, Django set up."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connections
from django.tasks import task_backends
from rq import SimpleWorker, Worker

from factcheck.tasks_rq.backend import SERIALIZER, RQBackend
from factcheck.workers.services import keep_beating


class DjangoSimpleWorker(SimpleWorker):
    """Jobs in the worker process: drop broken or expired database connections around each."""

    def perform_job(self, job, queue):
        close_old_connections()
        try:
            return super().perform_job(job, queue)
        finally:
            close_old_connections()


class Command(BaseCommand):
    help = (
        "Run an RQ worker for TASKS_BACKEND=rq (REDIS_URL). Queues default to the "
        "backend's QUEUES; --burst stops when they are empty."
    )

    def add_arguments(self, parser):
        parser.add_argument("queues", nargs="*", help="RQ queues to serve (default: all)")
        parser.add_argument("--backend", default="default", help="the TASKS alias to serve")
        parser.add_argument("--burst", action="store_true", help="run the queued jobs, then stop")
        parser.add_argument(
            "--no-fork",
            action="store_true",
            help="run jobs in the worker process (rq SimpleWorker) instead of a fork per job",
        )
        parser.add_argument("--name", help="the worker's name in Redis")

    def handle(self, *args, queues, backend, burst, no_fork, name, verbosity, **options):
        try:
            task_backend = task_backends[backend]
        except Exception as error:
            raise CommandError(f"No task backend {backend!r}: {error}") from error
        if not isinstance(task_backend, RQBackend):
            raise CommandError(
                f"TASKS[{backend!r}] is {type(task_backend).__name__}, not the RQ backend "
                "(set TASKS_BACKEND=rq and REDIS_URL)."
            )
        names = queues or sorted(task_backend.queues)
        unknown = set(names) - task_backend.queues
        if unknown:
            raise CommandError(f"Not queues of TASKS[{backend!r}]: {', '.join(sorted(unknown))}")
        # Forked job processes must not share the parent's database connections.
        connections.close_all()
        worker_class = DjangoSimpleWorker if no_fork else Worker
        worker = worker_class(
            [task_backend.get_queue(queue) for queue in names],
            connection=task_backend.connection,
            serializer=SERIALIZER,
            name=name,
        )
        with keep_beating(worker_id=worker.name, backend=settings.TASKS[backend]["BACKEND"]):
            worker.work(burst=burst, logging_level="DEBUG" if verbosity > 1 else "INFO")
