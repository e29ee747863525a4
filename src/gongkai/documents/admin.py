"""The Django admin for documents: edits go through the services, nothing bypasses them.

Registration, publishing, 时效性 and relations have their own services and pages; here an
admin may correct the 文章属性 of a document, which ``document_update`` validates, audits and
announces (so a document set to 不予公开 leaves the search index at once). Adding and deleting
are not offered; relations and 时效性 events are read-only.
"""

from django import forms
from django.contrib import admin

from gongkai.core.access import AccessDenied
from gongkai.documents.errors import DocumentError
from gongkai.documents.models import Document, DocumentRelation, ValidityEvent
from gongkai.documents.services import EDITABLE_FIELDS, clean_document_fields, document_update

ADMIN_FIELDS = [f for f in EDITABLE_FIELDS if f != "validity"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DocumentAdminForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ADMIN_FIELDS

    def clean(self):
        data = super().clean()
        values = {f: getattr(self.instance, f) for f in EDITABLE_FIELDS if f != "interprets"}
        values.update({k: v for k, v in data.items() if k in values})
        try:
            clean_document_fields(values)
        except DocumentError as exc:
            self.add_error(exc.field if exc.field in self.fields else None, exc.message)
        return data


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    form = DocumentAdminForm
    list_display = ["title", "doc_number", "unit", "publish_date", "level", "validity", "state"]
    list_filter = ["state", "validity", "level", "disclosure"]
    search_fields = ["title", "doc_number", "index_no"]
    autocomplete_fields = ["interprets"]
    fields = [*ADMIN_FIELDS, "unit", "state", "validity", "submitted_at", "published_at",
              "content_hash"]
    readonly_fields = ["unit", "state", "validity", "submitted_at", "published_at", "content_hash"]

    def has_add_permission(self, request):
        return False  # documents are registered in the workbench, by import or the API

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        changes = {f: form.cleaned_data[f] for f in form.changed_data if f in ADMIN_FIELDS}
        if changes:
            try:
                document_update(document=Document.objects.get(pk=obj.pk), actor=request.user,
                                **changes)
            except (DocumentError, AccessDenied) as exc:
                self.message_user(request, exc.message, level="error")

    def save_related(self, request, form, formsets, change):
        pass  # issuers follow issuer_names in document_update (no inline formsets)


@admin.register(DocumentRelation)
class DocumentRelationAdmin(ReadOnlyAdmin):
    list_display = ["source", "action", "target", "target_title", "effective_date", "applied_at"]
    list_filter = ["action"]


@admin.register(ValidityEvent)
class ValidityEventAdmin(ReadOnlyAdmin):
    list_display = ["document", "date", "from_validity", "to_validity", "cause"]
    list_filter = ["cause", "to_validity"]
