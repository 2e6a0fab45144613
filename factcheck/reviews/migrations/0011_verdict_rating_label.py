from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def label_existing_verdicts(apps, schema_editor):
    Rating = apps.get_model("reviews", "Rating")
    Verdict = apps.get_model("reviews", "Verdict")
    ratings = Rating.objects.filter(pk=OuterRef("rating_id"))
    Verdict.objects.update(
        rating_label=Subquery(ratings.values("label")[:1]),
        rating_value=Subquery(ratings.values("rating_value")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [("reviews", "0010_text_changed_event")]

    operations = [
        migrations.AddField(
            model_name="verdict",
            name="rating_label",
            field=models.CharField(default="", max_length=100),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="verdict",
            name="rating_value",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.RunPython(label_existing_verdicts, migrations.RunPython.noop),
    ]
