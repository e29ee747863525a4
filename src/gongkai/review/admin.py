"""Admin for gap notes (read by the office) and API tokens (created here, shown once)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from gongkai.review.models import ApiToken, GapNote, ReviewPolicy
from gongkai.review.services import api_token_create, api_token_revoke


@admin.register(GapNote)
class GapNoteAdmin(admin.ModelAdmin):
    list_display = ["unit", "doc_prefix", "year", "serial", "kind", "reason", "created_by", "updated_at"]
    list_filter = ["kind", "year"]
    search_fields = ["unit__full_name", "doc_prefix", "reason"]
    readonly_fields = ["created_by", "created_at", "updated_at"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["unit", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["unit__full_name", "name", "prefix"]
    fields = ["unit", "name", "prefix", "created_by", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "created_by", "created_at", "last_used_at", "revoked_at"]
    autocomplete_fields = ["unit"]
    actions = ["revoke"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the row stays for the audit trail

    def save_model(self, request, obj, form, change):
        if change:
            return
        token, raw = api_token_create(unit=obj.unit, name=obj.name, actor=request.user)
        obj.pk = token.pk
        obj.__dict__.update(ApiToken.objects.get(pk=token.pk).__dict__)
        self.message_user(
            request, _("令牌已生成，只显示这一次，请立即复制：%(raw)s") % {"raw": raw},
            level=messages.WARNING,
        )

    @admin.action(description=_("吊销所选令牌"))
    def revoke(self, request, queryset):
        for token in queryset:
            api_token_revoke(token=token, actor=request.user)
        self.message_user(request, _("已吊销 %(n)d 个令牌") % {"n": queryset.count()})


@admin.register(ReviewPolicy)
class ReviewPolicyAdmin(admin.ModelAdmin):
    """Read-only: the office switches the rule on its 下级单位 page (audited, with a reason)."""

    list_display = ["unit", "two_person_rule", "updated_at"]
    list_filter = ["two_person_rule"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
