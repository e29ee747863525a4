from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "core"
    verbose_name = "单位与用户"

    def ready(self) -> None:
        from django.contrib import admin
        from django.contrib.admin.forms import AdminAuthenticationForm

        from gongkai.core import (
            accounts,  # noqa: F401 - connects the login audit receivers
            audit_actions,  # noqa: F401  (registers the app's audit actions)
        )

        class AdminLockoutForm(accounts.LockoutAuthenticationForm, AdminAuthenticationForm):
            pass

        admin.site.login_form = AdminLockoutForm
