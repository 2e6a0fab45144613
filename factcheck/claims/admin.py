from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from factcheck.admin import AuditedAdmin
from factcheck.claims.models import Claim


@admin.register(Claim)
class ClaimAdmin(AuditedAdmin):
    list_display = ["short_text", "article_link", "speaker", "claim_type", "score", "status",
                    "assignee"]  # fmt: skip
    list_filter = ["status", "claim_type", "created_at"]
    search_fields = ["text", "speaker", "article__title"]
    list_select_related = ["article", "assignee"]
    raw_id_fields = ["article", "assignee", "canonical"]
    show_full_result_count = False
    ordering = ["-score", "id"]
    # Status and version move only through the review workflow, which audits every move.
    readonly_fields = ["article", "start", "end", "sentence", "status", "version",
                       "extractor_version", "created_at", "updated_at"]  # fmt: skip

    @admin.display(description="claim", ordering="text")
    def short_text(self, claim: Claim) -> str:
        return str(claim)

    @admin.display(description="article", ordering="article__title")
    def article_link(self, claim: Claim) -> str:
        url = reverse("admin:articles_article_change", args=[claim.article_id])
        return format_html('<a href="{}">{}</a>', url, claim.article.title)

    def has_add_permission(self, request):
        return False
