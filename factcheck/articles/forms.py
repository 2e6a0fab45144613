from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from factcheck.articles.parsing import normalise_text


def sizes(size: int, limit: int) -> tuple[str, str]:
    """Both sizes for a person, in bytes when rounding would show them equal."""
    if filesizeformat(size) == filesizeformat(limit):
        return f"{size:,} bytes", f"{limit:,} bytes"
    return filesizeformat(size), filesizeformat(limit)


class NormalisedTextField(forms.CharField):
    """Text in the form the importer stores it (LF line endings, NFC), whatever was sent."""

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_text(value) if value else value


class ArticleSearchForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=200,
        strip=True,
        label="Search articles",
        widget=forms.SearchInput,
    )

    def search(self) -> str:
        return self.cleaned_data["q"] if self.is_valid() else ""


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        items = list(data) if isinstance(data, list | tuple) else [data]
        # No file at all is cleaned as one missing file, so "required" still applies.
        return [super(MultipleFileField, self).clean(item, initial) for item in items or [None]]


class ImportForm(forms.Form):
    # An empty file is reported in its batch like any other bad file, not refused here.
    files = MultipleFileField(
        allow_empty_file=True,
        label="Files to import",
        help_text="Seed format or plain text (.txt, transcripts with speaker labels too), a "
        "CheckThat! debate transcript (.tsv), JSON (.json), JSON Lines (.jsonl), CSV (.csv), "
        "web pages (.html), or a .zip of them.",
    )

    def __init__(self, *args, refused_bytes: int | None = None, **kwargs):
        """``refused_bytes``: the size of an upload refused unread (``UploadLimitHandler``),
        reported instead of the missing files."""
        super().__init__(*args, **kwargs)
        self.refused_bytes = refused_bytes
        if refused_bytes:
            self.fields["files"].required = False

    def clean_files(self):
        files = self.cleaned_data["files"]
        limit = settings.FACTCHECK_MAX_UPLOAD_BYTES
        if self.refused_bytes:
            size, limit_text = sizes(self.refused_bytes, limit)
            raise forms.ValidationError(
                f"This upload is {size}, over the limit of "
                f"{limit_text} for one upload: nothing was imported. Import the "
                "files in several goes, or as a zip."
            )
        total = sum(upload.size for upload in files)
        for upload in files:
            if upload.size > limit:
                size, limit_text = sizes(upload.size, limit)
                raise forms.ValidationError(
                    f"{upload.name} is {size}, over the limit of {limit_text} for one upload."
                )
        if total > limit:
            size, limit_text = sizes(total, limit)
            raise forms.ValidationError(
                f"These files come to {size}, over the limit of "
                f"{limit_text} for one upload: import them in several goes, "
                "or as a zip."
            )
        return files
