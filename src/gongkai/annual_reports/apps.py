from django.apps import AppConfig


class AnnualReportsConfig(AppConfig):
    name = "gongkai.annual_reports"
    label = "annual_reports"
    verbose_name = "年度报告"

    def ready(self) -> None:
        from gongkai.annual_reports import audit_actions  # noqa: F401  (registers the app's audit actions)
