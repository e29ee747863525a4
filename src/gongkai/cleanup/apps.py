from django.apps import AppConfig


class CleanupConfig(AppConfig):
    name = "gongkai.cleanup"
    label = "cleanup"
    verbose_name = "文件清理"
