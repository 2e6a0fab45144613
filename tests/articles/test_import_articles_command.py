import shutil
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from factcheck.articles.models import Article, ImportBatch
from factcheck.claims.models import Claim

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_FILE = next(SEEDS.glob("*.txt"))

pytestmark = pytest.mark.django_db


def import_articles(*paths):
    call_command("import_articles", *map(str, paths))


def test_seed_article_imports_with_its_title_date_body_and_claims():
    import_articles(SEED_FILE)

    article = Article.objects.get()
    assert article.title == "We won't lay down our guns"
    assert article.subtitle == "Ukraine vows to defend Kyiv as street fighting breaks out"
    assert article.published_on == date(2022, 2, 26)
    assert article.author == "Will Taylor"
    assert article.body.startswith("Ukraine's president has said his country will not surrender")
    assert "Picture: Alamy" not in article.body
    assert "By Will Taylor" not in article.body
    assert article.claims.exists()
    for claim in article.claims.all():
        assert 0 <= claim.start < claim.end <= len(article.body)


def test_importing_the_same_file_twice_creates_one_article(capsys):
    import_articles(SEED_FILE)
    claims_before = Claim.objects.count()

    import_articles(SEED_FILE)

    assert Article.objects.count() == 1
    assert Claim.objects.count() == claims_before
    assert "already imported" in capsys.readouterr().out
    assert ImportBatch.objects.first().duplicates_skipped == 1


def test_a_folder_imports_every_article_file_in_it(tmp_path):
    shutil.copy(SEED_FILE, tmp_path / "a.txt")
    (tmp_path / "b.txt").write_text(
        "date 2024-05-01 'Second': story\n\nThe mayor said 40 homes flooded.\n"
    )
    (tmp_path / "notes.md").write_text("not an article")

    import_articles(tmp_path)

    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "Second",
        "We won't lay down our guns",
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"date 26/02/2022 'Title': sub\n\nBody.", "line 1 is not a header"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00", "binary"),
        ("date 2022-02-26 'Caf\xe9': s\n\nBody.".encode("latin-1"), "not UTF-8"),
    ],
    ids=["empty", "malformed-header", "binary", "latin-1"],
)
def test_a_bad_file_is_named_in_the_error_and_nothing_of_it_is_written(
    tmp_path, capsys, content, reason
):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)

    with pytest.raises(CommandError, match="1 of 1 files failed"):
        import_articles(bad)

    err = capsys.readouterr().err
    assert str(bad) in err
    assert reason in err
    assert not Article.objects.exists()
    assert not Claim.objects.exists()


def test_good_files_still_import_beside_a_bad_one(tmp_path, capsys):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02")
    shutil.copy(SEED_FILE, tmp_path / "good.txt")

    with pytest.raises(CommandError, match="1 of 2 files failed"):
        import_articles(tmp_path)

    assert Article.objects.count() == 1
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.FAILED
    assert batch.articles_created == 1
    assert len(batch.errors) == 1 and "bad.txt" in batch.errors[0]


def test_a_missing_file_is_reported_by_name(tmp_path, capsys):
    with pytest.raises(CommandError):
        import_articles(tmp_path / "nowhere.txt")
    assert "nowhere.txt: no such file" in capsys.readouterr().err


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path, settings, capsys):
    settings.FACTCHECK_MAX_ARTICLE_BYTES = 1000
    huge = tmp_path / "huge.txt"
    huge.write_text("date 2024-01-01 'Huge': s\n\n" + "The council said 5 roads closed. " * 100)

    with pytest.raises(CommandError):
        import_articles(huge)

    assert "over the limit of 1,000 bytes" in capsys.readouterr().err
    assert not Article.objects.exists()


def test_a_failure_during_claim_extraction_leaves_no_article(tmp_path, monkeypatch, capsys):
    def broken(body):
        raise RuntimeError("engine exploded")

    monkeypatch.setattr("factcheck.articles.claim_pool.extract_claims", broken)

    with pytest.raises(CommandError, match="1 of 1 files failed"):
        import_articles(SEED_FILE)
    assert "claim extraction failed (RuntimeError: engine exploded)" in capsys.readouterr().err
    assert not Article.objects.exists()
