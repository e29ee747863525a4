from django.apps import AppConfig

PUBLISH_REASONS = frozenset({"publish", "document_publish"})


def link_on_publish(sender, document_ids, reason, **kwargs):
    """A decision just went public: store what it amends, repeals, invalidates or replaces
    (and cites), so the next `gongkai lifecycle` applies it on its effective date.

    Only texts that change another document are linked here; plain citations of every
    document are linked in bulk by `gongkai relations --all` (for the conflicts report)."""
    if reason not in PUBLISH_REASONS:
        return
    import logging

    from gongkai.documents.domain.relations import CHANGING_ACTIONS, references_extract
    from gongkai.documents.lifecycle import relations_extract_and_link
    from gongkai.documents.models import Document

    for doc in Document.objects.filter(pk__in=document_ids, state="published", body__contains="《"):
        if not any(r.action in CHANGING_ACTIONS for r in references_extract(doc.body)):
            continue
        try:
            relations_extract_and_link(document=doc, actor=None)
        except Exception:  # the publication stands; `gongkai relations --link` can redo it
            logging.getLogger(__name__).exception("linking relations of document %s failed", doc.pk)


class CleanupConfig(AppConfig):
    name = "gongkai.cleanup"
    label = "cleanup"
    verbose_name = "文件清理"

    def ready(self) -> None:
        from gongkai.documents.signals import document_changed

        document_changed.connect(link_on_publish, dispatch_uid="gongkai.cleanup.link_on_publish")
