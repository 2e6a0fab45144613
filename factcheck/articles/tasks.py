"""Background work for the articles app, through Django's Tasks framework (``TASKS``)."""

from django.tasks import task

from factcheck.articles.models import ImportBatch
from factcheck.articles.services import import_batch_run_stored


@task()
def import_batch_task(*, batch_id: int) -> dict[str, int] | None:
    """Import an uploaded batch; its page follows the counters as they move."""
    batch = ImportBatch.objects.filter(pk=batch_id).first()
    if batch is None:
        return None
    report = import_batch_run_stored(batch=batch)
    if report is None:
        return None
    return {"articles_created": batch.articles_created, "errors": len(report.errors)}
