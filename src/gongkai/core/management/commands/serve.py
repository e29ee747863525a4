"""`gongkai serve [--bind 127.0.0.1:8000] [--workers N]`: the production server (gunicorn).

DEBUG off (the production profile, unless DJANGO_SETTINGS_MODULE says otherwise), static files
through whitenoise, a request time-out, an access log on stdout. Workers: --workers, else
GUNICORN_WORKERS / WEB_CONCURRENCY, else 2 × cores + 1.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def default_workers() -> int:
    for name in ("GUNICORN_WORKERS", "WEB_CONCURRENCY"):
        if os.environ.get(name, "").isdigit():
            return max(1, int(os.environ[name]))
    return 2 * (os.cpu_count() or 1) + 1


class Command(BaseCommand):
    help = "以生产方式运行网站（gunicorn；DEBUG 关闭；静态文件由 whitenoise 提供）"

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("GUNICORN_BIND", "127.0.0.1:8000"),
                            help="监听地址，默认 127.0.0.1:8000（由 nginx 反向代理）")
        parser.add_argument("--workers", type=int, default=None, help="工作进程数")
        parser.add_argument("--timeout", type=int,
                            default=int(os.environ.get("GUNICORN_TIMEOUT", 60)),
                            help="请求超时（秒），默认 60")
        parser.add_argument("--access-log", default=os.environ.get("GUNICORN_ACCESS_LOG", "-"),
                            help="访问日志文件，默认 - （标准输出）")
        parser.add_argument("--check", action="store_true",
                            help="只打印 gunicorn 参数，不启动")

    def handle(self, *args, **options):
        if settings.DEBUG:
            raise CommandError("gongkai serve 不能在 DEBUG 模式下运行：请取消 DEBUG 环境变量")
        workers = options["workers"] or default_workers()
        argv = [
            "gunicorn", "gongkai.wsgi:application",
            "--bind", options["bind"],
            "--workers", str(workers),
            "--timeout", str(options["timeout"]),
            "--graceful-timeout", "30",
            "--max-requests", "2000", "--max-requests-jitter", "200",
            "--access-logfile", options["access_log"],
            "--error-logfile", "-",
            "--forwarded-allow-ips", os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ]
        if options["check"]:
            self.stdout.write(" ".join(argv))
            return
        from gunicorn.app.wsgiapp import WSGIApplication

        self.stdout.write(f"gunicorn {workers} 个进程，监听 http://{options['bind']}/")
        import sys

        sys.argv = argv
        WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]").run()
