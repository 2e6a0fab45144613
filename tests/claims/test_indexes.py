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
