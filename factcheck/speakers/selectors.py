from django.db.models import Prefetch, QuerySet

from factcheck.claims.models import Claim
from factcheck.reviews.models import Verdict
from factcheck.speakers.models import Speaker


def speaker_claims(*, speaker: Speaker, status: str = "") -> QuerySet[Claim]:
    """A speaker's claims, newest articles first, each with its published verdicts."""
    claims = (
        speaker.claims.select_related("article")
        .defer("article__body")
        .prefetch_related(
            Prefetch(
                "verdicts",
                queryset=Verdict.objects.filter(status=Verdict.Status.PUBLISHED).order_by(
                    "-approved_at"
                ),
                to_attr="published_verdicts",
            )
        )
        .order_by("-article__published_on", "-article_id", "start")
    )
    return claims.filter(status=status) if status else claims
