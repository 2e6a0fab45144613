"""The article search's indexes on PostgreSQL: the body's words kept in a stored column,
and trigram indexes for the title, outlet and author.

Migration 0003 indexed the expression ``to_tsvector('english', body)``. A word found in
most articles makes PostgreSQL skip that index and compute every body's tsvector again
(17 s at 100,000 articles); a stored generated column is computed once, when the body is
written. ``icontains`` on the other fields becomes ``UPPER(column) LIKE UPPER('%words%')``,
which the trigram indexes serve, so the whole search is one bitmap of index scans.
The column is PostgreSQL's own (the model does not name it: SQLite, without full-text
types, searches bodies with LIKE); ``articles.selectors`` reads it.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

COLUMN = "body_search"
TRIGRAM_INDEXES = {
    "article_title_trgm_idx": "title",
    "article_outlet_trgm_idx": "outlet",
    "article_author_trgm_idx": "author",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS article_body_search_idx")
    schema_editor.execute(
        f"ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS {COLUMN} tsvector "
        "GENERATED ALWAYS AS (to_tsvector('english'::regconfig, COALESCE(body, ''))) STORED"
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS article_{COLUMN}_idx ON articles_article USING gin ({COLUMN})"
    )
    for name, column in TRIGRAM_INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON articles_article "
            f"USING gin (UPPER({column}) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    schema_editor.execute(f"ALTER TABLE articles_article DROP COLUMN IF EXISTS {COLUMN}")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS article_body_search_idx ON articles_article "
        "USING gin (to_tsvector('english'::regconfig, COALESCE(body, '')))"
    )


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_body_search_index")]
    operations = [TrigramExtension(), migrations.RunPython(create, drop)]
