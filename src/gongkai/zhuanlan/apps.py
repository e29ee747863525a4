from django.apps import AppConfig


class ZhuanlanConfig(AppConfig):
    """政府信息公开专栏 (the openness column of every unit). App label ``zhuanlan``."""

    name = "gongkai.zhuanlan"
    label = "zhuanlan"
    verbose_name = "政府信息公开专栏"

    def ready(self) -> None:
        from gongkai.zhuanlan import audit_actions  # noqa: F401  (registers the app's audit actions)
