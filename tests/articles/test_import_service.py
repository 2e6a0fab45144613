import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from factcheck.articles import services
from factcheck.articles.models import Article, ImportBatch
from factcheck.articles.services import articles_import_files
from factcheck.claims.models import Claim
from factcheck.claims.services import claims_extract_for_article

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_FILE = next(SEEDS.glob("*.txt"))
BODY = "The mayor said 40 homes flooded on Monday.\n\nThe council promised £2m in repairs."

pytestmark = pytest.mark.django_db


def article_json(title: str, body: str = BODY, **fields) -> dict:
    return {"title": title, "body": body, **fields}


def run(*paths, **options) -> ImportBatch:
    return articles_import_files(paths=list(paths), **options).batch


def test_every_format_imports_from_one_folder(tmp_path):
    shutil.copy(SEED_FILE, tmp_path / "seed.txt")
    (tmp_path / "plain.txt").write_text(f"Plain story\n\n{BODY}")
    (tmp_path / "one.json").write_text(json.dumps(article_json("JSON story")))
    (tmp_path / "many.jsonl").write_text(
        "\n".join(json.dumps(article_json(f"Line story {n}", f"{BODY} {n}")) for n in range(2))
    )
    (tmp_path / "table.csv").write_text(f'title,body,outlet\nCSV story,"{BODY} csv",Valley News\n')
    (tmp_path / "page.html").write_text(
        "<html><head><title>HTML story</title></head><body><article>"
        "<p>The council said 40 roads were closed on Monday after the river rose.</p>"
        "<p>The mayor said 1,200 homes had lost power across the valley.</p>"
        "</article></body></html>"
    )

    batch = run(tmp_path)

    assert batch.status == ImportBatch.Status.DONE, batch.errors
    assert batch.files_total == batch.files_done == 6
    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "CSV story",
        "HTML story",
        "JSON story",
        "Line story 0",
        "Line story 1",
        "Plain story",
        "We won't lay down our guns",
    ]
    assert batch.articles_created == 7
    assert batch.claims_found == Claim.objects.count() > 0
    assert Article.objects.get(title="CSV story").outlet == "Valley News"


def test_a_bad_record_is_reported_by_file_and_line_and_its_neighbours_import(tmp_path, capsys):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps(article_json("Good one"))
        + "\n{oops\n"
        + json.dumps(article_json("Good two", BODY + " Two."))
    )

    with pytest.raises(CommandError, match="1 of 1 files failed"):
        call_command("import_articles", str(feed))

    assert Article.objects.count() == 2
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.FAILED
    assert batch.errors == [f"{feed}, line 2: it is not valid JSON (Expecting property name "
                            "enclosed in double quotes, column 2)"]  # fmt: skip
    assert f"{feed}, line 2" in capsys.readouterr().err


def test_a_debate_transcript_imports_with_each_line_said_by_its_speaker(
    tmp_path, django_capture_on_commit_callbacks
):
    path = tmp_path / "20121022_debate.tsv"
    path.write_text(
        "1\tMODERATOR\tWelcome to the debate.\t0\n"
        "2\tMITT ROMNEY\tWe lost 600,000 manufacturing jobs in four years.\t1\n"
        "3\tSYSTEM\t(APPLAUSE)\t0\n",
        encoding="utf-8",
    )
    with django_capture_on_commit_callbacks(execute=True):
        batch = run(path)
    assert (batch.status, batch.articles_created) == (ImportBatch.Status.DONE, 1), batch.errors
    claim = Claim.objects.get(text__contains="600,000")
    assert claim.speaker == claim.speaker_identity.name == "Mitt Romney"
    assert not Claim.objects.filter(text__icontains="applause").exists()


