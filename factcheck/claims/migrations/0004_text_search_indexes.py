"""Trigram indexes for the triage queue's text and speaker filters on PostgreSQL.

``icontains`` becomes ``UPPER(column) LIKE UPPER('%words%')``: without these GIN indexes it
reads every claim. SQLite has no GIN indexes and keeps scanning, which is fine at its scale.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = {
    "claim_text_trgm_idx": "text",
    "claim_speaker_trgm_idx": "speaker",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON claims_claim "
            f"USING gin (UPPER({column}) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("claims", "0003_canonical_restrict")]
    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
