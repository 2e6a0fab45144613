from django.contrib import admin, messages
from django.db.models import Count

from factcheck.admin import AuditedAdmin, audit_admin_write
from factcheck.reviews.models import Event
from factcheck.speakers.models import Speaker, SpeakerAlias
from factcheck.speakers.services import speakers_merge, speakers_split


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    fields = ["name", "key"]
    readonly_fields = ["name", "key"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # names come from the claims; the engine keys them


@admin.register(Speaker)
class SpeakerAdmin(AuditedAdmin):
    list_display = ["name", "kind", "description", "claim_count", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__name", "description"]
    inlines = [SpeakerAliasInline]
    actions = ["merge_speakers"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.display(description="claims", ordering="claim_count")
    def claim_count(self, speaker) -> int:
        return speaker.claim_count

    @admin.action(description="Merge the selected speakers into the one with most claims",
                  permissions=["change"])  # fmt: skip
    def merge_speakers(self, request, queryset):
        speakers = list(queryset.order_by("-claim_count", "pk"))
        if len(speakers) < 2:
            self.message_user(request, "Choose two speakers or more to merge.", messages.ERROR)
            return
        into = speakers[0]
        for speaker in speakers[1:]:
            audit_admin_write(user=request.user, obj=speaker, action=Event.Action.ADMIN_DELETE,
                              note=f"Merged into speaker {into.pk}: {into}")  # fmt: skip
        speakers_merge(speakers=speakers, into=into)
        self.message_user(request, f"{len(speakers) - 1} speaker(s) merged into {into}.")


@admin.register(SpeakerAlias)
class SpeakerAliasAdmin(admin.ModelAdmin):
    """Names, for splitting: tick the names that are someone else."""

    list_display = ["name", "speaker", "key"]
    search_fields = ["name", "speaker__name"]
    list_select_related = ["speaker"]
    actions = ["split_off"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_split_permission(self, request):
        return request.user.has_perm("speakers.change_speaker")

    @admin.action(description="Split the selected names off into a new speaker",
                  permissions=["split"])  # fmt: skip
    def split_off(self, request, queryset):
        aliases = list(queryset.select_related("speaker"))
        if len({alias.speaker_id for alias in aliases}) != 1:
            self.message_user(request, "Choose names of one speaker.", messages.ERROR)
            return
        if len(aliases) == aliases[0].speaker.aliases.count():
            self.message_user(request, "Leave the speaker one of its names.", messages.ERROR)
            return
        speaker = speakers_split(aliases=aliases)
        audit_admin_write(user=request.user, obj=speaker, action=Event.Action.ADMIN_ADD,
                          note=f"Split off from speaker {aliases[0].speaker_id}")  # fmt: skip
        self.message_user(request, f"{speaker} is now a speaker of their own.")
