from django import forms

from factcheck.claims.models import Claim
from factcheck.forms import IdChoiceField, IdMultipleChoiceField, VersionForm
from factcheck.reviews.models import Rating, Source
from factcheck.reviews.selectors import TriageFilters, researchers


class TriageForm(VersionForm):
    decision = forms.ChoiceField(
        choices=[
            (Claim.Status.CHECK_WORTHY, "Check-worthy"),
            (Claim.Status.NOT_CHECK_WORTHY, "Not check-worthy"),
            ("skip", "Skip"),
        ]
    )


class TriageFilterForm(forms.Form):
    """The triage queue's filters; a bad value is reported beside its field, never a 500."""

    article = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    speaker = forms.CharField(required=False, max_length=200, strip=True)
    type = forms.ChoiceField(required=False, choices=[("", "Any type"), *Claim.Type.choices])
    min_score = forms.FloatField(required=False, min_value=0, max_value=1, label="Score from")
    max_score = forms.FloatField(required=False, min_value=0, max_value=1, label="Score to")
    q = forms.CharField(
        required=False, max_length=200, strip=True, label="Search claims", widget=forms.SearchInput
    )

    def clean(self):
        data = super().clean()
        low, high = data.get("min_score"), data.get("max_score")
        if low is not None and high is not None and low > high:
            self.add_error("max_score", "The upper score must not be below the lower one.")
        return data

    def filters(self) -> TriageFilters:
        if not self.is_valid():
            return TriageFilters()
        data = self.cleaned_data
        return TriageFilters(
            article=data["article"],
            speaker=data["speaker"],
            claim_type=data["type"],
            min_score=data["min_score"],
            max_score=data["max_score"],
            search=data["q"],
        )


class SourceForm(forms.ModelForm):
    class Meta:
        model = Source
        fields = ["url", "title", "publisher", "excerpt", "stance", "archive_url"]
        labels = {"url": "URL", "excerpt": "Quoted excerpt", "archive_url": "Archived copy URL"}
        widgets = {
            "url": forms.URLInput(attrs={"placeholder": "https://"}),
            "excerpt": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, claim: Claim, **kwargs):
        super().__init__(*args, **kwargs)
        self.claim = claim

    def clean_url(self):
        url = self.cleaned_data["url"]
        duplicates = Source.objects.filter(claim=self.claim, url=url).exclude(pk=self.instance.pk)
        if duplicates.exists():
            raise forms.ValidationError("This source is already attached to the claim.")
        return url


class NoteForm(forms.Form):
    text = forms.CharField(label="Note", max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))


class VerdictForm(VersionForm):
    rating = IdChoiceField(queryset=Rating.objects.all(), empty_label="Choose a rating")
    summary = forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    sources = IdMultipleChoiceField(
        queryset=Source.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The sources this verdict rests on.",
    )

    def __init__(self, *args, claim: Claim, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sources"].queryset = claim.sources.all()


class SendBackForm(forms.Form):
    note = forms.CharField(
        label="What needs to change", max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AssignForm(VersionForm):
    assignee = IdChoiceField(queryset=researchers(), empty_label="Choose a reviewer")


class HandOverForm(forms.Form):
    """The admin's step between "hand over their claims" and doing it."""

    assignee = IdChoiceField(queryset=researchers(), empty_label="Choose a reviewer",
                             label="Give their claims in research to")  # fmt: skip


class MergeForm(VersionForm):
    canonical = IdChoiceField(
        queryset=Claim.objects.exclude(status=Claim.Status.DUPLICATE),
        widget=forms.NumberInput(attrs={"min": 1}),
        label="Duplicate of claim number",
        error_messages={"invalid_choice": "There is no such claim to merge into."},
    )
