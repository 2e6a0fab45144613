"""Fingerprint and match the claims that have never been matched, oldest first.

For a database that had claims before matching existed, or claims inserted in bulk.
"""

from django.core.management.base import BaseCommand

from factcheck.claims.models import Claim
from factcheck.matching.models import ClaimMatch
from factcheck.matching.services import matches_find_for_claims

CHUNK = 500


class Command(BaseCommand):
    help = "Find suggested and automatic matches for claims never matched before."

    def handle(self, *args, **options):
        unmatched = Claim.objects.filter(fingerprint__isnull=True).order_by("pk")
        done = linked = suggested = 0
        while chunk := list(unmatched[:CHUNK]):
            matches = matches_find_for_claims(claims=chunk)
            done += len(chunk)
            linked += sum(match.status == ClaimMatch.Status.AUTO_LINKED for match in matches)
            suggested += sum(match.status == ClaimMatch.Status.SUGGESTED for match in matches)
        self.stdout.write(
            f"{done} claims matched: {linked} linked automatically, {suggested} suggestions."
        )
