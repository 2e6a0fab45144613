from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "factcheck.reviews"
