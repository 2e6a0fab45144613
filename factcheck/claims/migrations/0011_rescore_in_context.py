"""Open claims scored in the background before a claim scored at least as well as its
sentence there too: they are marked for the next rescoring (after the next import or
model switch), which scores them by the rule the rest now follow."""

from django.db import migrations
from django.db.models import Q


def mark_for_rescoring(apps, schema_editor):
    Claim = apps.get_model("claims", "Claim")
    # The neural model, or lexical weights refit on decisions ("<engine>+<timestamp>");
    # the import-time lexical score always weighed the sentence.
    Claim.objects.filter(
        Q(score_model="neural") | Q(score_model="lexical", score_model_version__contains="+"),
        status="new",
    ).update(score_model_version="")


class Migration(migrations.Migration):
    dependencies = [("claims", "0010_score_model")]

    operations = [migrations.RunPython(mark_for_rescoring, migrations.RunPython.noop)]
