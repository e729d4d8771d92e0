"""The notification queries (``adviesraad.notifications.selectors``): always the asking
person's own notifications."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from adviesraad.notifications import selectors
from adviesraad.notifications.models import Delivery
from tests.factories.background import NotificationFactory
from tests.factories.members import UserFactory

pytestmark = pytest.mark.django_db


def test_the_list_holds_only_your_own_notifications_with_what_the_page_shows_in_one_query(
    member, other_member, django_assert_num_queries
):
    mine = [NotificationFactory(recipient=member) for _ in range(3)]
    NotificationFactory(recipient=other_member)
    with django_assert_num_queries(1):
        rows = [
            (n.pk, n.kind, n.title, n.url, n.created_at, n.read_at, n.recipient_id)
            for n in selectors.notification_list(user=member)
        ]
    assert [r[0] for r in rows] == [n.pk for n in reversed(mine)]
    assert {r[6] for r in rows} == {member.pk}


def test_the_unread_count_leaves_out_read_ones_and_other_peoples(member, other_member):
    NotificationFactory(recipient=member)
    NotificationFactory(recipient=member)
    NotificationFactory(recipient=member, read_at=timezone.now())
    NotificationFactory(recipient=other_member)
    assert selectors.unread_count(user=member) == 2


def test_someone_not_logged_in_has_no_unread_notifications(django_assert_num_queries):
    class NoUser:
        pass

    with django_assert_num_queries(0):
        assert selectors.unread_count(user=AnonymousUser()) == 0
        assert selectors.unread_count(user=NoUser()) == 0


def test_digest_recipients_are_active_people_with_undigested_digest_notifications_once_each():
    waiting = UserFactory()
    NotificationFactory(recipient=waiting, delivery=Delivery.DIGEST)
    NotificationFactory(recipient=waiting, delivery=Delivery.DIGEST)
    digested = UserFactory()
    NotificationFactory(recipient=digested, delivery=Delivery.DIGEST, digested_at=timezone.now())
    by_email = UserFactory()
    NotificationFactory(recipient=by_email, delivery=Delivery.EMAIL)
    gone = UserFactory(is_active=False)
    NotificationFactory(recipient=gone, delivery=Delivery.DIGEST)
    assert list(selectors.digest_recipients()) == [waiting]
