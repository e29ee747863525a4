from django.apps import AppConfig


class DisclosureRequestsConfig(AppConfig):
    name = "gongkai.disclosure_requests"
    label = "disclosure_requests"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from gongkai.core.models import CalendarYear
        from gongkai.disclosure_requests import audit_actions  # noqa: F401  (registers the app's audit actions)
        from gongkai.disclosure_requests.receivers import calendar_year_saved

        # A year's holidays entered (command, page or admin): provisional due dates become final.
        post_save.connect(calendar_year_saved, sender=CalendarYear,
                          dispatch_uid="disclosure_requests_provisional_recompute")
