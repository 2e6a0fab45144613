from django.conf import settings
from django.db import models
from django.db.models import F, Q

from factcheck.claims.models import Claim


class ClaimFingerprint(models.Model):
    """What matching compares of a claim, stored so candidates are found by index and scored
    without re-reading their text. Written by ``matching.services``; see ``similarity``."""

    claim = models.OneToOneField(
        Claim, primary_key=True, on_delete=models.CASCADE, related_name="fingerprint"
    )
    # Sorted content words; pg_trgm's GIN index (migration 0002) serves the similar-claims
    # search on PostgreSQL.
    match_key = models.TextField()
    figure_key = models.CharField(max_length=500, blank=True)
    speaker_key = models.CharField(max_length=300, blank=True)
    # "axis:balance:count" per direction axis, see ``similarity``.
    directions = models.CharField(max_length=300, blank=True)
    negations = models.PositiveSmallIntegerField(default=0)
    word_count = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["figure_key"], name="fingerprint_figures_idx")]

    def __str__(self) -> str:
        return self.match_key[:80]


class ClaimBand(models.Model):
    """One of a claim's LSH band keys (``similarity.band_keys``): claims sharing a key are
    candidates for one another. A plain B-tree lookup, the same on SQLite and PostgreSQL."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="+")
    band = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["band", "claim"], name="band_lookup_idx")]

    def __str__(self) -> str:
        return f"{self.claim_id}: {self.band}"


class MatchStatus(models.TextChoices):
    SUGGESTED = "suggested", "Suggested"
    CONFIRMED = "confirmed", "Confirmed"
    REJECTED = "rejected", "Not the same"
    AUTO_LINKED = "auto_linked", "Linked automatically"


class ClaimMatch(models.Model):
    """``claim`` may say the same as the earlier ``candidate``: a suggestion for a reviewer,
    or a link made automatically when matching was sure."""

    Status = MatchStatus

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="matches")
    candidate = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="matched_by")
    score = models.FloatField()
    reason = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=12, choices=Status, default=Status.SUGGESTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-score", "id"]
        indexes = [models.Index(fields=["claim", "status"], name="match_claim_status_idx")]
        constraints = [
            models.UniqueConstraint(fields=["claim", "candidate"], name="match_unique_pair"),
            models.CheckConstraint(
                condition=~Q(claim=F("candidate")), name="match_not_with_itself"
            ),
            models.CheckConstraint(
                condition=Q(status__in=MatchStatus.values), name="match_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id} ~ {self.candidate_id} ({self.get_status_display()})"
