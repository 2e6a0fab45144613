from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models, transaction

from factcheck.admin import AuditedAdmin
from factcheck.articles.forms import NormalisedTextField
from factcheck.articles.models import Article, ImportBatch, ImportFile
from factcheck.articles.parsing import content_hash
from factcheck.claims.models import Claim
from factcheck.claims.services import article_update
from factcheck.claims.templatetags.claims import score


class ClaimInline(admin.TabularInline):
    model = Claim
    fields = ["text", "speaker", "claim_type", "score_shown", "status", "assignee"]
    readonly_fields = ["text", "speaker", "claim_type", "score_shown", "status"]
    show_change_link = True
    extra = 0
    can_delete = False
    ordering = ["start"]

    @admin.display(description="score")
    def score_shown(self, claim: Claim) -> str:
        return score(claim.score)

    def has_add_permission(self, request, obj=None):
        # Claims come from extraction, with offsets into the body; they are not typed in.
        return False


class ArticleAdminForm(forms.ModelForm):
    """The admin builds its Meta; this adds what the readonly content hash would refuse."""

    def clean(self):
        cleaned = super().clean()
        title, body = cleaned.get("title"), cleaned.get("body")
        if title and body:
            duplicate = Article.objects.filter(content_hash=content_hash(title, body))
            if duplicate.exclude(pk=self.instance.pk).exists():
                raise ValidationError(
                    "Another article already has this title and text: %(other)s.",
                    params={"other": duplicate.first()},
                )
        return cleaned


@admin.register(Article)
class ArticleAdmin(AuditedAdmin):
    form = ArticleAdminForm
    # A browser sends a textarea back with CRLF: stored text is compared and written in
    # the one form the importer stores, so an untouched body is no change.
    formfield_overrides = {
        models.CharField: {"form_class": NormalisedTextField},
        models.TextField: {"form_class": NormalisedTextField, "widget": forms.Textarea},
    }
    list_display = ["title", "published_on", "outlet", "author", "batch", "imported_at"]
    list_filter = ["published_on", "outlet"]
    search_fields = ["title", "outlet", "author", "url"]
    date_hierarchy = "published_on"
    list_select_related = ["batch"]
    readonly_fields = [
        "content_hash", "version_key", "previous_version", "batch", "imported_at",
        "extractor_version",
    ]  # fmt: skip
    raw_id_fields = ["batch"]
    show_full_result_count = False
    inlines = [ClaimInline]

    def has_add_permission(self, request):
        # Articles come in through Import, which extracts their claims.
        return False

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            fields = {name: form.cleaned_data[name] for name in form.changed_data}
            body_change = article_update(article=obj, user=request.user, **fields)
            self.audit_save(request, obj, form, change)
        if body_change is not None:
            self.message_user(request, f"The text changed: {body_change.describe()}")


class ImportFileInline(admin.TabularInline):
    model = ImportFile
    fields = ["name", "file", "size"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ImportBatch)
class ImportBatchAdmin(AuditedAdmin):
    list_display = [
        "id", "created_at", "created_by", "source", "status", "files_total",
        "articles_created", "new_versions", "duplicates_skipped", "claims_found",
    ]  # fmt: skip
    inlines = [ImportFileInline]
    list_filter = ["status", "created_at"]
    search_fields = ["source"]
    list_select_related = ["created_by"]
    show_full_result_count = False
    readonly_fields = [field.name for field in ImportBatch._meta.fields]

    def has_add_permission(self, request):
        return False
