"""`gongkai demo`: load the demo units, users, seed documents and a year of activity.

Idempotent: running it again changes nothing. Each app may contribute through a module
`gongkai.<app>.demo` with a function `load(*, stdout) -> None`; they run in layer order.
"""

from __future__ import annotations

import importlib

from django.core.management.base import BaseCommand

DEMO_APPS = [
    "core",
    "documents",
    "review",
    "cleanup",
    "disclosure_requests",
    "search",
    "assessment",
]


class Command(BaseCommand):
    help = "载入演示数据（单位、用户、种子文件、一年的业务数据）；可重复运行"

    def handle(self, *args, **options):
        for app in DEMO_APPS:
            try:
                module = importlib.import_module(f"gongkai.{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name == f"gongkai.{app}.demo":
                    continue
                raise
            module.load(stdout=self.stdout)
        from gongkai.core.demo import print_logins

        print_logins(stdout=self.stdout)
