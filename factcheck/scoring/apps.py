from django.apps import AppConfig


class ScoringConfig(AppConfig):
    name = "factcheck.scoring"
    verbose_name = "Check-worthiness scoring"
