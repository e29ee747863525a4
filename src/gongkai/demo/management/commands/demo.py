"""`gongkai demo`: load the demo units, users, seed documents and a year of activity.

Idempotent: running it again changes nothing. Each capability contributes a module
`gongkai.demo.<app>` with a function `load(*, stdout) -> None`; they run in layer order.
All demo code lives in this top-layer app, so production apps carry none of it.
"""

from __future__ import annotations

import importlib

from django.core.management.base import BaseCommand, CommandError

DEMO_MODULES = [
    "core",
    "documents",
    "review",
    "cleanup",
    "versions",
    "disclosure_requests",
    "annual_reports",
    "consultations",
    "zhuanlan",
    "search",
    "assessment",
    "supervision",
    "proposals",
]


class Command(BaseCommand):
    help = "载入演示数据（单位、用户、种子文件、一年的业务数据）；可重复运行"

    def handle(self, *args, **options):
        from gongkai.demo.core import demo_refusal

        refusal = demo_refusal()
        if refusal:
            raise CommandError(refusal)
        for name in DEMO_MODULES:
            importlib.import_module(f"gongkai.demo.{name}").load(stdout=self.stdout)
        from gongkai.demo.core import print_logins

        print_logins(stdout=self.stdout)
