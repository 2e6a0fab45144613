from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.urls import reverse


class ImportBatch(models.Model):
    """One run of an import: what came in, what was created, what failed."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for the worker"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Done with errors"

    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    source = models.CharField(max_length=500, help_text="Where the files came from.")
    status = models.CharField(max_length=16, choices=Status, default=Status.RUNNING)
    files_total = models.PositiveIntegerField(default=0)
    files_done = models.PositiveIntegerField(default=0)
    articles_created = models.PositiveIntegerField(default=0)
    duplicates_skipped = models.PositiveIntegerField(default=0)
    new_versions = models.PositiveIntegerField(
        default=0, help_text="Articles whose text changed since an earlier import."
    )
    claims_found = models.PositiveIntegerField(default=0)
    errors = models.JSONField(
        default=list, blank=True, help_text="One line per bad file or record: where, and why."
    )
    notes = models.JSONField(
        default=list, blank=True, help_text="New versions of earlier articles, one line each."
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "import batches"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["queued", "running", "done", "failed"]),
                name="importbatch_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"Import {self.pk} ({self.source})"

    def get_absolute_url(self) -> str:
        return reverse("articles:batch", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def percent_done(self) -> int:
        if self.is_finished:
            return 100
        return min(99, 100 * self.files_done // self.files_total) if self.files_total else 0


class ImportFile(models.Model):
    """A file uploaded on the Import screen, kept until its batch's worker has read it."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=255, help_text="The file's name on the sender's machine.")
    file = models.FileField(upload_to="imports/%Y/%m/%d/")
    size = models.PositiveBigIntegerField()

    class Meta:
        ordering = ["batch", "id"]

    def __str__(self) -> str:
        return self.name


class Article(models.Model):
    title = models.CharField(max_length=500)
    subtitle = models.CharField(max_length=1000, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    outlet = models.CharField(max_length=200, blank=True)
    author = models.CharField(max_length=300, blank=True)
    caption = models.TextField(blank=True, help_text="Picture captions and credits.")
    published_on = models.DateField(null=True, blank=True)
    body = models.TextField()
    content_hash = models.CharField(
        max_length=64, unique=True, help_text="SHA-256 of the normalised title and body."
    )
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    extractor_version = models.CharField(max_length=40, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    version_key = models.CharField(
        max_length=64,
        blank=True,
        db_index=True,
        help_text="SHA-256 of the url, or of the title and outlet without one: the versions "
        "of one story share it.",
    )
    previous_version = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="newer_versions",
        help_text="The earlier import of this story, when its text has changed since.",
    )

    class Meta:
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["-published_on", "-id"], name="article_recent_idx")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(body=""), name="article_body_not_empty"),
            models.CheckConstraint(
                condition=Exact(Length("content_hash"), 64), name="article_content_hash_length"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", args=[self.pk])
