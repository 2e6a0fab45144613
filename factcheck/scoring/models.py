from django.conf import settings
from django.db import models
from django.db.models import Q

from factcheck.claims.models import ScoreModel


class ScorerVersion(models.Model):
    """A check-worthiness model the queue can be ordered by; one at most is active."""

    Kind = ScoreModel

    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=16, choices=Kind)
    version = models.CharField(max_length=40, unique=True)
    # A logistic layer ({weights, bias, threshold}) refit on triage decisions: for neural,
    # a head over the shipped encoder (a weight per dimension); for lexical, a weight per
    # feature of the lexical scorer. Empty for the shipped models.
    head = models.JSONField(default=dict, blank=True)
    threshold = models.FloatField()
    evaluation = models.JSONField(default=dict, blank=True)
    active = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["active"], condition=Q(active=True), name="one_active_scorer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} v{self.version}"
