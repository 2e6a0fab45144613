from django.db import migrations

# The default verdict scale; ratingValue 1 is the worst, 5 the best (ClaimReview
# bestRating 5, worstRating 1). Ratings without a value stand off the scale.
DEFAULT_SCALE = [
    # label, slug, rating_value, colour, description
    ("False", "false", 1, "#b42318", "The claim is inaccurate."),
    ("Mostly false", "mostly-false", 2, "#d4622a", "Some truth, but the claim misleads."),
    ("Half true", "half-true", 3, "#c69214", "Partly accurate, leaves out important context."),
    ("Mostly true", "mostly-true", 4, "#5c9b3a", "Accurate, needs clarification or more detail."),
    ("True", "true", 5, "#1a7f37", "The claim is accurate."),
    ("Misleading", "misleading", None, "#7a4fb5", "Accurate facts presented to mislead."),
    ("Unproven", "unproven", None, "#5b6573", "The evidence available cannot settle it."),
]


def create_scale(apps, schema_editor):
    Rating = apps.get_model("reviews", "Rating")
    for position, (label, slug, value, colour, description) in enumerate(DEFAULT_SCALE):
        Rating.objects.get_or_create(
            slug=slug,
            defaults={
                "label": label,
                "position": position,
                "rating_value": value,
                "colour": colour,
                "description": description,
            },
        )


def remove_scale(apps, schema_editor):
    Rating = apps.get_model("reviews", "Rating")
    Rating.objects.filter(slug__in=[slug for _, slug, *_ in DEFAULT_SCALE]).delete()


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_initial")]
    operations = [migrations.RunPython(create_scale, remove_scale)]
