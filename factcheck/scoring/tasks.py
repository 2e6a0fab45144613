"""Rescoring open claims in the background after an import or a change of model."""

from django.tasks import task

from factcheck.scoring.services import claims_rescore


@task()
def claims_rescore_task() -> int:
    """Give every open claim the active model's score."""
    return claims_rescore()
