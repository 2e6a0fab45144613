from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.urls import reverse_lazy

from factcheck.claims.models import Claim
from factcheck.forms import IdChoiceField, IdMultipleChoiceField, VersionForm, is_id
from factcheck.reviews.models import Rating, Source, Verdict
from factcheck.reviews.selectors import TriageFilters, TriageView, researchers
from factcheck.reviews.services import BULK_TRIAGE_MAX


class TriageForm(VersionForm):
    decision = forms.ChoiceField(
        choices=[
            (Claim.Status.CHECK_WORTHY, "Check-worthy"),
            (Claim.Status.NOT_CHECK_WORTHY, "Not check-worthy"),
            ("skip", "Skip"),
        ]
    )


class BulkTriageForm(forms.Form):
    """Several selected claims, each with the version its row showed, and one decision."""

    decision = forms.ChoiceField(
        choices=[
            (Claim.Status.CHECK_WORTHY, "Check-worthy"),
            (Claim.Status.NOT_CHECK_WORTHY, "Not check-worthy"),
        ]
    )

    def clean(self):
        data = super().clean()
        ids = self.data.getlist("claims")
        if not ids:
            raise forms.ValidationError("Select the claims to decide first.")
        if len(ids) > BULK_TRIAGE_MAX or not all(is_id(pk) for pk in ids):
            raise forms.ValidationError(
                f"Select up to {BULK_TRIAGE_MAX} claims of the queue to decide at once."
            )
        versions = {}
        for pk in dict.fromkeys(int(pk) for pk in ids):
            version = self.data.get(f"version_{pk}", "")
            versions[pk] = int(version) if version.isdigit() and len(version) < 10 else None
        data["versions"] = versions
        return data


class TriageFilterForm(forms.Form):
    """The triage queue's filters; a bad value is reported beside its field, never a 500."""

    article = forms.CharField(
        required=False,
        max_length=300,
        strip=True,
        widget=forms.TextInput(
            attrs={
                "list": "article-titles",
                "autocomplete": "off",
                "hx-get": reverse_lazy("reviews:article_titles"),
                "hx-trigger": "input changed delay:250ms",
                "hx-target": "#article-titles",
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
            }
        ),
    )
    speaker = forms.CharField(required=False, max_length=200, strip=True)
    type = forms.ChoiceField(required=False, choices=[("", "Any type"), *Claim.Type.choices])
    min_score = forms.FloatField(required=False, min_value=0, max_value=1, label="Score from")
    max_score = forms.FloatField(required=False, min_value=0, max_value=1, label="Score to")
    q = forms.CharField(
        required=False, max_length=200, strip=True, label="Search claims", widget=forms.SearchInput
    )
    view = forms.ChoiceField(required=False, choices=TriageView.choices, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        low, high = data.get("min_score"), data.get("max_score")
        if low is not None and high is not None and low > high:
            self.add_error("max_score", "The upper score must not be below the lower one.")
            del data["min_score"]  # the range as a whole is left out; the other filters apply
        return data

    def filters(self) -> TriageFilters:
        """The filters that are valid: a bad one is reported and left out, the others
        still apply."""
        self.is_valid()
        data = self.cleaned_data
        return TriageFilters(
            article=data.get("article", ""),
            speaker=data.get("speaker", ""),
            claim_type=data.get("type", ""),
            min_score=data.get("min_score"),
            max_score=data.get("max_score"),
            search=data.get("q", ""),
        )

    def queue_view(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("view") or TriageView.NEW


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
    no_source_reason = forms.CharField(
        required=False,
        max_length=1000,
        label="No source needed because",
        help_text="Only for a verdict that rests on no source: say why it needs none, "
        "for the editor to judge.",
    )
    correction_note = forms.CharField(
        required=False,
        max_length=2000,
        label="What the correction changes",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Published with the corrected verdict and in its ClaimReview.",
    )

    def __init__(self, *args, claim: Claim, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sources"].queryset = claim.sources.all()
        if claim.status != Claim.Status.PUBLISHED:
            del self.fields["correction_note"]

    @staticmethod
    def initial_from(verdict: Verdict) -> dict:
        """The form's values as ``verdict`` had them."""
        return {
            "rating": verdict.rating_id,
            "summary": verdict.summary,
            "sources": [source.pk for source in verdict.sources.all()],
            "no_source_reason": verdict.no_source_reason,
        }


class ApproveForm(VersionForm):
    confirm = forms.BooleanField(required=False)


class SendBackForm(forms.Form):
    note = forms.CharField(
        label="What needs to change", max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class UnpublishForm(VersionForm):
    reason = forms.CharField(
        label="Why unpublish", max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
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


class SavedSearchForm(forms.Form):
    """A name for the triage filters in use; filters the queue would refuse are not saved."""

    name = forms.CharField(max_length=100, strip=True, label="Save these filters as")
    query = forms.CharField(max_length=1000, required=False, widget=forms.HiddenInput)

    def clean_query(self) -> str:
        filters = TriageFilterForm(QueryDict(self.cleaned_data["query"]))
        if not filters.is_valid():
            raise ValidationError("These filters are not valid: correct them before saving.")
        # Only the filters in use, without the page: opening it starts at the top.
        kept = QueryDict(mutable=True)
        for field, value in filters.cleaned_data.items():
            if value not in ("", None):
                kept[field] = filters.data[field]
        return kept.urlencode()
