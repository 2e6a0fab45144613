import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from factcheck.accounts.roles import EDITOR, REVIEWER

DEMO_ACCOUNTS = [
    # username, role, staff, superuser
    ("reviewer", REVIEWER, False, False),
    ("editor", EDITOR, False, False),
    ("admin", None, True, True),
]


class Command(BaseCommand):
    help = (
        "Create the demo accounts (reviewer, editor, and an admin for /admin/) with random "
        "passwords, printed once. Existing accounts are left alone unless --reset-passwords."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Give existing demo accounts new passwords and print them.",
        )

    @transaction.atomic
    def handle(self, *args, reset_passwords: bool, **options):
        User = get_user_model()
        for username, role, is_staff, is_superuser in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username, defaults={"is_staff": is_staff, "is_superuser": is_superuser}
            )
            if role:
                user.groups.add(Group.objects.get(name=role))
            if created or reset_passwords:
                password = secrets.token_urlsafe(12)
                user.set_password(password)
                user.save(update_fields=["password"])
                self.stdout.write(
                    self.style.SUCCESS(f"{username:<9} password: {password}")
                    + f"   ({role or 'staff, /admin/'})"
                )
            else:
                self.stdout.write(
                    f"{username:<9} exists, password unchanged "
                    "(manage.py create_demo_users --reset-passwords prints new ones)"
                )
