"""members 0009 / adviezen 0010: the saved choice to publish the college's request letters
moves from its own one-row model to the council settings, and back when undone."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("members", "0008_opendata_settings"), ("adviezen", "0009_opendata_dossier_public")]
AFTER = [
    ("members", "0009_publish_requests"),
    ("adviezen", "0010_publication_settings_in_council_settings"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("saved", [True, False])
def test_the_saved_choice_is_copied_to_the_council_settings_and_back(saved):
    try:
        old = _migrate(BEFORE)
        old.get_model("adviezen", "PublicationSettings").objects.create(
            pk=1, publish_requests=saved
        )
        new = _migrate(AFTER)
        council = new.get_model("members", "CouncilSettings").objects.filter(pk=1).first()
        assert (council.publish_requests if council else False) is saved

        old = _migrate(BEFORE)
        row = old.get_model("adviezen", "PublicationSettings").objects.filter(pk=1).first()
        assert (row.publish_requests if row else False) is saved
    finally:
        _migrate(AFTER)
