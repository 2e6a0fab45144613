"""Only the Import screen takes a large body: every other URL refuses one before reading it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

TOKEN = "a" * 32  # a well-formed CSRF secret, sent as cookie and field alike


@pytest.fixture
def spooled(monkeypatch):
    """The names of files Django began spooling to disk."""
    names = []
    original = TemporaryFileUploadHandler.new_file

    def recording(self, field_name, file_name, *args, **kwargs):
        names.append(file_name)
        return original(self, field_name, file_name, *args, **kwargs)

    monkeypatch.setattr(TemporaryFileUploadHandler, "new_file", recording)
    return names


def big_file(size: int) -> SimpleUploadedFile:
    return SimpleUploadedFile("big.bin", b"x" * size, content_type="application/octet-stream")


def test_a_large_anonymous_upload_to_the_login_page_is_refused_unread(client, spooled, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    response = client.post(reverse("login"), {"username": "a", "file": big_file(300_000)})
    assert response.status_code == 400
    assert spooled == []


def test_a_large_upload_to_a_claim_form_is_refused_unread(reviewer, spooled, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    client = Client(enforce_csrf_checks=True)  # the CSRF check reads the body, as in production
    client.force_login(reviewer)
    client.cookies[settings.CSRF_COOKIE_NAME] = TOKEN
    response = client.post(
        reverse("reviews:take_next"), {"csrfmiddlewaretoken": TOKEN, "file": big_file(300_000)}
    )
    assert response.status_code == 400
    assert spooled == []


def test_a_small_multipart_form_elsewhere_still_works(reviewer_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    response = reviewer_client.post(reverse("reviews:take_next"), {"file": big_file(10)})
    assert response.status_code != 400
