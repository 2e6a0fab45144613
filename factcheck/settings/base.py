"""Settings for every environment, read from the environment variables in README.md."""

import os
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from factcheck.settings.env import env_bool, env_database, env_int, env_list, env_site_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set unless DEBUG=true.")
    SECRET_KEY = "insecure-key-for-local-development-only"

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    # Before django_tasks_db: its db_worker command, with a heartbeat.
    "factcheck.workers",
    "django_tasks_db",
    "axes",
    "dbbackup",
    "factcheck.accounts",
    "factcheck.articles",
    "factcheck.claims",
    "factcheck.speakers",
    "factcheck.reviews",
    "factcheck.reports",
    "factcheck.matching",
    "factcheck.scoring",
    "factcheck.tasks_rq",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "factcheck.middleware.private_pages_middleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.csp",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Scripts only from this site with the page's nonce; htmx is configured in base.html so it
# needs neither eval nor injected styles.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

DATABASES = {"default": env_database("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite cannot share a connection across threads; WAL lets readers and a writer coexist.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # IMMEDIATE: a writing transaction takes the write lock as it begins, so concurrent
    # writers wait their turn (busy timeout) instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache: CACHE_URL (redis://...) is one cache shared by every worker and machine, which
# then also keeps sessions in front of the database. Without it, each process caches in memory
# and sessions are read from the database, the only place all workers see alike.
CACHE_URL = os.environ.get("CACHE_URL", "").strip()
if CACHE_URL:
    if not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(f"CACHE_URL={CACHE_URL!r} is not a redis:// URL.")
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "factcheck",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Five failed logins for one username from one address lock them out for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "factcheck" / "static"]
MEDIA_ROOT = VAR_DIR / "media"
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR") or VAR_DIR / "backups")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # `make backup` / `make restore` (django-dbbackup): pg_dump -Fc / pg_restore, or SQLite's
    # online backup API.
    "dbbackup": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": BACKUP_DIR},
    },
}
DBBACKUP_CONNECTOR_MAPPING = {
    "django.db.backends.sqlite3": "factcheck.backup.SqliteOnlineRestoreConnector",
}

# Imported article files larger than this are refused before reading.
FACTCHECK_MAX_ARTICLE_BYTES = env_int("FACTCHECK_MAX_ARTICLE_BYTES", default=5 * 1024 * 1024)
# One file of many articles (CSV, JSON, zip...), and all the files of one upload together.
FACTCHECK_MAX_UPLOAD_BYTES = env_int("FACTCHECK_MAX_UPLOAD_BYTES", default=25 * 1024 * 1024)
# A zip's members, unpacked, in bytes and in number: more is refused as a zip bomb.
FACTCHECK_MAX_ZIP_BYTES = env_int("FACTCHECK_MAX_ZIP_BYTES", default=200 * 1024 * 1024)
FACTCHECK_MAX_ZIP_MEMBERS = env_int("FACTCHECK_MAX_ZIP_MEMBERS", default=10_000)
# Processes extracting claims during a large import; 0 means one per core.
FACTCHECK_IMPORT_PROCESSES = env_int("FACTCHECK_IMPORT_PROCESSES", default=0)
# Wall time one article's claim extraction may take before that article is refused with
# a clear error (the rest of its batch still imports); 0 for no limit.
FACTCHECK_EXTRACTION_SECONDS = env_int("FACTCHECK_EXTRACTION_SECONDS", default=30)
# Uploads past this size are spooled to a temporary file, not held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# The first handler refuses an upload over FACTCHECK_MAX_UPLOAD_BYTES before it is spooled.
FILE_UPLOAD_HANDLERS = [
    "factcheck.articles.uploads.UploadLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_NUMBER_FILES = 100

# Background work (large imports) through django.tasks. "database": the django-tasks-db
# worker (`manage.py db_worker`) on one machine; "rq": RQ on Redis (REDIS_URL) through
# factcheck.tasks_rq, workers `manage.py rq_worker`, for several workers; "immediate":
# inside the request.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database").strip().lower()
if TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif TASKS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
elif TASKS_BACKEND == "rq":
    REDIS_URL = os.environ.get("REDIS_URL", "")
    if not REDIS_URL:
        raise ImproperlyConfigured(
            "TASKS_BACKEND=rq needs REDIS_URL, e.g. redis://localhost:6379/0"
        )
    TASKS = {
        "default": {
            "BACKEND": "factcheck.tasks_rq.backend.RQBackend",
            "QUEUES": ["default"],
            "OPTIONS": {"REDIS_URL": REDIS_URL, "JOB_TIMEOUT": 60 * 60},
        }
    }
else:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND={TASKS_BACKEND!r} is not one of: database, rq, immediate."
    )
# The organisation named as author of published ClaimReview markup.
# The neural check-worthiness scorer rescores open claims after imports; off (or its files
# missing), every claim keeps the lexical score.
FACTCHECK_NEURAL = env_bool("FACTCHECK_NEURAL", default=True)
FACTCHECK_NEURAL_MODEL_DIR = os.environ.get(
    "FACTCHECK_NEURAL_MODEL_DIR",
    str(BASE_DIR / "factcheck" / "extraction" / "checkworthiness_minilm"),
)
FACTCHECK_ORGANISATION = os.environ.get("FACTCHECK_ORGANISATION", "Factcheck desk")
# Where the workbench is published: the base of the absolute URLs in exports (ClaimReview).
# Unset, exports point at the local demo server and `check --deploy` warns.
SITE_URL = env_site_url("SITE_URL")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO" if DEBUG else "WARNING"},
}
