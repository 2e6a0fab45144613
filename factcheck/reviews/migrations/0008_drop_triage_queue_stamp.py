# The triage queue's first page is no longer cached, so its stamp and triggers go.

from importlib import import_module

from django.db import migrations

stamp = import_module("factcheck.reviews.migrations.0007_triage_queue_stamp")


class Migration(migrations.Migration):
    dependencies = [("reviews", "0007_triage_queue_stamp")]

    operations = [
        migrations.RunPython(stamp.drop_triggers, stamp.create_stamp),
        migrations.DeleteModel(name="TriageQueueStamp"),
    ]
