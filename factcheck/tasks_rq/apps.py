from django.apps import AppConfig


class TasksRQConfig(AppConfig):
    name = "factcheck.tasks_rq"
    verbose_name = "RQ tasks"
