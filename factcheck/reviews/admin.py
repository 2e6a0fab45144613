from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.template.response import TemplateResponse

from factcheck.admin import AuditedAdmin, audit_admin_write
from factcheck.claims.workflow import WorkflowError
from factcheck.reviews.forms import HandOverForm
from factcheck.reviews.models import Event, Rating, SavedSearch, Source, Verdict
from factcheck.reviews.selectors import claims_held_in_research
from factcheck.reviews.services import claims_hand_over

HAND_OVER = "Hand the claims they research to another reviewer"


@admin.register(Rating)
class RatingAdmin(AuditedAdmin):
    list_display = ["label", "slug", "position", "rating_value", "colour"]
    list_editable = ["position"]
    search_fields = ["label", "slug"]
    prepopulated_fields = {"slug": ["label"]}


@admin.register(SavedSearch)
class SavedSearchAdmin(AuditedAdmin):
    list_display = ["name", "owner", "query", "created_at"]
    search_fields = ["name", "owner__username"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner"]


@admin.register(Source)
class SourceAdmin(AuditedAdmin):
    list_display = ["__str__", "publisher", "stance", "claim", "added_by", "added_at"]
    list_filter = ["stance", "added_at"]
    search_fields = ["url", "title", "publisher", "claim__text"]
    list_select_related = ["claim", "added_by"]
    raw_id_fields = ["claim", "added_by"]
    show_full_result_count = False


@admin.register(Verdict)
class VerdictAdmin(AuditedAdmin):
    list_display = ["claim", "rating", "status", "author", "approved_by", "approved_at",
                    "created_at"]  # fmt: skip
    list_filter = ["status", "rating", "created_at"]
    search_fields = ["claim__text", "summary"]
    list_select_related = ["claim", "rating", "author", "approved_by"]
    raw_id_fields = ["claim", "author", "approved_by"]
    filter_horizontal = ["sources"]
    show_full_result_count = False
    # Approval goes through the workflow (four-eyes rule, audit event), not a form field.
    readonly_fields = ["status", "approved_by", "approved_at", "created_at"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """The audit trail is read-only, here as everywhere."""

    list_display = ["created_at", "actor", "action", "from_value", "to_value", "claim", "subject"]
    list_filter = ["action", "created_at"]
    search_fields = ["claim__text", "subject", "note", "actor__username"]
    list_select_related = ["actor", "claim"]
    show_full_result_count = False
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Who may do what is itself audited: users and groups get the same trail.
admin.site.unregister(get_user_model())
admin.site.unregister(Group)


@admin.register(get_user_model())
class AuditedUserAdmin(AuditedAdmin, UserAdmin):
    list_display = ["username", "email", "roles", "is_active", "is_staff", "last_login"]
    list_filter = ["groups", "is_active", "is_staff", "is_superuser"]
    actions = ["hand_over_claims"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            held = claims_held_in_research(holders=[obj.pk]).get(obj.pk, 0)
            if held:
                self.message_user(
                    request,
                    f"{obj} is deactivated and still holds {held} claim(s) in research. "
                    f'Tick {obj} in the user list and choose "{HAND_OVER}".',
                    messages.WARNING,
                )

    @admin.action(description=HAND_OVER, permissions=["change"])
    def hand_over_claims(self, request, queryset):
        """A step of its own (like "Delete selected"): who gets the claims, then go."""
        holders = list(queryset.order_by("username"))
        form = HandOverForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            assignee = form.cleaned_data["assignee"]
            for holder in holders:
                try:
                    moved = claims_hand_over(holder=holder, assignee=assignee, user=request.user)
                except (WorkflowError, PermissionDenied) as error:
                    self.message_user(request, f"{holder}: {error}", messages.ERROR)
                else:
                    self.message_user(request, f"{moved} claim(s) of {holder} given to {assignee}.")
            return None
        held = claims_held_in_research(holders=[holder.pk for holder in holders])
        return TemplateResponse(
            request,
            "admin/reviews/hand_over_claims.html",
            {
                **self.admin_site.each_context(request),
                "title": HAND_OVER,
                "opts": self.model._meta,
                "holders": [(holder, held.get(holder.pk, 0)) for holder in holders],
                "form": form,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description="role")
    def roles(self, user) -> str:
        names = sorted(group.name for group in user.groups.all())
        if user.is_superuser:
            names.insert(0, "Admin")
        return ", ".join(names) or "None"

    def user_change_password(self, request, id, form_url=""):
        """The password form saves outside save_model: its change is audited here, in the
        same transaction (never the password itself)."""
        with transaction.atomic():
            before = self.get_object(request, unquote(id))
            response = super().user_change_password(request, id, form_url)
            after = self.get_object(request, unquote(id))
            if before is not None and after is not None and after.password != before.password:
                audit_admin_write(
                    user=request.user,
                    obj=after,
                    action=Event.Action.ADMIN_CHANGE,
                    note="Changed: password"
                    if after.has_usable_password()
                    else "Disabled password login",
                )
        return response


@admin.register(Group)
class AuditedGroupAdmin(AuditedAdmin, GroupAdmin):
    pass
