"""Forms and form fields shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError

# The largest id a BigAutoField holds: a larger number in a form is no object at all, and
# must be refused before it reaches the query (SQLite raises OverflowError on it).
MAX_ID = 2**63 - 1


def is_id(value) -> bool:
    """Whether ``value`` is exactly an id: digits only, nothing stripped (str.strip() removes
    characters such as \\x1f that int() then refuses)."""
    text = str(value)
    # Length first: int() refuses more than 4,300 digits with a ValueError of its own.
    return text.isascii() and text.isdigit() and len(text) <= 19 and 0 < int(text) <= MAX_ID


class IdChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField by id that refuses what cannot be an id as "no such choice"."""

    def to_python(self, value):
        if value not in self.empty_values and not is_id(value):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField by id that refuses what cannot be an id."""

    def _check_values(self, value):
        if isinstance(value, (list, tuple)):
            for pk in value:
                if not is_id(pk):
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super()._check_values(value)


class VersionForm(forms.Form):
    """Every claim action carries the version the person saw, so a stale action is refused."""

    version = forms.IntegerField(min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput)
