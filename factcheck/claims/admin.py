from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from factcheck.admin import AuditedAdmin
from factcheck.claims.models import Claim
from factcheck.claims.templatetags.claims import figure, score


def _table(headers: list[str], rows: list[tuple]) -> str:
    if not rows:
        return "None"
    return format_html(
        "<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>",
        format_html_join("", '<th scope="col">{}</th>', ((header,) for header in headers)),
        format_html_join("", "<tr>" + "<td>{}</td>" * len(headers) + "</tr>", rows),
    )


@admin.register(Claim)
class ClaimAdmin(AuditedAdmin):
    list_display = ["short_text", "article_link", "speaker", "claim_type", "score_shown",
                    "status", "assignee"]  # fmt: skip
    list_filter = ["status", "claim_type", "created_at"]
    search_fields = ["text", "speaker", "article__title"]
    list_select_related = ["article", "assignee"]
    raw_id_fields = ["article", "assignee", "canonical"]
    show_full_result_count = False
    ordering = ["-score", "id"]
    # Status and version move only through the review workflow, which audits every move.
    readonly_fields = ["article", "start", "end", "sentence", "status", "version",
                       "extractor_version", "created_at", "updated_at", "figures_table",
                       "reasons_table"]  # fmt: skip
    # What the engine found is shown as tables, not raw JSON to be edited by hand.
    exclude = ["figures", "score_reasons"]

    @admin.display(description="score", ordering="score")
    def score_shown(self, claim: Claim) -> str:
        return score(claim.score)

    @admin.display(description="figures")
    def figures_table(self, claim: Claim) -> str:
        rows = [
            (
                found.get("text", ""),
                figure(found),
                found.get("currency") or "",
                found.get("unit") or "",
            )
            for found in claim.figures or []
            if isinstance(found, dict)
        ]
        return _table(["as printed", "reads", "currency", "unit"], rows)

    @admin.display(description="score reasons")
    def reasons_table(self, claim: Claim) -> str:
        reasons = [(reason,) for reason in claim.score_reasons or [] if isinstance(reason, str)]
        return _table(["why the engine scored it so"], reasons)

    @admin.display(description="claim", ordering="text")
    def short_text(self, claim: Claim) -> str:
        return str(claim)

    @admin.display(description="article", ordering="article__title")
    def article_link(self, claim: Claim) -> str:
        url = reverse("admin:articles_article_change", args=[claim.article_id])
        return format_html('<a href="{}">{}</a>', url, claim.article.title)

    def has_add_permission(self, request):
        return False
