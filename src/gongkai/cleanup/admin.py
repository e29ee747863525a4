"""Admin views of cleanup campaigns: read-only — every change goes through cleanup.services
(permission checks, audit records, ValidityEvents)."""

from django.contrib import admin

from gongkai.cleanup.models import Campaign, CampaignItem


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyAdmin):
    list_display = ("title", "unit", "deadline", "state", "published_at")
    list_filter = ("state",)


@admin.register(CampaignItem)
class CampaignItemAdmin(ReadOnlyAdmin):
    list_display = ("campaign", "document", "unit", "mark", "review")
    list_filter = ("mark", "review")
    raw_id_fields = ("document",)
