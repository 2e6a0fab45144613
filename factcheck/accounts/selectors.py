from factcheck.accounts.models import Preferences


def keyboard_shortcuts_on(*, user) -> bool:
    """Whether single-key shortcuts work for this person: on unless they turned them off."""
    return not Preferences.objects.filter(user=user, keyboard_shortcuts=False).exists()
