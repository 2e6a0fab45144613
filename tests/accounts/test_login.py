"""Logging in: passwords hashed with Argon2, and guessing stopped after five tries."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import get_hasher
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from factcheck.settings import base

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def log_in(client, password, username="rita"):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_passwords_are_hashed_with_argon2_outside_the_test_suite():
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        assert get_hasher().encode(PASSWORD, get_hasher().salt()).startswith("argon2$")


def test_five_failed_logins_lock_the_account_for_this_address_for_15_minutes(client, reviewer):
    for _ in range(4):
        assert log_in(client, "wrong").status_code == 200
    locked = log_in(client, "wrong")
    assert locked.status_code == 429
    assert "locked for 15 minutes" in locked.text

    # Even the right password is refused while locked.
    assert log_in(client, PASSWORD).status_code == 429
    assert client.get(reverse("articles:list")).status_code == 302


def test_the_lock_lifts_after_15_minutes(client, reviewer):
    for _ in range(5):
        log_in(client, "wrong")
    AccessAttempt.objects.update(attempt_time=timezone.now() - base.AXES_COOLOFF_TIME)

    assert log_in(client, PASSWORD).status_code == 302


def test_a_success_before_the_limit_resets_the_count(client, reviewer):
    for _ in range(4):
        log_in(client, "wrong")
    assert log_in(client, PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for _ in range(4):
        assert log_in(client, "wrong").status_code == 200
