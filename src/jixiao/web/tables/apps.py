from django.apps import AppConfig


class TablesConfig(AppConfig):
    name = "jixiao.web.tables"
    label = "tables"
    verbose_name = "绩效目标表"
