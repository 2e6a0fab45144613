from django.apps import AppConfig


class SpeakersConfig(AppConfig):
    name = "factcheck.speakers"
    verbose_name = "Speakers"
