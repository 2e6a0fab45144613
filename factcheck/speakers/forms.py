from django import forms

from factcheck.claims.models import Claim


class SpeakerClaimsFilterForm(forms.Form):
    status = forms.ChoiceField(
        required=False, choices=[("", "Any status"), *Claim.Status.choices], label="Status"
    )
