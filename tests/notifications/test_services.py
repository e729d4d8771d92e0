import datetime

import pytest
from django.core import mail

from adviesraad.notifications import selectors, services
from adviesraad.notifications.models import Delivery, DigestSent, Notification
from adviesraad.notifications.tasks import send_digests, send_notification_email
from tests.factories.background import NotificationFactory

pytestmark = pytest.mark.django_db


def test_notify_by_email_sends_dutch_html_and_text_after_commit(
    member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        n = services.notify(
            recipient=member, kind="general", title="Agenda staat klaar <script>", url="/dashboard/"
        )
    assert n.delivery == Delivery.EMAIL
    assert len(mail.outbox) == 1
    msg = mail.outbox[0]
    assert msg.to == [member.email]
    assert msg.subject == "Agenda staat klaar <script>"
    assert "Beste Fatima" in msg.body
    html = msg.alternatives[0][0]
    assert "&lt;script&gt;" in html and "<script>" not in html
    n.refresh_from_db()
    assert n.emailed_at is not None


def test_the_email_task_sends_once_however_often_it_runs(
    member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        n = services.notify(recipient=member, kind="general", title="Eén keer")
    send_notification_email.apply(args=[n.pk])
    send_notification_email.apply(args=[n.pk])
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("delivery", [Delivery.DIGEST, Delivery.APP])
def test_digest_and_app_only_send_no_immediate_email(
    member, delivery, django_capture_on_commit_callbacks
):
    services.preferences_save(user=member, choices={"general": delivery})
    with django_capture_on_commit_callbacks(execute=True):
        n = services.notify(recipient=member, kind="general", title="Stil")
    assert n.delivery == delivery
    assert mail.outbox == []


def test_daily_digest_goes_out_once_per_day_with_every_waiting_notification(member, other_member):
    services.preferences_save(user=member, choices={"general": Delivery.DIGEST})
    for i in range(3):
        services.notify(recipient=member, kind="general", title=f"Punt {i}", url="/dashboard/")
    services.notify(recipient=other_member, kind="general", title="Direct")  # e-mail, not digest
    assert send_digests.apply().result == 1
    assert send_digests.apply().result == 0
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert all(f"Punt {i}" in body for i in range(3))
    assert "3 meldingen" in mail.outbox[0].subject
    assert DigestSent.objects.get().count == 3


def test_digest_twice_on_one_day_sends_once_even_with_new_notifications(member):
    services.preferences_save(user=member, choices={"general": Delivery.DIGEST})
    day = datetime.date(2025, 3, 30)
    services.notify(recipient=member, kind="general", title="A")
    assert services.digest_send(user=member, day=day) == 1
    services.notify(recipient=member, kind="general", title="B")
    assert services.digest_send(user=member, day=day) == 0
    assert services.digest_send(user=member, day=day + datetime.timedelta(days=1)) == 1
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    "url,kept",
    [
        ("/intern/adviezen/1/", "/intern/adviezen/1/"),
        ("https://evil.example/", ""),
        ("//evil.example/", ""),
        ("javascript:alert(1)", ""),
    ],
)
def test_only_links_inside_the_site_are_kept(member, url, kept):
    n = services.notify(recipient=member, kind="general", title="Link", url=url)
    assert n.url == kept


def test_inactive_people_get_no_notifications(member):
    member.is_active = False
    member.save()
    assert services.notify(recipient=member, kind="general", title="Weg") is None
    assert not Notification.objects.exists()


def test_mark_read_only_touches_your_own(member, other_member):
    mine = NotificationFactory(recipient=member)
    theirs = NotificationFactory(recipient=other_member)
    services.notification_mark_read(user=member, notification_id=mine.pk)
    with pytest.raises(Notification.DoesNotExist):
        services.notification_mark_read(user=member, notification_id=theirs.pk)
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert selectors.unread_count(user=member) == 0


def test_unread_count_follows_a_notification_arriving_or_being_read(member):
    assert selectors.unread_count(user=member) == 0
    n = services.notify(recipient=member, kind="general", title="Nieuw")
    assert selectors.unread_count(user=member) == 1
    services.notification_mark_read(user=member, notification_id=n.pk)
    assert selectors.unread_count(user=member) == 0
    services.notify(recipient=member, kind="general", title="Nog een")
    services.notification_mark_all_read(user=member)
    assert selectors.unread_count(user=member) == 0


def test_preferences_refuse_an_unknown_delivery(member):
    with pytest.raises(services.NotificationError):
        services.preferences_save(user=member, choices={"general": "sms"})
