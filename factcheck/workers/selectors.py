from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS
from django.utils import timezone

from factcheck.workers.models import WorkerHeartbeat

# A worker beats every 10 s; three missed beats and it counts as gone.
ALIVE_WITHIN = timedelta(seconds=30)

# What starts a worker for each task backend; the immediate backend runs tasks in the
# request and needs none.
START_COMMANDS = {
    "django_tasks_db.DatabaseBackend": "python manage.py db_worker",
    "factcheck.tasks_rq.backend.RQBackend": "python manage.py rq_worker",
}


@dataclass(frozen=True)
class WorkerStatus:
    needed: bool
    alive: bool
    last_seen: datetime | None
    start_command: str | None

    @property
    def missing(self) -> bool:
        return self.needed and not self.alive


def worker_status() -> WorkerStatus:
    backend = settings.TASKS[DEFAULT_TASK_BACKEND_ALIAS]["BACKEND"]
    start_command = START_COMMANDS.get(backend)
    if start_command is None:
        return WorkerStatus(needed=False, alive=False, last_seen=None, start_command=None)
    last_seen = (
        WorkerHeartbeat.objects.filter(backend=backend)
        .order_by("-seen_at")
        .values_list("seen_at", flat=True)
        .first()
    )
    alive = last_seen is not None and last_seen >= timezone.now() - ALIVE_WITHIN
    return WorkerStatus(needed=True, alive=alive, last_seen=last_seen, start_command=start_command)
