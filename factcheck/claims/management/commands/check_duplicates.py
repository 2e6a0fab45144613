from django.core.management.base import BaseCommand, CommandError

from factcheck.claims.selectors import duplicates_of_duplicates


class Command(BaseCommand):
    help = (
        "Report every claim marked a duplicate of a claim that is itself a duplicate (a chain, "
        "or a cycle that hides both claims from every queue). Exits with status 1 if any."
    )

    def handle(self, *args, **options):
        found = list(duplicates_of_duplicates())
        for claim_id, canonical_id, canonical_of_canonical in found:
            kind = "cycle" if canonical_of_canonical == claim_id else "chain"
            self.stdout.write(
                f"claim {claim_id} is a duplicate of claim {canonical_id}, itself a duplicate "
                f"of claim {canonical_of_canonical} ({kind})"
            )
        if found:
            raise CommandError(f"{len(found)} duplicate claims point at a duplicate.")
        self.stdout.write("Every duplicate claim points at a claim that is not a duplicate.")
