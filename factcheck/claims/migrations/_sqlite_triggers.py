"""SQLite cannot add a NOT NULL column in place: Django rebuilds the claims table, and the
status count triggers of migration 0002 go with the old table. A migration that adds such
a column to ``claims_claim`` runs ``restore_status_count_triggers`` after it."""

import importlib

STATUS_COUNTS = importlib.import_module("factcheck.claims.migrations.0002_claim_status_counts")


def restore_status_count_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in STATUS_COUNTS.SQLITE:
        schema_editor.execute(
            statement.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1)
        )
