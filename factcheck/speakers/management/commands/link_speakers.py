"""Point claims that name a speaker at the speaker's identity (claims imported before
speakers were identities, or after a merge went wrong). Safe to run again."""

from django.core.management.base import BaseCommand

from factcheck.claims.models import Claim
from factcheck.speakers.services import claims_link_speakers

ARTICLES_PER_TRANSACTION = 500


class Command(BaseCommand):
    help = "Link every claim naming a speaker to that speaker's identity."

    def handle(self, *args, **options):
        article_ids = sorted(
            Claim.objects.filter(speaker_identity__isnull=True)
            .exclude(speaker="")
            .values_list("article_id", flat=True)
            .distinct()
        )
        linked = 0
        for first in range(0, len(article_ids), ARTICLES_PER_TRANSACTION):
            chunk = article_ids[first : first + ARTICLES_PER_TRANSACTION]
            linked += claims_link_speakers(claims=Claim.objects.filter(article_id__in=chunk))
        self.stdout.write(f"{linked} claim(s) linked to their speakers.")
