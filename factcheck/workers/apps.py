from django.apps import AppConfig


class WorkersConfig(AppConfig):
    name = "factcheck.workers"
    verbose_name = "Background workers"
