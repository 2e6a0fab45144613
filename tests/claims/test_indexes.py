"""The indexes the screens rely on exist where the database supports them."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="GIN trigram indexes are PostgreSQL's"
)
def test_text_and_speaker_filters_have_trigram_indexes():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'claims_claim'"
        )
        indexes = dict(cursor.fetchall())
    for name, column in [("claim_text_trgm_idx", "text"), ("claim_speaker_trgm_idx", "speaker")]:
        assert "gin" in indexes[name] and "gin_trgm_ops" in indexes[name]
        definition = indexes[name].lower()
        assert f"upper({column})" in definition or f"upper(({column})::text)" in definition


def plan_of(queryset) -> str:
    """The plan the database picks for ``queryset`` when scanning and sorting the table are
    made to look costly, as on a large table: it sorts only if no index gives the order."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for method in ("seqscan", "bitmapscan", "sort"):
                cursor.execute(f"SET LOCAL enable_{method} = off")
    return queryset.explain()


def reads_in_order_from(plan: str, index: str) -> bool:
    sorts = "Sort" in plan if connection.vendor == "postgresql" else "TEMP B-TREE" in plan
    return index in plan and not sorts


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite cannot match a partial index's condition to a query's bound parameters",
)
def test_a_reviewers_claims_are_read_in_order_from_their_own_index():
    from factcheck.reviews.selectors import Cursor, my_claims
    from tests.factories import ClaimFactory, ReviewerFactory

    reviewer = ReviewerFactory()
    for n in range(3):
        ClaimFactory(status="in_research", assignee=reviewer, start=5 * n, end=5 * n + 4)

    for after in (None, Cursor(score=0.5, id=2)):
        plan = plan_of(my_claims(user=reviewer, after=after)[:26])
        assert reads_in_order_from(plan, "claim_my_claims_idx"), plan


def test_the_triage_queue_is_read_in_order_from_its_index():
    from factcheck.reviews.selectors import Cursor, TriageFilters, triage_queue

    for after in (None, Cursor(score=0.5, id=2)):
        plan = plan_of(triage_queue(filters=TriageFilters(), after=after)[:26])
        assert reads_in_order_from(plan, "claim_queue_idx"), plan
