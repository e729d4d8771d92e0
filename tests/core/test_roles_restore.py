import pytest
from django.contrib.auth.models import Group

from tests.conftest import restore_roles


@pytest.mark.django_db
def test_restore_roles_recreates_groups_and_permissions_after_a_flush():
    before = {
        g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()
    }
    Group.objects.all().delete()
    restore_roles()
    after = {
        g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()
    }
    assert after == before
    assert "manage_members" in after["Secretariaat"]
