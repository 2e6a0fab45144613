from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "factcheck.reports"

    def ready(self):
        from factcheck.reports import checks  # noqa: F401  (registers the system checks)
