from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.db.models import F, Q

from factcheck.claims.models import Claim, ClaimStatus

http_url = URLValidator(schemes=["http", "https"])


class Rating(models.Model):
    """One value of the verdict scale, editable in the admin."""

    label = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order on screen and in reports: lowest first."
    )
    rating_value = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="ClaimReview ratingValue (1 = worst). Leave empty for ratings off the scale.",
    )
    colour = models.CharField(
        max_length=7,
        default="#777777",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", "Use a colour like #1a7f37.")],
    )
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.label


class SourceStance(models.TextChoices):
    SUPPORTS = "supports", "Supports"
    REFUTES = "refutes", "Refutes"
    CONTEXT = "context", "Context"


class Source(models.Model):
    """Evidence a reviewer attaches to a claim."""

    Stance = SourceStance

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="sources")
    url = models.URLField(max_length=2000, validators=[http_url])
    title = models.CharField(max_length=500, blank=True)
    publisher = models.CharField(max_length=300, blank=True)
    excerpt = models.TextField(blank=True, help_text="The passage quoted from the source.")
    stance = models.CharField(max_length=10, choices=Stance, default=Stance.CONTEXT)
    archive_url = models.URLField(
        max_length=2000, blank=True, validators=[http_url], verbose_name="archived copy URL"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "url"],
                name="source_unique_url_per_claim",
                violation_error_message="This source is already attached to the claim.",
            ),
            models.CheckConstraint(
                condition=Q(stance__in=SourceStance.values), name="source_stance_valid"
            ),
            models.CheckConstraint(
                condition=Q(url__startswith="http://") | Q(url__startswith="https://"),
                name="source_url_http",
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.url


class VerdictStatus(models.TextChoices):
    AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
    SENT_BACK = "sent_back", "Sent back"
    PUBLISHED = "published", "Published"
    # Out of the exports, kept in the claim's history:
    CORRECTED = "corrected", "Corrected"  # replaced by the published correction
    WITHDRAWN = "withdrawn", "Unpublished"


class Verdict(models.Model):
    """A reviewer's conclusion on a claim. Published verdicts are never edited: a correction
    is a new verdict with its own approval, and the claim keeps both."""

    Status = VerdictStatus

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="verdicts")
    rating = models.ForeignKey(Rating, on_delete=models.PROTECT, related_name="verdicts")
    # The rating as it read when proposed, and again when published: renaming a rating
    # later does not relabel a verdict already public.
    rating_label = models.CharField(max_length=100)
    rating_value = models.PositiveSmallIntegerField(null=True, blank=True)
    summary = models.TextField()
    sources = models.ManyToManyField(Source, blank=True, related_name="verdicts")
    no_source_reason = models.TextField(
        blank=True, help_text="Why the verdict needs no source, when it rests on none."
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.AWAITING_APPROVAL)
    corrects = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
        help_text="The published verdict this one corrects, and replaces once approved.",
    )
    correction_note = models.TextField(
        blank=True, help_text="What the correction changes, published with it."
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="verdicts_withdrawn",
    )
    withdrawal_reason = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="verdicts_written"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="verdicts_approved",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        permissions = [
            ("approve_verdict", "Can approve or send back verdicts"),
            ("export_verdicts", "Can export published verdicts"),
            ("export_unpublished_verdicts", "Can export verdicts not yet published"),
        ]
        # The approval queue: awaiting approval, oldest first.
        indexes = [models.Index(fields=["status", "id"], name="verdict_queue_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=VerdictStatus.values), name="verdict_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("author")),
                name="verdict_four_eyes",
            ),
            models.CheckConstraint(
                condition=~Q(status="published")
                | (Q(approved_by__isnull=False) & Q(approved_at__isnull=False)),
                name="verdict_published_is_approved",
            ),
            models.UniqueConstraint(
                fields=["claim"],
                condition=Q(status="awaiting_approval"),
                name="verdict_one_awaiting_approval_per_claim",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating_label} — {self.claim}"

    def label_rating(self) -> None:
        """Write the rating's present label and value onto the verdict."""
        self.rating_label = self.rating.label
        self.rating_value = self.rating.rating_value


def _as_status_label(value: str) -> str:
    """A claim status in the words of the screens ("Check-worthy"); anything else as is."""
    return ClaimStatus(value).label if value in ClaimStatus.values else value


