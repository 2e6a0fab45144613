from django.contrib import admin

from factcheck.admin import AuditedAdmin
from factcheck.articles.models import Article, ImportBatch, ImportFile
from factcheck.claims.models import Claim


class ClaimInline(admin.TabularInline):
    model = Claim
    fields = ["text", "speaker", "claim_type", "score", "status", "assignee"]
    readonly_fields = ["text", "speaker", "claim_type", "score", "status"]
    show_change_link = True
    extra = 0
    can_delete = False
    ordering = ["start"]

    def has_add_permission(self, request, obj=None):
        # Claims come from extraction, with offsets into the body; they are not typed in.
        return False


@admin.register(Article)
class ArticleAdmin(AuditedAdmin):
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
