from django.db import models
from django.urls import reverse


class Speaker(models.Model):
    """One person, organisation or country that claims are attributed to, across articles.

    Its aliases are every way the news has named it; ``name`` is the fullest, shown
    everywhere.
    """

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"
        COUNTRY = "country", "Country"

    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=12, choices=Kind, default=Kind.PERSON)
    description = models.CharField(
        max_length=300, blank=True, help_text="A role, e.g. Ukraine's president."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["name"], name="speaker_name_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("speakers:detail", args=[self.pk])

    @property
    def schema_type(self) -> str:
        """ClaimReview's ``author`` @type: schema.org has Person and Organization (a
        country speaks through its government)."""
        return "Person" if self.kind == self.Kind.PERSON else "Organization"


class SpeakerAlias(models.Model):
    """One way of naming a speaker. ``key`` (``names.name_key``) is what matching compares,
    so it belongs to one speaker only; a bare surname is never an alias, since it would
    bind every later namesake to the first."""

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300)
    key = models.CharField(max_length=300, unique=True)
    surname = models.CharField(max_length=100, db_index=True)

    class Meta:
        ordering = ["speaker", "name"]
        verbose_name_plural = "speaker aliases"

    def __str__(self):
        return self.name
