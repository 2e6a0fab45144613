"""Open direct quotations scored while a quotation still took its sentence's score
("He added: '...'" scored the frame): they are marked for the next rescoring (after the
next import or model switch), which scores them on their own words."""

from django.db import migrations


def mark_for_rescoring(apps, schema_editor):
    Claim = apps.get_model("claims", "Claim")
    Claim.objects.filter(claim_type="quote", status="new").update(score_model_version="")


class Migration(migrations.Migration):
    dependencies = [("claims", "0011_rescore_in_context")]

    operations = [migrations.RunPython(mark_for_rescoring, migrations.RunPython.noop)]
