from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "gongkai.review"
    label = "review"
    verbose_name = "报送审核"

    def ready(self) -> None:
        from gongkai.review import audit_actions  # noqa: F401  (registers the app's audit actions)
