"""The forms of the corrections a reviewer makes to a claim."""

import re

from django import forms

from factcheck.claims.models import Claim
from factcheck.claims.services import MAX_NOTE, MAX_SPEAKER, MAX_TEXT, ClaimPart
from factcheck.forms import VersionForm

OFFSET_MAX = 2**31 - 1
_WORD_START_RE = re.compile(r"(?<=\s)\S")


def _offset(label: str, *, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=0,
        max_value=OFFSET_MAX,
        widget=forms.NumberInput(attrs={"min": 0}),
    )


class _ClaimFields(forms.Form):
    text = forms.CharField(
        label="Claim",
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The self-contained statement: pronouns resolved, no fact added.",
    )
    speaker = forms.CharField(
        label="Speaker",
        max_length=MAX_SPEAKER,
        required=False,
        help_text="Leave empty when the outlet itself says it.",
    )
    claim_type = forms.ChoiceField(label="Type", choices=Claim.Type.choices)


class ClaimEditForm(VersionForm, _ClaimFields):
    """Edit claim; the span moves only when both offsets are given."""

    start = _offset("Span starts at character", required=False)
    end = _offset("Span ends before character", required=False)
    article = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)

    def __init__(self, *args, claim: Claim, **kwargs):
        # Its own ids: in the triage queue it sits beside the filters' Speaker field.
        kwargs.setdefault("auto_id", f"edit-{claim.pk}-%s")
        super().__init__(*args, **kwargs)
        self.claim = claim

    def clean_article(self):
        article = self.cleaned_data["article"]
        if article != self.claim.article_id:
            raise forms.ValidationError(
                f"This claim belongs to article {self.claim.article_id}, not {article}."
            )
        return article

    def clean(self):
        data = super().clean()
        if (data.get("start") is None) != (data.get("end") is None):
            self.add_error("end", "Give both ends of the span, or neither to keep it.")
        return data

    @classmethod
    def initial_for(cls, claim: Claim) -> dict:
        return {
            "text": claim.text,
            "speaker": claim.speaker,
            "claim_type": claim.claim_type,
            "start": claim.start,
            "end": claim.end,
            "article": claim.article_id,
            "version": claim.version,
        }


class NotAClaimForm(VersionForm):
    reason = forms.ChoiceField(
        label="Why it is not a claim",
        choices=[("", "Choose a reason"), *Claim.NonClaimReason.choices],
    )
    note = forms.CharField(label="Note", max_length=MAX_NOTE, required=False)

    def clean(self):
        data = super().clean()
        if data.get("reason") == Claim.NonClaimReason.OTHER and not data.get("note", "").strip():
            self.add_error("note", "Say why it is not a claim.")
        return data


class SpanForm(forms.Form):
    """Where a new claim lies in the article's text: character offsets, end exclusive."""

    start = _offset("Starts at character")
    end = _offset("Ends before character")

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start is not None and end is not None and end <= start:
            self.add_error("end", "The span must end after it starts.")
        return data


class AddClaimForm(SpanForm, _ClaimFields):
    pass


def split_points(claim: Claim) -> list[tuple[int, str]]:
    """Where a claim can be split: before each of its words but the first, labelled with
    the words around that point."""
    body = claim.article.body
    span = body[claim.start : claim.end]
    points = []
    for match in _WORD_START_RE.finditer(span):
        at = claim.start + match.start()
        before = body[claim.start : at].split()[-1]
        after = body[at : claim.end].split()[0]
        points.append((at, f"{before} | {after}"))
    return points


class SplitPointsForm(forms.Form):
    points = forms.TypedMultipleChoiceField(
        label="Split between",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Split points must lie inside the claim's span, between its words."
        },
    )

    def __init__(self, *args, claim: Claim, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["points"].choices = split_points(claim)


class SplitPartsForm(VersionForm):
    """Each part's text, speaker and type, and which part keeps the claim's work."""

    keep = forms.TypedChoiceField(
        label="Which part keeps the sources, verdicts and events",
        coerce=int,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, parts: list[ClaimPart], **kwargs):
        super().__init__(*args, **kwargs)
        self.parts = parts
        for number, part in enumerate(parts, start=1):
            fields = _ClaimFields(initial={}).fields
            for name, field in fields.items():
                field.label = f"Part {number}: {field.label.lower()}"
                field.initial = getattr(part, name)
                self.fields[f"part-{number}-{name}"] = field
        self.fields["keep"].choices = [(i, f"Part {i + 1}") for i in range(len(parts))]
        self.fields["keep"].initial = 0

    def part_fields(self):
        return [
            [self[f"part-{number}-{name}"] for name in ("text", "speaker", "claim_type")]
            for number in range(1, len(self.parts) + 1)
        ]

    def cleaned_parts(self) -> list[ClaimPart]:
        data = self.cleaned_data
        return [
            ClaimPart(
                start=part.start,
                end=part.end,
                text=data[f"part-{number}-text"],
                speaker=data[f"part-{number}-speaker"],
                claim_type=data[f"part-{number}-claim_type"],
            )
            for number, part in enumerate(self.parts, start=1)
        ]
