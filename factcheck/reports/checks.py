"""System checks of the export settings."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def site_url_is_set(app_configs, **kwargs) -> list[checks.CheckMessage]:
    if settings.DEBUG or settings.SITE_URL:
        return []
    return [
        checks.Warning(
            "SITE_URL is not set, so ClaimReview and the other exports link to "
            "http://127.0.0.1:8000 instead of this site.",
            hint="Set SITE_URL to the address readers reach the workbench at, "
            "e.g. https://factcheck.example.org.",
            id="reports.W001",
        )
    ]
