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
    """Roles after a transactional test's flush: the shared ``tests.conftest.restore_roles``."""
    from django.contrib.auth.models import Group

    from tests.conftest import restore_roles

    group = Group.objects.filter(name="Secretariaat").first()
    if not (group and group.permissions.filter(codename="manage_advice").exists()):
        restore_roles()


@pytest.fixture
def roles_ready(transactional_db):
    ensure_roles()
