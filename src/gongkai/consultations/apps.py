from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "gongkai.consultations"
    label = "consultations"
    verbose_name = "征求意见与决策预公开"

    def ready(self) -> None:
        from gongkai.consultations import audit_actions  # noqa: F401  (registers the app's audit actions)
