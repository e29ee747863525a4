from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "core"
    verbose_name = "单位与用户"

    def ready(self) -> None:
        from gongkai.core import audit_actions  # noqa: F401  (registers the app's audit actions)
