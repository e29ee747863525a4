from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "gongkai.proposals"
    label = "proposals"
    verbose_name = "建议提案办理"

    def ready(self) -> None:
        from gongkai.proposals import (
            audit_actions,  # noqa: F401  (registers the audit actions)
            measures,  # noqa: F401  (registers 建议提案按期答复)
        )
