"""Read settings from the environment, failing loudly on a value we cannot use."""

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean: use one of true/false, 1/0.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_site_url(name: str) -> str:
    """An http(s) origin, optionally with a path, without its trailing slash; "" when unset."""
    raw = (os.environ.get(name) or "").strip()
    if not raw:
        return ""
    parts = urlsplit(raw)
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not a site URL: use e.g. https://factcheck.example.org"
        )
    return raw.rstrip("/")


def env_database(name: str, default: str) -> dict:
    url = os.environ.get(name) or default
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} is not a usable database URL: {error}") from None
    if not config.get("NAME"):
        raise ImproperlyConfigured(f"{name}={url!r} names no database.")
    return config


def local_env_write(path: Path) -> bool:
    """Write a checkout's .env with a fresh secret key and DEBUG on; False if one exists.

    Never overwrites: a key already in use keeps its sessions valid.
    """
    try:
        # "x": created only if absent, even with two `make demo`s at once; 0600: the key is secret.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(
            "# This checkout's own settings, written by `make demo`; never commit it.\n"
            "# Read by manage.py (factcheck.settings.local); the environment wins over it.\n"
            "DEBUG=true\n"
            f"SECRET_KEY={secrets.token_urlsafe(50)}\n"
        )
    return True
