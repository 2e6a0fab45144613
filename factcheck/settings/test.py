"""Settings for the test suite: the base settings with a fixed key and fast hashing."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")

from factcheck.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# Claim extraction inline: a process pool per test would cost more than it saves.
FACTCHECK_IMPORT_PROCESSES = 1
# Imports rescore with the neural model only in the tests that turn it on.
FACTCHECK_NEURAL = False
# Always a cache of the test process's own, even with CACHE_URL exported: tests clear it.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, as in use, not Django's shared in-memory database: that one locks whole
    # tables and ignores the busy timeout, so the live server of the browser tests and the
    # thread tests would meet "database table is locked" where a real SQLite file waits.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"factcheck-test-{os.getpid()}.sqlite3")
    }
