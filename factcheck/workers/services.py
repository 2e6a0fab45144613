import os
import socket
import threading
from contextlib import contextmanager
from datetime import timedelta

from django.db import close_old_connections, connection
from django.utils import timezone

from factcheck.workers.models import WorkerHeartbeat

BEAT_SECONDS = 10
# A row this old belongs to a worker that was killed without saying goodbye.
FORGET_AFTER = timedelta(days=1)


def heartbeat_beat(*, worker_id: str, backend: str, started_at) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "backend": backend,
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": started_at,
            "seen_at": now,
        },
    )
    WorkerHeartbeat.objects.filter(seen_at__lt=now - FORGET_AFTER).delete()


def heartbeat_end(*, worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


@contextmanager
def keep_beating(*, worker_id: str, backend: str, every: float = BEAT_SECONDS):
    """Beat from a thread while the body (the worker's loop) runs, and say goodbye after.

    A thread rather than the worker's loop, because the loop does not come round while a
    task runs, and an import of many files can run for minutes.
    """
    started_at = timezone.now()
    stop = threading.Event()

    def beat_until_stopped():
        while True:
            try:
                heartbeat_beat(worker_id=worker_id, backend=backend, started_at=started_at)
            except Exception:
                close_old_connections()
            finally:
                connection.close()
            if stop.wait(every):
                return

    # Every beat from the thread, on the thread's own connection: an RQ worker forks its
    # jobs and must not hand them an open connection of its own.
    thread = threading.Thread(target=beat_until_stopped, name="heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        heartbeat_end(worker_id=worker_id)
