from django import forms


class KeyboardShortcutsForm(forms.Form):
    shortcuts = forms.ChoiceField(
        choices=[("on", "On"), ("off", "Off")],
        error_messages={
            "required": "Say whether keyboard shortcuts should be on or off.",
            "invalid_choice": "Keyboard shortcuts are either on or off.",
        },
    )
