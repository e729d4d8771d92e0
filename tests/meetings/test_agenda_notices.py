"""An agenda is sent → the members are told in the app with a link to the meeting, and by
e-mail as each chose; the agenda e-mail itself is that e-mail (issue 13, defect 5)."""

import pytest
from django.core import mail
from django.urls import reverse

from adviesraad.notifications.models import Notification, NotificationPreference
from adviesraad.notifications.services import digest_send
from meetings import services
from tests.factories.meetings import AgendaItemFactory, MeetingFactory
from tests.factories.members import active_member, role_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(db):
    return {
        "email": active_member(email="mail@test.example"),
        "digest": active_member(email="digest@test.example"),
        "app": active_member(email="app@test.example"),
    }


@pytest.fixture
def meeting(db):
    m = MeetingFactory(title="Plenaire vergadering september")
    AgendaItemFactory(meeting=m, title="Wmo")
    return m


def _choose(person, delivery):
    NotificationPreference.objects.create(user=person, kind="agenda_sent", delivery=delivery)


def test_each_member_is_told_once_in_the_app_with_a_link(
    council, meeting, secretary, django_capture_on_commit_callbacks
):
    role_user("Leden", email="zonder-termijn@test.example")  # no term: not told
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_pack_send(meeting=meeting, by=secretary)
    rows = list(Notification.objects.values_list("recipient_id", "kind", "url"))
    url = reverse("meetings:detail", args=[meeting.pk])
    assert sorted(rows) == sorted((p.pk, "agenda_sent", url) for p in council.values())
    title = Notification.objects.first().title
    assert title.startswith("De agenda voor Plenaire vergadering september op ")
    # by default everyone wants it by e-mail: the agenda e-mail, and no second e-mail
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in council.values())
    assert all(m.subject.startswith("Agenda") for m in mail.outbox)


def test_the_agenda_e_mail_follows_each_members_choice(
    council, meeting, secretary, django_capture_on_commit_callbacks
):
    _choose(council["digest"], "digest")
    _choose(council["app"], "app")
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_pack_send(meeting=meeting, by=secretary)
    assert [m.to[0] for m in mail.outbox] == ["mail@test.example"]
    deliveries = dict(Notification.objects.values_list("recipient__email", "delivery"))
    assert deliveries == {
        "mail@test.example": "email",
        "digest@test.example": "digest",
        "app@test.example": "app",
    }
    # the digest choice finds the notice in the daily digest, with the link
    import datetime

    mail.outbox.clear()
    assert digest_send(user=council["digest"], day=datetime.date.today()) == 1
    assert mail.outbox[0].to == ["digest@test.example"]
    assert reverse("meetings:detail", args=[meeting.pk]) in mail.outbox[0].body
    assert digest_send(user=council["app"], day=datetime.date.today()) == 0


def test_sending_a_changed_agenda_tells_them_again(
    council, meeting, secretary, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_pack_send(meeting=meeting, by=secretary)
    AgendaItemFactory(meeting=meeting, title="Nieuw punt")
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_pack_send(meeting=meeting, by=secretary)
    assert Notification.objects.count() == 6
    assert Notification.objects.filter(title__startswith="De gewijzigde agenda").count() == 3


def test_a_refused_sending_tells_nobody(council, secretary):
    from meetings.services import MeetingError

    empty = MeetingFactory()
    with pytest.raises(MeetingError):
        services.agenda_pack_send(meeting=empty, by=secretary)
    assert not Notification.objects.exists()
