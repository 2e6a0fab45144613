"""A GIN index for the article search's full-text match on the body, on PostgreSQL.

The expression is the one ``articles.selectors`` queries (``SearchVector("body",
config="english")``), so the planner can use it. SQLite searches bodies with LIKE instead.
"""

from django.db import migrations

INDEX = "article_body_search_idx"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON articles_article "
        "USING gin (to_tsvector('english'::regconfig, COALESCE(body, '')))"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_import_formats_versions")]
    operations = [migrations.RunPython(create_index, drop_index)]
