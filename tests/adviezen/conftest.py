import datetime

import pytest
from django.utils import timezone

from adviezen import services
from members.models import CouncilSettings
from tests.factories.members import TermFactory


@pytest.fixture
def council(db):
    cs, _ = CouncilSettings.objects.get_or_create(pk=1)
    cs.college_email = "college@gemeente.example"
    cs.advisors_email = "adviseurs@gemeente.example"
    cs.save()
    return cs


@pytest.fixture
def voters(db, chair, member, other_member):
    """Chair and two members with a term covering today: three eligible voters."""
    TermFactory(member=chair, role="chair")
    TermFactory(member=member)
    TermFactory(member=other_member)
    return [chair, member, other_member]


@pytest.fixture
def draft_advice(db, secretary, member, council):
    advice = services.advice_create(
        by=secretary,
        title="Toegang tot de stadspas",
        origin="requested",
        kind="formal",
        domain="inkomen",
        request_date=datetime.date.today() - datetime.timedelta(days=10),
        deadline=datetime.date.today() + datetime.timedelta(days=20),
    )
    services.advice_transition(advice=advice, by=secretary, to="preparation")
    services.advice_version_add(
        advice=advice,
        by=member,
        text="Eerste alinea.\n\nTweede alinea.",
        change_note="Eerste opzet",
    )
    advice.refresh_from_db()
    return advice


def written_deadline(days=7):
    return timezone.now() + datetime.timedelta(days=days)


def ensure_roles():
    """Re-create the role groups and their permissions after a transactional test flushed them.

    Runs the data migrations' functions on the migration state's app registry (not the global
    one), so nothing of the running app registry changes.
    """
    import importlib

    from django.contrib.auth.models import Group
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    group = Group.objects.filter(name="Secretariaat").first()
    if group and group.permissions.filter(codename="manage_advice").exists():
        return
    state_apps = MigrationLoader(connection).project_state().apps
    importlib.import_module("members.migrations.0002_roles").create_roles(state_apps, None)
    importlib.import_module("adviezen.migrations.0002_roles").grant_roles(state_apps, None)


@pytest.fixture
def roles_ready(transactional_db):
    ensure_roles()
