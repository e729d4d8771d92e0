import datetime

import pytest
from django.contrib.auth.models import Group

from adviesraad.models import AppendOnlyError, AuditEntry
from members import services
from members.models import CouncilSettings, Term
from members.services import MemberError
from tests.factories.members import TermFactory, WorkingGroupFactory, role_user

D = datetime.date
pytestmark = pytest.mark.django_db


def test_roles_migration_creates_the_five_groups_with_permissions():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Secretariaat", "Voorzitter", "Leden", "Penningmeester", "Bestuursadviseurs"} <= names
    secretariaat = Group.objects.get(name="Secretariaat")
    codes = set(secretariaat.permissions.values_list("codename", flat=True))
    assert {
        "manage_members",
        "view_directory",
        "manage_council_settings",
        "view_audit_log",
    } <= codes
    leden = set(Group.objects.get(name="Leden").permissions.values_list("codename", flat=True))
    assert "manage_members" not in leden and "view_directory" in leden
    assert (
        not Group.objects.get(name="Bestuursadviseurs")
        .permissions.filter(codename="manage_members")
        .exists()
    )


def test_member_create_records_audit_and_roles(secretary):
    user = services.member_create(
        by=secretary,
        email="Nieuw@Test.Example",
        first_name="Nina",
        last_name="Nieuw",
        role_names=["Leden"],
    )
    assert user.email == "nieuw@test.example"
    assert user.role_names() == ["Leden"]
    entry = AuditEntry.objects.get(action="member.created")
    assert entry.actor == secretary and entry.object_id == str(user.pk)


def test_member_create_refuses_duplicate_email_case_insensitive(secretary):
    services.member_create(
        by=secretary, email="a@test.example", first_name="A", last_name="B", role_names=[]
    )
    with pytest.raises(MemberError, match="bestaat al"):
        services.member_create(
            by=secretary, email="A@TEST.example", first_name="A", last_name="B", role_names=[]
        )


def test_role_change_is_audited(secretary, member):
    services.member_update(
        member=member, by=secretary, data={}, role_names=["Leden", "Penningmeester"]
    )
    entry = AuditEntry.objects.get(action="member.roles_changed")
    assert entry.data == {"from": ["Leden"], "to": ["Leden", "Penningmeester"]}


def test_update_audits_the_changed_fields_but_never_their_values(secretary, member):
    services.member_update(
        member=member,
        by=secretary,
        data={"iban": "NL91ABNA0417164300", "phone": "0612345678", "first_name": member.first_name},
        role_names=member.role_names(),
    )
    entry = AuditEntry.objects.get(action="member.updated")
    assert entry.data == {"fields": ["iban", "phone"]}
    assert "0417" not in str(entry.data) and "0612" not in str(entry.data)


def test_term_create_uses_council_term_length_and_sequence(secretary, member):
    term = services.term_create(member=member, by=secretary, start=D(2024, 1, 1))
    assert term.end == D(2027, 12, 31) and term.sequence == 1
    second = services.term_create(member=member, by=secretary, start=D(2028, 1, 1))
    assert second.sequence == 2


def test_term_beyond_maximum_is_refused_with_clear_message(secretary, member):
    services.term_create(member=member, by=secretary, start=D(2016, 1, 1))
    services.term_create(member=member, by=secretary, start=D(2020, 1, 1))
    with pytest.raises(MemberError, match="maximum van 2 termijnen"):
        services.term_create(member=member, by=secretary, start=D(2024, 1, 1))
    assert member.terms.count() == 2


def test_max_terms_comes_from_council_settings(secretary, member):
    CouncilSettings.objects.update_or_create(pk=1, defaults={"max_terms": 1})
    services.term_create(member=member, by=secretary, start=D(2020, 1, 1))
    with pytest.raises(MemberError, match="maximum van 1 termijnen"):
        services.term_create(member=member, by=secretary, start=D(2024, 1, 1))


def test_overlapping_term_is_refused(secretary, member):
    services.term_create(member=member, by=secretary, start=D(2024, 1, 1))
    with pytest.raises(MemberError, match="overlapt"):
        services.term_create(member=member, by=secretary, start=D(2027, 12, 31))


def test_end_before_start_is_refused(secretary, member):
    with pytest.raises(MemberError, match="vóór het begin"):
        services.term_create(member=member, by=secretary, start=D(2024, 1, 1), end=D(2023, 12, 31))
    assert not Term.objects.exists()


