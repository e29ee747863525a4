from django.apps import AppConfig


class DisclosureRequestsConfig(AppConfig):
    name = "gongkai.disclosure_requests"
    label = "disclosure_requests"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from gongkai.disclosure_requests import audit_actions  # noqa: F401  (registers the app's audit actions)
