from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.functional import cached_property

from factcheck.articles.models import Article
from factcheck.extraction.types import ClaimType


def span_lies_in_sentence(body: str, *, start: int, end: int, sentence: str) -> bool:
    """Whether ``body[start:end]`` lies inside a copy of ``sentence`` in ``body``."""
    length = len(sentence)
    return (
        start < end <= len(body) and body.find(sentence, max(0, end - length), start + length) != -1
    )


class ClaimStatus(models.TextChoices):
    NEW = "new", "New"
    CHECK_WORTHY = "check_worthy", "Check-worthy"
    NOT_CHECK_WORTHY = "not_check_worthy", "Not check-worthy"
    IN_RESEARCH = "in_research", "In research"
    AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
    PUBLISHED = "published", "Published"
    DUPLICATE = "duplicate", "Duplicate"
    NOT_A_CLAIM = "not_a_claim", "Not a claim"


class ScoreModel(models.TextChoices):
    LEXICAL = "lexical", "lexical"
    NEURAL = "neural", "neural"


class NonClaimReason(models.TextChoices):
    """Why a reviewer said the engine's "claim" is no claim at all."""

    BYLINE = "byline", "Byline or credit"
    CAPTION = "caption", "Caption"
    QUESTION = "question", "Question"
    OPINION = "opinion", "Opinion"
    DUPLICATE_TEXT = "duplicate_text", "Duplicate text"
    OTHER = "other", "Other"


class Claim(models.Model):
    """One checkable statement found in an article.

    ``status`` moves only through ``factcheck.reviews.services``; ``version`` grows with every
    workflow write so that two people acting on one claim cannot overwrite each other.
    """

    Status = ClaimStatus
    ScoreModel = ScoreModel
    NonClaimReason = NonClaimReason
    Type = models.TextChoices(
        "Type", [(t.name, (t.value, t.value.capitalize())) for t in ClaimType]
    )

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    text = models.TextField()
    sentence = models.TextField()
    start = models.PositiveIntegerField(help_text="Offset of the claim's span in the body.")
    end = models.PositiveIntegerField(help_text="End offset (exclusive) of the span.")
    speaker = models.CharField(max_length=300, blank=True)
    # The role the article gives the speaker ("Ukraine's president"), and the claim's
    # words as printed (``text`` is self-contained: "he" named, reported speech unwrapped).
    speaker_description = models.CharField(max_length=300, blank=True)
    quote = models.TextField(blank=True)
    # Who ``speaker`` names, across articles (null: no speaker, or a surname two share).
    speaker_identity = models.ForeignKey(
        "speakers.Speaker",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claims",
    )
    claim_type = models.CharField(max_length=16, choices=Type, default=ClaimType.OTHER)
    figures = models.JSONField(default=list, blank=True)
    score = models.FloatField(default=0.0, help_text="Check-worthiness, 0 to 1.")
    score_reasons = models.JSONField(default=list, blank=True)
    score_model = models.CharField(
        max_length=16, choices=ScoreModel, default=ScoreModel.LEXICAL, help_text="What scored it."
    )
    score_model_version = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=20, choices=Status, default=Status.NEW)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_claims",
    )
    priority = models.SmallIntegerField(default=0)
    # RESTRICT: a claim others are duplicates of cannot be deleted on its own (they would
    # lose what they point at); deleting its whole article with them is fine.
    canonical = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.RESTRICT, related_name="duplicates"
    )
    version = models.PositiveIntegerField(default=1)
    span_needs_check = models.BooleanField(
        default=False,
        help_text="The article's text was changed and this reviewed claim's words were not "
        "found again: its start and end need a person to check them.",
    )
    extractor_version = models.CharField(max_length=40, blank=True)
    non_claim_reason = models.CharField(max_length=20, choices=NonClaimReason, blank=True)
    non_claim_note = models.CharField(max_length=500, blank=True)
    # What the engine found before a reviewer corrected this claim: a list of its claims as
    # {text, start, end, speaker, type} (two after Merge with next, none for Add claim);
    # null while nobody has corrected it.
    engine_claims = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["article", "start"]
        permissions = [
            ("triage_claim", "Can triage claims"),
            ("research_claim", "Can take claims, add sources and propose verdicts"),
            ("assign_claim", "Can assign claims and merge duplicates"),
        ]
        indexes = [
            # Triage queue: new claims, most check-worthy first.
            models.Index(fields=["status", "-score", "id"], name="claim_queue_idx"),
            # My claims: a reviewer's open claims, most check-worthy first (the selector's
            # filter is this index's condition, so a page reads 26 index entries, however
            # many claims the reviewer holds).
            models.Index(
                fields=["assignee", "-score", "id"],
                condition=Q(status__in=["in_research", "awaiting_approval"]),
                name="claim_my_claims_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "start", "end"], name="claim_unique_span_per_article"
            ),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="claim_span_not_empty"),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=1), name="claim_score_between_0_and_1"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ClaimStatus.values), name="claim_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(claim_type__in=[t.value for t in ClaimType]),
                name="claim_type_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="duplicate") | Q(canonical__isnull=False),
                name="claim_duplicate_has_canonical",
            ),
            models.CheckConstraint(
                condition=Q(canonical__isnull=True) | ~Q(canonical=F("id")),
                name="claim_not_its_own_canonical",
            ),
            models.CheckConstraint(
                condition=~Q(status="not_a_claim") | ~Q(non_claim_reason=""),
                name="claim_not_a_claim_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return self._absolute_url

    @cached_property
    def _absolute_url(self) -> str:
        # Worked out once per instance: the article page links each claim twice (in the
        # text and in the list), and reverse() is the largest part of rendering a link.
        return reverse("reviews:claim", args=[self.pk])

    @property
    def is_corrected(self) -> bool:
        return self.engine_claims is not None

    @property
    def original_text(self) -> str:
        """The engine's text for this claim ("" for a claim a reviewer added)."""
        return " / ".join(claim["text"] for claim in self.engine_claims or [])

    @property
    def original_speaker(self) -> str:
        return " / ".join(claim["speaker"] or "" for claim in self.engine_claims or [])

    def as_engine_claim(self) -> dict:
        """This claim as the engine's record of it, kept when a reviewer corrects it."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker,
            "type": self.claim_type,
        }

    def span_fits(self, body: str) -> bool:
        """True for every claim the engine writes; false once the body changed under it."""
        return span_lies_in_sentence(body, start=self.start, end=self.end, sentence=self.sentence)


class ClaimStatusCount(models.Model):
    """How many claims are in each status, kept exact by database triggers on the claims
    table (see migration 0002), so that screens show counts without scanning a table
    of millions of rows."""

    status = models.CharField(max_length=20, primary_key=True, choices=ClaimStatus)
    count = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.status}: {self.count}"
