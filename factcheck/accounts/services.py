from django.db import transaction

from factcheck.accounts.models import Preferences


@transaction.atomic
def preferences_set_keyboard_shortcuts(*, user, on: bool) -> Preferences:
    preferences, _ = Preferences.objects.update_or_create(
        user=user, defaults={"keyboard_shortcuts": on}
    )
    return preferences
