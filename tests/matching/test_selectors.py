"""Candidate retrieval on whichever database runs the tests, and what exports can use."""

import pytest
from django.db import connection

from factcheck.matching import similarity
from factcheck.matching.selectors import (
    band_candidates,
    duplicates_of,
    search_candidates,
    similar_claims,
)
from factcheck.matching.services import claim_fingerprint, matches_find_for_claims
from tests.matching.conftest import GUNS

pytestmark = pytest.mark.django_db


def test_band_candidates_find_the_repeat_and_skip_other_figures(make_claim):
    first, changed = make_claim(), make_claim(GUNS.replace("18,000", "20,000"))
    matches_find_for_claims(claims=[first, changed])
    repeat = make_claim(GUNS + ", officials said")

    found = band_candidates(fingerprint=claim_fingerprint(repeat), before=repeat.pk)

    assert [row.claim_id for row in found] == [first.pk]


def test_band_candidates_honour_the_article_and_earlier_claims(make_claim):
    first = make_claim()
    matches_find_for_claims(claims=[first])
    fingerprint = claim_fingerprint(first)
    assert band_candidates(fingerprint=fingerprint, exclude_article=first.article_id) == []
    assert band_candidates(fingerprint=fingerprint, before=first.pk) == []


def test_search_candidates_ignore_figures(make_claim):
    first, changed = make_claim(), make_claim(GUNS.replace("18,000", "20,000"))
    matches_find_for_claims(claims=[first, changed])
    text = "guns given to residents to defend against Russia"

    found = search_candidates(fingerprint=similarity.fingerprint(text))

    assert {row.claim_id for row in found} == {first.pk, changed.pk}


def test_a_search_ranks_claims_with_its_figures_first(make_claim):
    first, changed = make_claim(), make_claim(GUNS.replace("18,000", "20,000"))
    matches_find_for_claims(claims=[first, changed])

    results = similar_claims(text="20,000 guns given to residents against Russia")

    assert [item.claim for item in results] == [changed, first]


def test_duplicates_of_lists_the_claims_linked_to_each_canonical_claim(make_claim):
    first = make_claim()
    matches_find_for_claims(claims=[first])
    repeats = [make_claim(), make_claim()]
    matches_find_for_claims(claims=repeats)

    assert duplicates_of([first.pk]) == {first.pk: repeats}


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_postgresql_has_pg_trgm_and_the_trigram_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone()
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'fingerprint_match_key_trgm_idx'"
        )
        assert "gin_trgm_ops" in cursor.fetchone()[0]
