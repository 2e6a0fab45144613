"""django-tasks-db's ``db_worker``, beating a heartbeat while it runs, so the import pages
and ``/health`` can tell when no worker is running."""

from django.conf import settings
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from factcheck.workers.services import keep_beating


class Command(DBWorkerCommand):
    def handle(self, *args, worker_id, backend_name, **options):
        backend = settings.TASKS[backend_name]["BACKEND"]
        with keep_beating(worker_id=worker_id, backend=backend):
            super().handle(*args, worker_id=worker_id, backend_name=backend_name, **options)
