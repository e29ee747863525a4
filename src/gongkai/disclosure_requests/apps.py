from django.apps import AppConfig


class DisclosureRequestsConfig(AppConfig):
    name = "gongkai.disclosure_requests"
    label = "disclosure_requests"
    verbose_name = "依申请公开"
