from django.contrib import admin

from gongkai.documents.models import Attachment, Document, DocumentRelation, ValidityEvent


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ["sha256", "size", "content_type"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "doc_number", "unit", "publish_date", "level", "validity", "state"]
    list_filter = ["state", "validity", "level", "disclosure"]
    search_fields = ["title", "doc_number", "index_no"]
    autocomplete_fields = ["unit", "issuers", "interprets"]
    readonly_fields = ["state", "submitted_at", "published_at", "content_hash", "validity"]
    inlines = [AttachmentInline]


@admin.register(DocumentRelation)
class DocumentRelationAdmin(admin.ModelAdmin):
    list_display = ["source", "action", "target", "target_title", "effective_date", "applied_at"]
    list_filter = ["action"]
    raw_id_fields = ["source", "target"]


@admin.register(ValidityEvent)
class ValidityEventAdmin(admin.ModelAdmin):
    list_display = ["document", "date", "from_validity", "to_validity", "cause"]
    list_filter = ["cause", "to_validity"]
    raw_id_fields = ["document", "cause_document"]
