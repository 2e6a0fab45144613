"""An import as an editor meets it: a clear word when no worker runs, and the articles
appearing on the batch page when the worker has done them, without a reload."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import expect

from factcheck.articles.models import ImportBatch
from tests.browser.steps import log_in
from tests.factories import ARTICLE_BODY, EditorFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_an_upload_waiting_for_a_worker_says_so_and_lists_its_articles_once_done(
    page, screenshot, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    editor = EditorFactory(username="eddie")
    log_in(page, editor, start="/articles/import/")
    page.get_by_label("Files").set_input_files(
        [
            {
                "name": "floods.txt",
                "mimeType": "text/plain",
                "buffer": ("Floods\n\n" + ARTICLE_BODY).encode(),
            },
            {
                "name": "aid.txt",
                "mimeType": "text/plain",
                "buffer": (b"Aid\n\nThe US has pledged $600m in aid, officials said."),
            },
        ]
    )
    page.get_by_role("button", name="Import", exact=True).click()

    progress = page.get_by_role("region", name="Progress")
    expect(progress.get_by_role("alert")).to_contain_text("No background worker is running.")
    expect(progress).to_contain_text("python manage.py db_worker")
    screenshot(page, "no-worker")

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    expect(progress.get_by_text("Done", exact=True)).to_be_visible()
    expect(progress.get_by_role("alert")).to_have_count(0)
    batch = ImportBatch.objects.get()
    for article in batch.articles.all():
        expect(progress.get_by_role("link", name=article.title, exact=True)).to_be_visible()
    links = progress.get_by_role("link", name="its claims in triage")
    expect(links).to_have_count(2)
    screenshot(page, "done")
    links.first.click()
    expect(page.get_by_role("heading", name="Triage", exact=True)).to_be_visible()
