from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from gongkai.core.audit import registry as audit_registry
from gongkai.core.domain.roles import ROLE_LABELS, Role
from gongkai.core.models import AuditLog, CalendarDay, CalendarYear, Unit, User


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["full_name", "code", "kind", "parent", "assessment_group", "handles_requests",
                    "is_active"]
    list_filter = ["kind", "assessment_group", "handles_requests", "is_active"]
    search_fields = ["full_name", "code"]
    autocomplete_fields = ["parent"]

    def save_model(self, request, obj, form, change):
        obj.name_keys = obj.computed_name_keys()
        super().save_model(request, obj, form, change)


def role_label(name: str) -> str:
    """A role's Chinese label (roles are Django groups named by their code)."""
    try:
        return ROLE_LABELS[Role(name)]
    except ValueError:
        return name


class RoleFilter(admin.SimpleListFilter):
    title = _("角色")
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return [(r.value, label) for r, label in ROLE_LABELS.items()]

    def queryset(self, request, queryset):
        return queryset.filter(groups__name=self.value()) if self.value() else queryset


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "display_name", "unit", "roles_display", "is_active", "is_staff"]
    list_filter = [RoleFilter, "is_active"]
    autocomplete_fields = ["unit"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        (_("单位"), {"fields": ["unit", "display_name", "assessor_stage"]}),
    ]

    @admin.display(description=_("角色"))
    def roles_display(self, obj: User) -> str:
        return "、".join(role_label(g.name) for g in obj.groups.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "groups" and field is not None:
            field.label_from_instance = lambda group: role_label(group.name)
        return field


class ActionFilter(admin.SimpleListFilter):
    title = _("操作")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        return audit_registry.choices()

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only."""

    list_display = ["at", "actor_label", "unit", "action_display", "target_type", "target_id",
                    "from_state", "to_state"]
    list_filter = [ActionFilter, "target_type"]
    search_fields = ["target_id", "reason", "actor_label"]

    @admin.display(description=_("操作"), ordering="action")
    def action_display(self, obj: AuditLog) -> str:
        return audit_registry.label(obj.action)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "is_workday"]
    list_filter = ["is_workday"]


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ["year", "note"]


# Roles are Django groups named by their code (core.domain.roles); the admin shows them in
# Chinese and does not offer renaming them (the code relies on the names).
admin.site.unregister(Group)


@admin.register(Group)
class RoleGroupAdmin(admin.ModelAdmin):
    list_display = ["label", "name"]
    readonly_fields = ["name"]
    filter_horizontal = ["permissions"]

    @admin.display(description=_("角色"))
    def label(self, obj: Group) -> str:
        return role_label(obj.name)