def test_term_longer_than_term_length_is_refused(secretary, member):
    with pytest.raises(MemberError, match="hoogstens 4 jaar"):
        services.term_create(member=member, by=secretary, start=D(2024, 1, 1), end=D(2028, 1, 1))


def test_tenth_member_seat_is_refused_when_nine_are_seated(secretary):
    for _ in range(9):
        TermFactory(start=D(2025, 1, 1), end=D(2028, 12, 31))
    newcomer = role_user("Leden")
    with pytest.raises(MemberError, match="alle 9 zetels"):
        services.term_create(member=newcomer, by=secretary, start=D(2026, 1, 1))
    # ...but a chair seat is separate and still free.
    services.term_create(member=newcomer, by=secretary, start=D(2026, 1, 1), role=Term.Role.CHAIR)


def test_seat_frees_up_the_day_after_a_term_ends(secretary):
    for _ in range(8):
        TermFactory(start=D(2025, 1, 1), end=D(2028, 12, 31))
    TermFactory(start=D(2022, 1, 1), end=D(2025, 12, 31))
    newcomer = role_user("Leden")
    with pytest.raises(MemberError):
        services.term_create(member=newcomer, by=secretary, start=D(2025, 12, 31))
    assert services.term_create(member=newcomer, by=secretary, start=D(2026, 1, 1)).sequence == 1


def test_term_end_early(secretary, member):
    term = services.term_create(member=member, by=secretary, start=D(2024, 1, 1))
    services.term_end_early(term=term, by=secretary, end=D(2025, 6, 30))
    term.refresh_from_db()
    assert term.end == D(2025, 6, 30) and term.ended_early
    with pytest.raises(MemberError):
        services.term_end_early(term=term, by=secretary, end=D(2030, 1, 1))


def test_deactivate_ends_sessions_and_blocks_login(client, secretary, member):
    client.force_login(member)
    assert client.get("/leden/").status_code == 200
    services.member_deactivate(member=member, by=secretary)
    response = client.get("/leden/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.post(
        "/accounts/login/", {"username": member.email, "password": "pw-Adviesraad-2026"}
    )
    assert response.status_code == 200
    assert client.get("/leden/").status_code == 302


def test_temporary_membership_and_no_double_membership(secretary, member):
    group = WorkingGroupFactory()
    services.membership_add(
        group=group, member=member, by=secretary, start=D(2026, 1, 1), end=D(2026, 3, 31)
    )
    with pytest.raises(MemberError, match="al lid"):
        services.membership_add(group=group, member=member, by=secretary, start=D(2026, 3, 1))
    services.membership_add(group=group, member=member, by=secretary, start=D(2026, 4, 1))
    with pytest.raises(MemberError, match="vóór de begindatum"):
        services.membership_add(
            group=WorkingGroupFactory(),
            member=member,
            by=secretary,
            start=D(2026, 4, 1),
            end=D(2026, 1, 1),
        )


def test_audit_log_is_append_only(secretary):
    services.member_create(
        by=secretary, email="x@test.example", first_name="X", last_name="Y", role_names=[]
    )
    entry = AuditEntry.objects.first()
    entry.action = "tampered"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.update(action="x")


@pytest.mark.postgres
def test_audit_log_refuses_update_in_the_database(secretary):
    from django.db import connection, transaction
    from django.db.utils import DatabaseError

    services.member_create(
        by=secretary, email="x@test.example", first_name="X", last_name="Y", role_names=[]
    )
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cur,
    ):
        cur.execute("UPDATE adviesraad_auditentry SET action = 'tampered'")


def test_council_settings_update_is_read_at_once(secretary, django_capture_on_commit_callbacks):
    from members.selectors import council_settings_get

    assert council_settings_get().max_members == 9
    with django_capture_on_commit_callbacks(execute=True):
        services.council_settings_update(by=secretary, data={"max_members": 7})
    assert council_settings_get().max_members == 7
    assert AuditEntry.objects.filter(
        action="council_settings.updated", data__fields=["max_members"]
    ).exists()


def test_permissions_follow_role_changes_at_once(client, member, secretary):
    client.force_login(member)
    assert client.get("/leden/nieuw/").status_code == 403
    services.member_update(
        member=member, by=secretary, data={}, role_names=["Leden", "Secretariaat"]
    )
    assert client.get("/leden/nieuw/").status_code == 200
    member.groups.clear()
    assert client.get("/leden/").status_code == 403
