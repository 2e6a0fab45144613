from django.db import migrations

from factcheck.accounts.roles import ROLES, roles_sync


def create_roles(apps, schema_editor):
    roles_sync(apps)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("articles", "0001_initial"),
        ("claims", "0001_initial"),
        ("reviews", "0001_initial"),
    ]
    operations = [migrations.RunPython(create_roles, remove_roles)]
