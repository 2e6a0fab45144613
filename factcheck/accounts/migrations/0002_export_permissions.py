from django.db import migrations

from factcheck.accounts.roles import roles_sync


def sync_roles(apps, schema_editor):
    roles_sync(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_roles"),
        ("reviews", "0003_export_permissions"),
    ]
    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
