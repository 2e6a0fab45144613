import uuid

from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate


class ReviewsConfig(AppConfig):
    name = "factcheck.reviews"

    def ready(self) -> None:
        post_migrate.connect(renew_triage_stamp, sender=self, dispatch_uid="triage-stamp")


def renew_triage_stamp(sender, using, apps=global_apps, **kwargs) -> None:
    """After a migrate, a flush or a restore (`make restore` migrates), the triage queue's
    stamp row exists and holds a value never used before: pages cached under an earlier
    value can never be taken for the data now in the database. ``apps`` is the state
    migrated to (a flush sends none)."""
    from factcheck.reviews.models import TriageQueueStamp

    try:
        stamp = apps.get_model("reviews", "TriageQueueStamp")
    except LookupError:  # migrated back to before the stamp
        return
    stamp.objects.using(using).update_or_create(
        pk=TriageQueueStamp.ROW, defaults={"value": uuid.uuid4()}
    )
