from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "gongkai.assessment"
    label = "assessment"
    verbose_name = "考评"

    def ready(self) -> None:
        from gongkai.assessment import (
            audit_actions,  # noqa: F401  (registers the app's audit actions)
            measures_mock_requests,  # noqa: F401  (模拟测试 measures)
        )
