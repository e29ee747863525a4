from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "gongkai.documents"
    label = "documents"
    verbose_name = "文件"

    def ready(self) -> None:
        from gongkai.documents import audit_actions  # noqa: F401  (registers the app's audit actions)
        from gongkai.documents.receivers import counts_on_change, link_on_publish
        from gongkai.documents.signals import document_changed

        document_changed.connect(link_on_publish, dispatch_uid="gongkai.documents.link_on_publish")
        document_changed.connect(counts_on_change, dispatch_uid="gongkai.documents.counts")
