from django.db import models


class WorkerHeartbeat(models.Model):
    """One running background worker, as it last said it was alive.

    Workers beat every few seconds from a thread of their own, so a worker busy with a long
    import still counts as alive; a worker that stops cleanly removes its row, one that is
    killed leaves a row that simply grows old.
    """

    worker_id = models.CharField(max_length=64, unique=True)
    backend = models.CharField(max_length=100)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-seen_at"]

    def __str__(self):
        return f"{self.backend} worker {self.worker_id} on {self.hostname} (pid {self.pid})"
