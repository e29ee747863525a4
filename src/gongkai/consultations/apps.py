from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "gongkai.consultations"
    label = "consultations"
    verbose_name = "征求意见与决策预公开"

    def ready(self) -> None:
        from gongkai.consultations import audit_actions  # noqa: F401  (registers the app's audit actions)
        from gongkai.consultations.services import consultations_follow_drafts
        from gongkai.documents.signals import document_changed

        # a 征求意见稿 published through the review flow publishes its consultation
        document_changed.connect(consultations_follow_drafts, dispatch_uid="gongkai.consultations.follow_drafts")
