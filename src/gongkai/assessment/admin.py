"""Admin: the office loads and edits indicator sets (YAML, validated); runs are read-only here."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from gongkai.assessment import services
from gongkai.assessment.domain.errors import AssessmentError
from gongkai.assessment.models import IndicatorSet, ManualScore, Run


class IndicatorSetForm(forms.ModelForm):
    yaml_text = forms.CharField(
        label=_("指标体系（YAML）"), widget=forms.Textarea(attrs={"rows": 40, "cols": 100}),
        help_text=_("格式见 docs/indicators.md。修改已被考评使用的体系时请同时修改 version。"),
    )

    class Meta:
        model = IndicatorSet
        fields = ["yaml_text", "is_active"]

    def clean_yaml_text(self):
        text = self.cleaned_data["yaml_text"].replace("\r\n", "\n")
        try:
            spec = services.spec_parse(text)
        except AssessmentError as exc:
            raise forms.ValidationError(exc.message) from None
        clash = IndicatorSet.objects.filter(name=spec.name, version=spec.version)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(
                _("指标体系“%(name)s”版本 %(version)s 已存在，请修改 version")
                % {"name": spec.name, "version": spec.version}
            )
        if self.instance.pk and self.instance.runs.exists() and self.instance.yaml_text != text:
            raise forms.ValidationError(_("该版本已被考评使用，不能修改；请修改 version 另存为新版本"))
        self._spec = spec
        return text


@admin.register(IndicatorSet)
class IndicatorSetAdmin(admin.ModelAdmin):
    form = IndicatorSetForm
    list_display = ["name", "version", "is_active", "sha256", "created_at"]
    readonly_fields = ["name", "version", "sha256"]
    actions = ["activate"]

    def save_model(self, request, obj, form, change):
        spec = form._spec
        obj.name, obj.version, obj.sha256 = spec.name, spec.version, spec.sha256
        super().save_model(request, obj, form, change)
        if obj.is_active:
            IndicatorSet.objects.exclude(pk=obj.pk).filter(is_active=True).update(is_active=False)
        from gongkai.core.services import audit_record

        audit_record(actor=request.user, action="indicator_set_update" if change else
                     "indicator_set_create", target=obj, data={"sha256": obj.sha256})

    @admin.action(description=_("设为当前使用"))
    def activate(self, request, queryset):
        obj = queryset.first()
        if obj is not None:
            services.indicator_set_save(yaml_text=obj.yaml_text, activate=True, actor=request.user)
            messages.success(request, _("已设为当前使用"))


class ManualScoreInline(admin.TabularInline):
    model = ManualScore
    extra = 0
    can_delete = False
    readonly_fields = ["unit", "indicator_code", "score", "entered_by", "entered_at"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Run)
class RunAdmin(admin.ModelAdmin):
    list_display = ["id", "period", "indicator_set", "status", "bulletin_date", "published_at"]
    list_filter = ["status", "period"]
    readonly_fields = ["period", "period_start", "period_end", "indicator_set", "set_sha256",
                       "unit_ids", "previous", "status", "bulletin_date", "created_by",
                       "created_at", "published_at"]
    exclude = ["measured", "result", "set_yaml"]
    inlines = [ManualScoreInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
