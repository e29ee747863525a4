from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "gongkai.search"
    label = "search"
    verbose_name = "检索"

    def ready(self) -> None:
        from gongkai.documents.signals import document_changed
        from gongkai.search import audit_actions  # noqa: F401  (registers the app's audit actions)
        from gongkai.search.services import on_document_changed

        # The index follows the documents: every committed create / edit / publish /
        # withdrawal / 时效性 change reindexes those ids (removing the ones no longer public).
        document_changed.connect(on_document_changed, dispatch_uid="gongkai.search.index")
