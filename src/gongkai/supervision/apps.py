from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "gongkai.supervision"
    label = "supervision"
    verbose_name = "督办"

    def ready(self) -> None:
        from gongkai.supervision import (
            audit_actions,  # noqa: F401  (registers the audit actions)
            measures,  # noqa: F401  (registers 督办任务按时报送)
        )
