from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "gongkai.exports"
    label = "exports"
    verbose_name = "导出"
