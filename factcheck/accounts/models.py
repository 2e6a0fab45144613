from django.conf import settings
from django.db import models


class Preferences(models.Model):
    """What one person changed of how the screens behave for them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="preferences",
    )
    # WCAG 2.1.4: single-key shortcuts can be turned off (speech input types letters).
    keyboard_shortcuts = models.BooleanField(default=True)

    class Meta:
        verbose_name_plural = "preferences"

    def __str__(self) -> str:
        state = "on" if self.keyboard_shortcuts else "off"
        return f"{self.user}: keyboard shortcuts {state}"
