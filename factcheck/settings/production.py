"""Production: HTTPS only, secure cookies.

Use with DJANGO_SETTINGS_MODULE=factcheck.settings.production.
"""

from factcheck.settings.base import *  # noqa: F403
from factcheck.settings.env import env_bool, env_int

if DEBUG:  # noqa: F405
    raise ImproperlyConfigured("DEBUG must be false with production settings.")  # noqa: F405
# Django's own measure of a guessable key (its check security.W009), made fatal here: a
# production server never starts on a short or placeholder key.
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:  # noqa: F405
    raise ImproperlyConfigured(  # noqa: F405
        "SECRET_KEY is too weak for production: use 50 or more random characters, "
        "e.g. SECRET_KEY=$(openssl rand -base64 48)."
    )

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
# Behind a TLS-terminating proxy (docker-compose, a load balancer) that sets this header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
CSRF_COOKIE_SECURE = True
