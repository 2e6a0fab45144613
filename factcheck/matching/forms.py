from django import forms

from factcheck.forms import VersionForm


class MatchDecisionForm(VersionForm):
    """Confirm or reject a match; ``where`` says which screen asked, so the answer fits it."""

    where = forms.ChoiceField(
        choices=[("claim", "Claim page"), ("triage", "Triage")], required=False
    )


class SimilarSearchForm(forms.Form):
    q = forms.CharField(
        label="Find similar claims",
        max_length=1000,
        strip=True,
        required=False,
        widget=forms.SearchInput(attrs={"placeholder": "Paste a claim or type its words"}),
    )