def test_a_zip_imports_its_good_members_and_names_the_bad_ones(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("desk/a.txt", f"Story A\n\n{BODY}")
        archive.writestr("desk/b.json", json.dumps(article_json("Story B", BODY + " B.")))
        archive.writestr("../escape.txt", f"Escape\n\n{BODY}")
        archive.writestr("desk/empty.txt", "")
    upload = tmp_path / "desk.zip"
    upload.write_bytes(buffer.getvalue())

    batch = run(upload)

    assert sorted(Article.objects.values_list("title", flat=True)) == ["Story A", "Story B"]
    assert batch.files_total == batch.files_done == 4
    assert sorted(batch.errors) == [
        f"{upload}/../escape.txt: its path climbs out of the archive (..); it was not read",
        f"{upload}/desk/empty.txt: the file is empty",
    ]
    assert not (tmp_path.parent / "escape.txt").exists()


def test_a_50_mb_file_is_refused_with_its_size_and_the_limit(tmp_path, capsys):
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as handle:
        handle.write(b"title,body\n")
        handle.write(b"x" * (50 * 1024 * 1024))

    with pytest.raises(CommandError):
        call_command("import_articles", str(huge))

    assert f"{huge}: it is 52,428,811 bytes, over the limit of 26,214,400 bytes" in (
        capsys.readouterr().err
    )
    assert not Article.objects.exists()


def test_the_same_article_twice_in_one_batch_is_one_article(tmp_path):
    (tmp_path / "twice.json").write_text(json.dumps([article_json("Same")] * 2))

    batch = run(tmp_path / "twice.json")

    assert Article.objects.count() == 1
    assert (batch.articles_created, batch.duplicates_skipped) == (1, 1)


def test_a_changed_text_at_the_same_url_is_a_new_version_not_an_overwrite(tmp_path, capsys):
    url = "https://news.example/floods"
    first = tmp_path / "first.json"
    first.write_text(json.dumps(article_json("Floods", url=url)))
    second = tmp_path / "second.json"
    second.write_text(json.dumps(article_json("Floods: update", BODY + " 50 homes now.", url=url)))
    run(first)
    original = Article.objects.get()

    call_command("import_articles", str(second))

    newer = Article.objects.exclude(pk=original.pk).get()
    assert newer.previous_version == original
    assert Article.objects.get(pk=original.pk).body == BODY
    batch = ImportBatch.objects.first()
    assert batch.new_versions == 1
    assert batch.notes == [f"{second}: new version of #{original.pk} ('Floods: update')"]
    assert f"(new version of #{original.pk})" in capsys.readouterr().out


def test_without_a_url_a_changed_text_with_the_same_title_and_outlet_is_a_new_version(tmp_path):
    (tmp_path / "a.txt").write_text(f"Floods\n\n{BODY}")
    run(tmp_path / "a.txt")
    (tmp_path / "a.txt").write_text(f"Floods\n\n{BODY} Corrected.")
    run(tmp_path / "a.txt")
    (tmp_path / "a.txt").write_text(f"Floods\n\n{BODY} Corrected twice.")
    run(tmp_path / "a.txt")

    first, second, third = Article.objects.order_by("id")
    assert (first.previous_version, second.previous_version, third.previous_version) == (
        None,
        first,
        second,
    )


def test_a_large_batch_is_written_in_bulk_with_a_bounded_number_of_queries(
    tmp_path, django_assert_max_num_queries
):
    count = services.CHUNK_SIZE + 50
    (tmp_path / "many.json").write_text(
        json.dumps([article_json(f"Story {n}", f"{BODY} Item {n}.") for n in range(count)])
    )

    with django_assert_max_num_queries(30):
        batch = run(tmp_path / "many.json")

    assert batch.articles_created == count
    assert batch.claims_found == Claim.objects.count() >= count


def test_claims_extracted_in_worker_processes_are_the_same_as_inline(tmp_path):
    (tmp_path / "many.json").write_text(
        json.dumps([article_json(f"Story {n}", f"{BODY} Item {n}.") for n in range(120)])
    )
    run(tmp_path / "many.json", processes=1)
    inline = list(Claim.objects.order_by("article__title", "start").values_list("text", "speaker"))
    Article.objects.all().delete()

    run(tmp_path / "many.json", processes=2)

    pooled = list(Claim.objects.order_by("article__title", "start").values_list("text", "speaker"))
    assert pooled == inline


def test_an_unexpected_failure_marks_the_batch_failed_and_keeps_what_was_written(
    tmp_path, monkeypatch
):
    (tmp_path / "a.txt").write_text(f"Story A\n\n{BODY}")
    (tmp_path / "b.txt").write_text(f"Story B\n\n{BODY} B.")
    monkeypatch.setattr(services, "CHUNK_SIZE", 1)
    real_write = services._Importer._write_bulk
    calls = []

    def write_then_fail(self, items):
        calls.append(items)
        if len(calls) == 2:
            raise MemoryError("out of memory")
        real_write(self, items)

    monkeypatch.setattr(services._Importer, "_write_bulk", write_then_fail)

    with pytest.raises(MemoryError):
        run(tmp_path)

    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.FAILED
    assert batch.finished_at is not None
    assert batch.errors[-1] == "The import stopped: MemoryError: out of memory"
    assert list(Article.objects.values_list("title", flat=True)) == ["Story A"]


def test_claims_written_by_copy_are_the_rows_the_orm_would_write(tmp_path):
    """PostgreSQL imports write claims with COPY; they must equal extraction's ORM rows."""
    feed = tmp_path / "seed.txt"
    shutil.copy(SEED_FILE, feed)
    run(feed)
    article = Article.objects.get()
    # The speaker's identity is linked after the COPY, in the same transaction.
    linked_after = ["speaker_identity_id"]
    columns = [
        *(c for c in services.COPY_COLUMNS if c not in {"created_at", "updated_at"}),
        *linked_after,
    ]
    imported = list(article.claims.order_by("start").values_list(*columns))

    claims_extract_for_article(article=article)

    assert list(article.claims.order_by("start").values_list(*columns)) == imported
    assert any(identity for *_, identity in imported)
    assert {f.column for f in Claim._meta.concrete_fields} == {
        "id",
        *services.COPY_COLUMNS,
        *linked_after,
    }