class EventAction(models.TextChoices):
    TRIAGE = "triage", "triaged"
    UNDO_TRIAGE = "undo_triage", "undid the triage decision"
    REOPEN = "reopen", "returned it to New"
    TAKE = "take", "took the claim"
    ASSIGN = "assign", "assigned the claim"
    MERGE = "merge", "merged it as a duplicate"
    UNMERGE = "unmerge", "undid the merge"
    SOURCE_ADDED = "source_added", "added a source"
    SOURCE_CHANGED = "source_changed", "changed a source"
    SOURCE_REMOVED = "source_removed", "removed a source"
    NOTE = "note", "wrote a note"
    PROPOSE_VERDICT = "propose_verdict", "proposed a verdict"
    APPROVE = "approve", "approved the verdict"
    CORRECT = "correct", "published a correction"
    UNPUBLISH = "unpublish", "unpublished the verdict"
    SEND_BACK = "send_back", "sent the verdict back"
    ADMIN_ADD = "admin_add", "added in the admin"
    ADMIN_CHANGE = "admin_change", "changed in the admin"
    ADMIN_DELETE = "admin_delete", "deleted in the admin"
    MATCH_AUTO_LINK = "match_auto_link", "linked it to the same claim elsewhere"
    MATCH_CONFIRM = "match_confirm", "confirmed the suggested match"
    MATCH_REJECT = "match_reject", "marked the match as not the same claim"
    TEXT_CHANGED = "text_changed", "changed the article's text under the claim"
    NOT_A_CLAIM = "not_a_claim", "marked it Not a claim"
    EDIT = "edit", "edited the claim"
    SPLIT = "split", "split the claim"
    MERGE_NEXT = "merge_next", "merged it with the next claim"
    ADD = "add", "added the claim from the article's text"


class Event(models.Model):
    """The audit trail: append-only, one row per change, who and when."""

    Action = EventAction

    # SET_NULL: the trail outlives what it describes; ``subject`` still names it.
    claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    subject = models.CharField(
        max_length=300, blank=True, help_text="What was changed, when it is not a claim."
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    action = models.CharField(max_length=40, choices=EventAction)
    from_value = models.CharField(max_length=200, blank=True)
    to_value = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["claim", "created_at"], name="event_claim_idx")]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_value} → {self.to_value}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError("Events are append-only.")
        super().save(*args, **kwargs)

    def get_action_display(self) -> str:
        # Django's own rebuilds a dict of all the actions at each call (12 us); a claim's
        # timeline asks it of every event. An action no longer in the code reads as stored.
        try:
            return EventAction(self.action).label
        except ValueError:
            return self.action

    @property
    def from_label(self) -> str:
        return _as_status_label(self.from_value)

    @property
    def to_label(self) -> str:
        return _as_status_label(self.to_value)


class DraftForm(models.TextChoices):
    VERDICT = "verdict", "Verdict"
    SOURCE = "source", "Source"
    NOTE = "note", "Note"
    # The edit form of one of the claim's sources (``Draft.source``).
    SOURCE_EDIT = "source_edit", "Source edit"


class Draft(models.Model):
    """What a reviewer has typed into a claim's form and not yet sent, kept as typed (raw
    form values, unvalidated) so that a reload, another panel's refresh or leaving the page
    loses nothing. The form's own action clears it."""

    Form = DraftForm
    # The fields kept of each form: nothing else a request carries is stored.
    FIELDS = {
        DraftForm.VERDICT: ("rating", "summary", "sources", "no_source_reason", "correction_note"),
        DraftForm.SOURCE: ("url", "title", "publisher", "excerpt", "stance", "archive_url"),
        DraftForm.NOTE: ("text",),
        DraftForm.SOURCE_EDIT: ("url", "title", "publisher", "excerpt", "stance", "archive_url"),
    }
    MULTIPLE = frozenset({"sources"})

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="drafts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts"
    )
    form = models.CharField(max_length=20, choices=Form)
    # The source being edited, for the source edit form only.
    source = models.ForeignKey(
        Source, on_delete=models.CASCADE, null=True, blank=True, related_name="drafts"
    )
    data = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "author", "form"],
                condition=Q(source__isnull=True),
                name="draft_one_per_claim_author_form",
            ),
            models.UniqueConstraint(
                fields=["author", "source"],
                condition=Q(source__isnull=False),
                name="draft_one_per_author_source",
            ),
            models.CheckConstraint(condition=Q(form__in=DraftForm.values), name="draft_form_valid"),
            # A source edit draft names its source; no other draft does.
            models.CheckConstraint(
                condition=(Q(form=DraftForm.SOURCE_EDIT) & Q(source__isnull=False))
                | (~Q(form=DraftForm.SOURCE_EDIT) & Q(source__isnull=True)),
                name="draft_source_iff_source_edit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_form_display()} draft of claim {self.claim_id} by {self.author_id}"


class SavedSearch(models.Model):
    """A reviewer's named set of triage filters, kept as the query string the triage
    queue reads (validated through its filter form when saved)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(max_length=100)
    query = models.CharField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="saved_search_name_unique")
        ]

    def __str__(self) -> str:
        return self.name
