"""pg_trgm and a GIN trigram index on the match key, on PostgreSQL only.

SQLite has neither: there, ``matching.selectors`` narrows candidates another way.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEX = "fingerprint_match_key_trgm_idx"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON matching_claimfingerprint "
            "USING gin (match_key gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
