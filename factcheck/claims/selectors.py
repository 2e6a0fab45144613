from collections.abc import Iterator

from factcheck.claims.models import Claim, ClaimStatus


def duplicates_of_duplicates() -> Iterator[tuple[int, int, int]]:
    """(claim, its canonical, the canonical's canonical) for each duplicate claim whose
    canonical is a duplicate too: what no merge should leave behind."""
    return (
        Claim.objects.filter(status=ClaimStatus.DUPLICATE, canonical__status=ClaimStatus.DUPLICATE)
        .order_by("pk")
        .values_list("pk", "canonical_id", "canonical__canonical_id")
        .iterator()
    )
