"""Claims that arrive through the importer are matched against earlier ones."""

from pathlib import Path

import pytest

from factcheck.articles.services import articles_import_files
from factcheck.claims.models import Claim
from factcheck.matching.models import ClaimMatch

pytestmark = pytest.mark.django_db
SEED = next((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def test_an_imported_article_repeating_a_claim_is_matched_to_the_earlier_one(
    tmp_path, django_capture_on_commit_callbacks
):
    # The matching task is queued once the import commits; run it as the worker would.
    with django_capture_on_commit_callbacks(execute=True):
        articles_import_files(paths=[SEED])
    original = Claim.objects.get(text__startswith="18,000 guns")
    (tmp_path / "other.txt").write_text(
        "date 2022-02-27 'Kyiv arms its residents': another outlet's report\n\n"
        "Ukraine said 18,000 guns had been given to residents to defend against Russia, "
        "officials confirmed on Saturday as the capital braced for more fighting.\n",
        encoding="utf-8",
    )

    with django_capture_on_commit_callbacks(execute=True):
        articles_import_files(paths=[tmp_path])

    repeat = Claim.objects.exclude(article=original.article).get(text__contains="18,000 guns")
    match = ClaimMatch.objects.get(claim=repeat)
    assert match.candidate == original
    assert match.score >= 0.5
