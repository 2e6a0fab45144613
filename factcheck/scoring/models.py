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
    # The neural head ({weights, bias, threshold}) over the shipped encoder; empty for
    # the shipped head and for lexical versions.
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
