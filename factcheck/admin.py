"""Audit events for writes made outside the workflow services: the Django admin."""

from django.contrib import admin
from django.db import transaction

from factcheck.claims.models import Claim
from factcheck.reviews.models import Event


def _claim_of(obj) -> Claim | None:
    if isinstance(obj, Claim):
        return obj
    claim = getattr(obj, "claim", None)
    return claim if isinstance(claim, Claim) else None


def audit_admin_write(*, user, obj, action: str, note: str = "") -> Event:
    claim = _claim_of(obj)
    return Event.objects.create(
        claim=claim if claim is not None and claim.pk else None,
        subject=f"{obj._meta.verbose_name} {obj.pk}: {obj}"[:300],
        actor=user,
        action=action,
        note=note,
    )


class AuditedAdmin(admin.ModelAdmin):
    """Every add, change and delete in the admin, bulk deletes included, leaves an Event."""

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            self.audit_save(request, obj, form, change)

    def audit_save(self, request, obj, form, change) -> Event:
        changed = ", ".join(form.changed_data) if change else ""
        return audit_admin_write(
            user=request.user,
            obj=obj,
            action=Event.Action.ADMIN_CHANGE if change else Event.Action.ADMIN_ADD,
            note=f"Changed: {changed}" if changed else "",
        )

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit_admin_write(user=request.user, obj=obj, action=Event.Action.ADMIN_DELETE)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                audit_admin_write(user=request.user, obj=obj, action=Event.Action.ADMIN_DELETE)
            super().delete_queryset(request, queryset)
