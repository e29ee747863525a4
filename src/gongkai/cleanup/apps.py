from django.apps import AppConfig


class CleanupConfig(AppConfig):
    name = "gongkai.cleanup"
    label = "cleanup"
    verbose_name = "文件清理"

    def ready(self) -> None:
        from gongkai.cleanup import audit_actions  # noqa: F401  (registers the app's audit actions)
