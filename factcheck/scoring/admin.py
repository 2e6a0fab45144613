from django.contrib import admin, messages
from django.db import transaction

from factcheck.admin import AuditedAdmin
from factcheck.scoring.models import ScorerVersion
from factcheck.scoring.services import scorer_version_activate
from factcheck.scoring.tasks import claims_rescore_task


@admin.register(ScorerVersion)
class ScorerVersionAdmin(AuditedAdmin):
    list_display = ["name", "kind", "version", "threshold", "f1_before", "f1_after", "active"]
    list_filter = ["kind", "active"]
    readonly_fields = ["kind", "version", "head", "threshold", "evaluation", "active"]
    fields = ["name", *readonly_fields]
    actions = ["activate"]

    @admin.display(description="F1 before")
    def f1_before(self, obj):
        return obj.evaluation.get("f1_before", "")

    @admin.display(description="F1 after")
    def f1_after(self, obj):
        return obj.evaluation.get("f1_after", obj.evaluation.get("f1", ""))

    def has_add_permission(self, request):
        return False

    @admin.action(description="Activate (rescore the open claims with it)")
    def activate(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Choose one model to activate.", messages.ERROR)
            return
        with transaction.atomic():
            chosen = scorer_version_activate(scorer_version=queryset.get(), user=request.user)
            transaction.on_commit(lambda: claims_rescore_task.enqueue())
        self.message_user(request, f"{chosen} is active; open claims are being rescored.")
