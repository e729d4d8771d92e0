"""Public search finds the parts of compound words (issue 13, item 12; ``adviezen.search``).

PostgreSQL only: the pg_trgm extension and a trigram GIN index on the lower-cased title,
summary and text (``search.SEARCH_TEXT_SQL``), so that ``LIKE '%schuld%'`` is answered from an
index. SQLite gets nothing (it matches in Python on a bounded candidate set).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEX = (
    "CREATE INDEX IF NOT EXISTS advice_search_text_trgm ON adviezen_advice USING gin (("
    "lower(coalesce(title, '') || ' ' || coalesce(summary, '') || ' ' "
    "|| coalesce(final_text, ''))) gin_trgm_ops)"
)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS advice_search_text_trgm", params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("adviezen", "0006_ballot_tally"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(forward, backward),
    ]
