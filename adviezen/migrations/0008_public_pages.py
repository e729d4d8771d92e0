"""The public pages (issue 13, items 12 and 13; issue 17, item 1).

* ``PublicationSettings``: the council's choice to publish the college's request letters
  (default off).
* Public search finds the parts of compound words (``adviezen.search``): PostgreSQL only,
  the pg_trgm extension and a trigram GIN index on the lower-cased title, summary and text
  (``search.SEARCH_TEXT_SQL``), so that ``LIKE '%schuld%'`` is answered from an index.
  SQLite gets nothing (it matches in Python on a bounded candidate set).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

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
        migrations.CreateModel(
            name="PublicationSettings",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "publish_requests",
                    models.BooleanField(
                        default=False,
                        help_text="Als dit aan staat, staat bij een gepubliceerd gevraagd advies "
                        "ook de brief waarin het college om advies vroeg, als download op de "
                        "website.",
                        verbose_name="adviesaanvragen van het college publiceren",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name": "publicatie-instellingen",
                "verbose_name_plural": "publicatie-instellingen",
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("id", 1)), name="publication_settings_single_row"
                    )
                ],
            },
        ),
        TrigramExtension(),
        migrations.RunPython(forward, backward),
    ]
