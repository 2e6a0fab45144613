from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "factcheck.matching"
    verbose_name = "Claim matching"
