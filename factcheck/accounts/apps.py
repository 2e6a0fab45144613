from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "factcheck.accounts"

    def ready(self):
        from factcheck.accounts.backends import connect_signals

        connect_signals()
