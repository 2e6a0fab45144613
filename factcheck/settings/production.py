"""Production: HTTPS only, secure cookies.

Use with DJANGO_SETTINGS_MODULE=factcheck.settings.production.
"""

from factcheck.settings.base import *  # noqa: F403
from factcheck.settings.env import env_bool, env_int

if DEBUG:  # noqa: F405
    raise ImproperlyConfigured("DEBUG must be false with production settings.")  # noqa: F405

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
