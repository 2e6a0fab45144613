import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import (
    MemoryFileUploadHandler,
    TemporaryFileUploadHandler,
)
from django.test import Client
from django.urls import reverse

from factcheck.articles.models import Article, ImportBatch, ImportFile
from factcheck.articles.services import import_batch_run_stored

pytestmark = pytest.mark.django_db

BODY = "The mayor said 40 homes flooded on Monday.\n\nThe council promised £2m in repairs."
IMPORT_URL = reverse("articles:import")


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def post_files(client, captured, *files):
    with captured(execute=True):
        return client.post(IMPORT_URL, {"files": list(files)})


def test_editor_sees_the_import_form_and_the_nav_link(editor_client):
    response = editor_client.get(IMPORT_URL)
    assert response.status_code == 200
    assert 'type="file"' in response.text and "multiple" in response.text
    assert 'enctype="multipart/form-data"' in response.text
    assert f'<a href="{IMPORT_URL}" aria-current="page">Import</a>' in response.text


def test_reviewer_cannot_import_but_can_follow_batches(reviewer_client):
    batch = ImportBatch.objects.create(source="x", status=ImportBatch.Status.DONE)
    assert reviewer_client.get(IMPORT_URL).status_code == 403
    assert reviewer_client.post(IMPORT_URL, {}).status_code == 403
    assert f'href="{IMPORT_URL}"' not in reviewer_client.get(reverse("articles:list")).text
    assert reviewer_client.get(reverse("articles:batches")).status_code == 200
    assert reviewer_client.get(batch.get_absolute_url()).status_code == 200


def test_a_user_without_a_role_sees_no_import_page_or_batch(client, outsider):
    batch = ImportBatch.objects.create(source="x")
    client.force_login(outsider)
    for url in [IMPORT_URL, reverse("articles:batches"), batch.get_absolute_url()]:
        assert client.get(url).status_code == 403


def test_uploading_files_imports_the_good_and_reports_the_bad_by_name(
    editor_client, editor, django_capture_on_commit_callbacks
):
    response = post_files(
        editor_client,
        django_capture_on_commit_callbacks,
        upload("good.json", json.dumps({"title": "Floods", "body": BODY}).encode()),
        upload("bad.csv", b'title,body\nFloods,"broken'),
        upload("empty.txt", b""),
    )

    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response.url == batch.get_absolute_url()
    assert batch.created_by == editor
    assert batch.status == ImportBatch.Status.FAILED
    assert (batch.files_total, batch.files_done, batch.articles_created) == (3, 3, 1)
    assert batch.errors == [
        "bad.csv: it is not valid CSV (unexpected end of data)",
        "empty.txt: the file is empty",
    ]
    assert list(Article.objects.values_list("title", flat=True)) == ["Floods"]
    assert ImportFile.objects.filter(batch=batch).count() == 3


def test_a_page_with_scripts_is_stored_as_text_and_shown_escaped(
    editor_client, django_capture_on_commit_callbacks
):
    page = (
        "<html><head><title>Floods &lt;b&gt;close&lt;/b&gt; roads</title>"
        "<script>alert('x')</script></head><body><article>"
        "<p>The council said 40 roads were closed on Monday after the river rose.</p>"
        "<p>The mayor said 1,200 homes had lost power. &lt;script&gt;alert(1)&lt;/script&gt;</p>"
        "<script>document.write('bad')</script></article></body></html>"
    )
    post_files(editor_client, django_capture_on_commit_callbacks, upload("p.html", page.encode()))

    article = Article.objects.get()
    assert "document.write" not in article.body and "alert('x')" not in article.body
    html = editor_client.get(article.get_absolute_url()).text
    assert "<script>alert" not in html and "<b>close</b>" not in html
    assert "&lt;b&gt;close&lt;/b&gt;" in html


def test_an_upload_over_the_limit_is_refused_unread_with_a_clear_message(
    editor_client, django_capture_on_commit_callbacks, monkeypatch
):
    stored = []
    for handler in (MemoryFileUploadHandler, TemporaryFileUploadHandler):
        original = handler.receive_data_chunk
        monkeypatch.setattr(
            handler,
            "receive_data_chunk",
            lambda self, data, start, original=original: (
                stored.append(len(data)) or original(self, data, start)
            ),
        )
    huge = upload("huge.csv", b"title,body\n" + b"x" * (50 * 1024 * 1024))

    response = post_files(editor_client, django_capture_on_commit_callbacks, huge)

    assert response.status_code == 200
    assert (
        "This upload is 50.0\xa0MB, over the limit of 25.0\xa0MB for one upload: nothing was "
        "imported." in response.text
    )
    assert stored == []  # not a byte of it held in memory or spooled to disk
    assert not ImportBatch.objects.exists()


