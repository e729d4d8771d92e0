"""The member form's guards (issue 14 finding 5).

- It never touches staff or superuser accounts: those are managed in the admin, so the
  secretary cannot change their address and take them over with a password reset.
- One person cannot both check and approve declarations: the roles Secretariaat and
  Penningmeester are never given to the same person. Role changes are in the audit log.
"""

import pytest
from django.urls import reverse

from adviesraad.models import AuditEntry
from members import services
from members.models import User
from tests.factories.members import role_user

pytestmark = pytest.mark.django_db
CONFLICT = "Eén persoon kan niet tegelijk secretaris en penningmeester zijn"


def _form_data(user, **changes):
    data = {
        "first_name": user.first_name or "Voor",
        "last_name": user.last_name or "Achter",
        "email": user.email,
        "phone": "",
        "organisation": "",
        "joined_on": "",
        "roles": user.role_names(),
    }
    data.update(changes)
    return data


@pytest.fixture(params=["superuser", "staff"])
def admin_account(request, db):
    return role_user(
        "Leden",
        email=f"{request.param}@test.example",
        first_name="Beheer",
        last_name="Account",
        is_staff=True,
        is_superuser=request.param == "superuser",
    )


def test_the_member_form_does_not_open_for_an_admin_account(client, secretary, admin_account):
    client.force_login(secretary)
    url = reverse("members:update", kwargs={"pk": admin_account.pk})
    assert client.get(url).status_code == 404


def test_the_secretary_cannot_change_an_admin_accounts_address(client, secretary, admin_account):
    client.force_login(secretary)
    response = client.post(
        reverse("members:update", kwargs={"pk": admin_account.pk}),
        _form_data(admin_account, email="overname@test.example"),
    )
    assert response.status_code == 404
    admin_account.refresh_from_db()
    assert admin_account.email != "overname@test.example"


def test_the_secretary_cannot_deactivate_an_admin_account(client, secretary, admin_account):
    client.force_login(secretary)
    response = client.post(reverse("members:toggle_active", kwargs={"pk": admin_account.pk}))
    assert response.status_code == 404
    admin_account.refresh_from_db()
    assert admin_account.is_active and admin_account.has_usable_password()


def test_the_service_refuses_an_admin_account_too(secretary, admin_account):
    with pytest.raises(services.MemberError):
        services.member_update(
            member=admin_account,
            by=secretary,
            data={"email": "overname@test.example"},
            role_names=["Leden"],
        )
    admin_account.refresh_from_db()
    assert admin_account.email != "overname@test.example"


def test_ordinary_members_are_still_edited(client, secretary, member):
    client.force_login(secretary)
    response = client.post(
        reverse("members:update", kwargs={"pk": member.pk}),
        _form_data(member, phone="0612345678"),
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.phone == "0612345678"


def test_the_secretary_cannot_make_herself_treasurer(client, secretary):
    client.force_login(secretary)
    response = client.post(
        reverse("members:update", kwargs={"pk": secretary.pk}),
        _form_data(secretary, roles=["Secretariaat", "Penningmeester"], phone="0611111111"),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert CONFLICT in body
    assert "0611111111" in body  # what was typed is kept
    form = response.context["form"]
    assert form.errors["roles"]
    secretary.refresh_from_db()
    assert secretary.role_names() == ["Secretariaat"] and secretary.phone == ""
    assert not AuditEntry.objects.filter(action="member.roles_changed").exists()


def test_nobody_gets_both_roles_from_the_form(client, secretary, treasurer):
    client.force_login(secretary)
    response = client.post(
        reverse("members:update", kwargs={"pk": treasurer.pk}),
        _form_data(treasurer, roles=["Leden", "Penningmeester", "Secretariaat"]),
    )
    assert response.status_code == 200 and CONFLICT in response.content.decode()
    treasurer.refresh_from_db()
    assert "Secretariaat" not in treasurer.role_names()


def test_a_new_member_cannot_start_with_both_roles(client, secretary):
    client.force_login(secretary)
    response = client.post(
        reverse("members:create"),
        {
            "first_name": "Nina",
            "last_name": "Nieuw",
            "email": "nina@test.example",
            "roles": ["Secretariaat", "Penningmeester"],
            "term_role": "member",
        },
    )
    assert response.status_code == 200 and CONFLICT in response.content.decode()
    assert not User.objects.filter(email="nina@test.example").exists()


def test_the_services_refuse_both_roles(secretary, member):
    with pytest.raises(services.MemberError) as refused:
        services.member_update(
            member=member, by=secretary, data={}, role_names=["Penningmeester", "Secretariaat"]
        )
    assert refused.value.field == "roles"
    with pytest.raises(services.MemberError):
        services.member_create(
            by=secretary,
            email="x@test.example",
            first_name="X",
            last_name="Y",
            role_names=["Secretariaat", "Penningmeester"],
        )


def test_a_role_change_through_the_form_is_in_the_audit_log(client, secretary, member):
    client.force_login(secretary)
    client.post(
        reverse("members:update", kwargs={"pk": member.pk}),
        _form_data(member, roles=["Leden", "Penningmeester"]),
    )
    entry = AuditEntry.objects.get(action="member.roles_changed")
    assert entry.actor == secretary and entry.object_id == str(member.pk)
    assert entry.data == {"from": ["Leden"], "to": ["Leden", "Penningmeester"]}
