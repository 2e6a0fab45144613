from django import forms
from django.http import QueryDict

from factcheck.articles.models import Article
from factcheck.forms import IdMultipleChoiceField, is_id
from factcheck.reports.formats import FORMATS
from factcheck.reports.selectors import PUBLISHED, VerdictSelection
from factcheck.reviews.models import Rating, Verdict

ARTICLES_OFFERED = 300
ARTICLES_AT_MOST = 500
PERMISSION = "permission"
DATE_FORMAT_MESSAGE = "Enter a date as YYYY-MM-DD, such as 2024-03-01."


LAST_YEAR = 9998


class ArticlesField(IdMultipleChoiceField):
    def clean(self, value):
        if value and len(value) > ARTICLES_AT_MOST:
            raise forms.ValidationError(
                f"Choose at most {ARTICLES_AT_MOST} articles, or none for all of them."
            )
        return super().clean(value)


class ReportForm(forms.Form):
    """Which verdicts a report covers. Filled from the query string by the Reports screen and
    from the options of ``export_verdicts``; a bad value is reported beside its field."""

    article = ArticlesField(
        queryset=Article.objects.defer("body"),
        required=False,
        label="Articles",
        help_text="None chosen: every article.",
        error_messages={
            "invalid_choice": "There is no article number %(value)s.",
            "invalid_pk_value": "“%(pk)s” is not an article number.",
        },
    )
    # ISO dates only, as date inputs send them: 01/02/2024 means two different days.
    since = forms.DateField(
        required=False,
        label="From",
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": DATE_FORMAT_MESSAGE},
    )
    until = forms.DateField(
        required=False,
        label="To",
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": DATE_FORMAT_MESSAGE},
    )
    rating = forms.ModelMultipleChoiceField(
        queryset=Rating.objects.order_by("position", "id"),
        to_field_name="slug",
        required=False,
        label="Ratings",
        widget=forms.CheckboxSelectMultiple,
        help_text="None chosen: every rating.",
        error_messages={"invalid_choice": "There is no rating “%(value)s”."},
    )
    status = forms.MultipleChoiceField(
        choices=Verdict.Status.choices,
        required=False,
        label="Statuses",
        widget=forms.CheckboxSelectMultiple,
        help_text="None chosen: published verdicts.",
    )
    include_matches = forms.BooleanField(
        required=False,
        label="Include matched claims",
        help_text="Downloads add, after each verdict, a row for every claim linked to its claim "
        "(its duplicates), carrying that verdict; the printable report lists them under it.",
    )

    def __init__(self, data=None, *, may_export_unpublished: bool, **kwargs):
        if data is not None and not data.getlist("status"):
            data = data.copy()
            data.setlist("status", [PUBLISHED])
        super().__init__(data, **kwargs)
        self.may_export_unpublished = may_export_unpublished
        if not may_export_unpublished:
            # Offer only what this person may export; asking for more by URL is still
            # refused by name (clean_status), not as an unknown choice.
            status = self.fields["status"]
            status.widget.choices = [(PUBLISHED, Verdict.Status.PUBLISHED.label)]
            status.help_text = "Reviewers report on published verdicts; editors on all."

    def clean_status(self):
        statuses = self.cleaned_data["status"] or [PUBLISHED]
        if not self.may_export_unpublished and set(statuses) - {PUBLISHED}:
            raise forms.ValidationError(
                "Only editors can report on verdicts that are not published yet.",
                code=PERMISSION,
            )
        return statuses

    def clean(self):
        data = super().clean()
        for name in ("since", "until"):
            # A report day runs to the start of the next one: 9999-12-31 has none.
            if data.get(name) and data[name].year > LAST_YEAR:
                self.add_error(name, f"Choose a date in or before {LAST_YEAR}.")
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "The end date is before the start date.")
        return data

    def selection(self) -> VerdictSelection:
        data = self.cleaned_data
        return VerdictSelection(
            articles=tuple(article.pk for article in data["article"]),
            since=data["since"],
            until=data["until"],
            ratings=tuple(rating.slug for rating in data["rating"]),
            statuses=tuple(data["status"]),
            include_matches=data["include_matches"],
        )

    @property
    def refused(self) -> bool:
        return self.has_error("status", PERMISSION)

    def offer_articles(self) -> None:
        """List the articles that have verdicts, newest first, and any already chosen: all
        articles would be too many for one list. Any article number is still accepted."""
        chosen = self.data.getlist("article") if isinstance(self.data, QueryDict) else []
        chosen_ids = [int(value) for value in chosen if is_id(value)]
        with_verdicts = (
            Article.objects.filter(id__in=Verdict.objects.values("claim__article_id"))
            .only("id", "title", "published_on")
            .order_by("-published_on", "-id")[:ARTICLES_OFFERED]
        )
        articles = {article.pk: article for article in with_verdicts}
        for article in Article.objects.filter(id__in=chosen_ids).only(
            "id", "title", "published_on"
        ):
            articles.setdefault(article.pk, article)
        self.fields["article"].widget.choices = [
            (
                article.pk,
                f"{article.title} ({article.published_on:%d %b %Y})"
                if article.published_on
                else article.title,
            )
            for article in articles.values()
        ]


class DownloadForm(ReportForm):
    format = forms.ChoiceField(
        choices=[(fmt.name, fmt.label) for fmt in FORMATS.values()],
        error_messages={
            "required": "Choose a format: " + ", ".join(fmt.name for fmt in FORMATS.values()) + ".",
            "invalid_choice": "There is no format “%(value)s”; choose one of "
            + ", ".join(fmt.name for fmt in FORMATS.values())
            + ".",
        },
    )