def test_a_file_over_the_limit_within_the_upload_allowance_is_named(
    editor_client, django_capture_on_commit_callbacks, settings
):
    settings.FACTCHECK_MAX_UPLOAD_BYTES = 1000
    big = upload("big.csv", b"title,body\n" + b"x" * 2000)

    response = post_files(editor_client, django_capture_on_commit_callbacks, big)

    assert "big.csv is 2.0\xa0KB, over the limit of 1000\xa0bytes for one upload." in response.text
    assert not ImportBatch.objects.exists()


def test_a_file_just_over_the_limit_is_told_in_bytes_not_as_two_equal_sizes(
    editor_client, django_capture_on_commit_callbacks, settings
):
    settings.FACTCHECK_MAX_UPLOAD_BYTES = 25 * 1024 * 1024
    big = upload("big.csv", b"x" * (25 * 1024 * 1024 + 1))

    response = post_files(editor_client, django_capture_on_commit_callbacks, big)

    assert "big.csv is 26,214,401 bytes, over the limit of 26,214,400 bytes" in response.text


def test_a_refused_upload_still_needs_the_csrf_token(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    huge = upload("huge.csv", b"x" * (30 * 1024 * 1024))

    response = client.post(IMPORT_URL, {"files": [huge]})

    assert response.status_code == 403
    assert not ImportBatch.objects.exists()


def test_posting_no_file_re_renders_the_form_with_the_error(editor_client):
    response = editor_client.post(IMPORT_URL, {})
    assert response.status_code == 200
    assert "This field is required." in response.text


def test_a_running_batch_polls_and_a_finished_one_stops(reviewer_client):
    batch = ImportBatch.objects.create(
        source="up", status=ImportBatch.Status.RUNNING, files_total=4, files_done=1
    )

    running = reviewer_client.get(batch.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert running.status_code == 200
    assert 'hx-trigger="every 1s"' in running.text
    assert "<html" not in running.text
    assert "1</span> / 4" in running.text

    batch.status, batch.files_done, batch.articles_created = ImportBatch.Status.DONE, 4, 3
    batch.save()
    done = reviewer_client.get(batch.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert "hx-trigger" not in done.text
    assert 'id="batch-progress"' in done.text
    assert "Done" in done.text


def test_the_batch_page_works_without_javascript(reviewer_client):
    batch = ImportBatch.objects.create(source="up", status=ImportBatch.Status.QUEUED)

    response = reviewer_client.get(batch.get_absolute_url())

    assert "<html" in response.text
    assert "Waiting for the worker" in response.text
    assert f'<a href="{batch.get_absolute_url()}">Refresh</a>' in response.text


def test_the_batch_page_lists_errors_new_versions_and_articles(reviewer_client):
    batch = ImportBatch.objects.create(
        source="up",
        status=ImportBatch.Status.FAILED,
        errors=["feed.csv, line 4: it has no body text"],
        notes=["b.json: new version of #1 ('Floods')"],
    )
    Article.objects.create(title="Floods <b>", body=BODY, content_hash="a" * 64, batch=batch)

    html = reviewer_client.get(batch.get_absolute_url()).text

    assert "feed.csv, line 4: it has no body text" in html
    assert "new version of #1" in html
    assert "Floods &lt;b&gt;" in html


def test_the_list_of_past_batches_shows_their_counts(reviewer_client):
    ImportBatch.objects.create(source="first.zip", status="done", articles_created=12)
    ImportBatch.objects.create(source="second.csv", status="failed", errors=["x", "y"])

    response = reviewer_client.get(reverse("articles:batches"))

    assert [b.source for b in response.context["page"].object_list] == [
        "second.csv",
        "first.zip",
    ]
    assert "Done with errors" in response.text and "12" in response.text


def test_a_batch_already_started_is_not_run_twice(editor):
    batch = ImportBatch.objects.create(source="x", status=ImportBatch.Status.RUNNING)
    assert import_batch_run_stored(batch=batch) is None


def test_a_file_with_a_name_of_a_thousand_characters_is_imported_under_a_shortened_name(
    editor_client, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = tmp_path  # a real file system, whose names stop at 255 bytes
    name = "a" * 996 + ".txt"
    response = post_files(
        editor_client, django_capture_on_commit_callbacks, upload(name, b"Title\n\nBody text.")
    )
    assert response.status_code == 302
    stored = ImportBatch.objects.get().files.get()
    assert len(stored.name) <= 255 and stored.name.endswith(".txt")
    assert len(stored.file.name) <= 100
    assert ImportBatch.objects.get().articles_created == 1
