import pytest
from django.urls import reverse

from adviesraad.notifications.models import Delivery, NotificationPreference
from tests.factories.background import NotificationFactory

pytestmark = pytest.mark.django_db


def test_list_requires_log_in(client):
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_list_shows_only_your_own_notifications(client, member, other_member):
    NotificationFactory(recipient=member, title="Voor mij")
    NotificationFactory(recipient=other_member, title="Voor een ander")
    client.force_login(member)
    body = client.get(reverse("notifications:list")).content.decode()
    assert "Voor mij" in body
    assert "Voor een ander" not in body
    assert "1 melding" in body


def test_bell_shows_the_unread_count(client, member):
    NotificationFactory.create_batch(3, recipient=member)
    NotificationFactory(recipient=member, read_at="2025-01-01T10:00:00Z")
    client.force_login(member)
    body = client.get(reverse("dashboard")).content.decode()
    assert 'id="bell-count"' in body
    assert "(3 ongelezen)" in body


def test_filter_unread(client, member):
    NotificationFactory(recipient=member, title="Nog open")
    NotificationFactory(recipient=member, title="Al gezien", read_at="2025-01-01T10:00:00Z")
    client.force_login(member)
    body = client.get(reverse("notifications:list"), {"status": "unread"}).content.decode()
    assert "Nog open" in body and "Al gezien" not in body


def test_empty_state(client, member):
    client.force_login(member)
    body = client.get(reverse("notifications:list")).content.decode()
    assert "Er zijn geen meldingen." in body


def test_mark_read_by_normal_post(client, member):
    n = NotificationFactory(recipient=member)
    client.force_login(member)
    response = client.post(reverse("notifications:read", args=[n.pk]))
    assert response.status_code == 302
    n.refresh_from_db()
    assert n.read_at is not None


def test_mark_read_by_htmx_returns_the_row_and_announces_it(client, member):
    n = NotificationFactory(recipient=member, title="Vergadering morgen")
    NotificationFactory(recipient=member)
    client.force_login(member)
    response = client.post(reverse("notifications:read", args=[n.pk]), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert f'id="melding-{n.pk}"' in body
    assert 'aria-live="polite"' in body and "als gelezen gemarkeerd" in body
    assert 'hx-swap-oob="true"' in body and "(1 ongelezen)" in body


def test_mark_read_of_someone_elses_is_404(client, member, other_member):
    theirs = NotificationFactory(recipient=other_member)
    client.force_login(member)
    assert client.post(reverse("notifications:read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_read_is_post_only(client, member):
    n = NotificationFactory(recipient=member)
    client.force_login(member)
    assert client.get(reverse("notifications:read", args=[n.pk])).status_code == 405


def test_mark_all_read(client, member, other_member):
    NotificationFactory.create_batch(2, recipient=member)
    theirs = NotificationFactory(recipient=other_member)
    client.force_login(member)
    client.post(reverse("notifications:read_all"))
    assert not member.notifications.filter(read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_preferences_page_saves_a_choice_per_kind(client, member):
    client.force_login(member)
    response = client.get(reverse("notifications:preferences"))
    assert "Vergadering morgen" in response.content.decode()
    data = {k: Delivery.EMAIL for k in response.context["form"].fields}
    data["meeting_tomorrow"] = Delivery.DIGEST
    data["is_staff"] = "on"  # extra fields change nothing
    response = client.post(reverse("notifications:preferences"), data)
    assert response.status_code == 302
    assert (
        NotificationPreference.objects.get(user=member, kind="meeting_tomorrow").delivery
        == Delivery.DIGEST
    )
    member.refresh_from_db()
    assert not member.is_staff


def test_preferences_page_shows_errors_and_keeps_input(client, member):
    client.force_login(member)
    response = client.post(reverse("notifications:preferences"), {"meeting_tomorrow": "sms"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not NotificationPreference.objects.exists()


@pytest.mark.parametrize("n", [1, 10])
def test_list_query_count_is_pinned(client, member, django_assert_num_queries, n):
    NotificationFactory.create_batch(n, recipient=member)
    client.force_login(member)
    client.get(reverse("notifications:list"))
    # session, user, count, page; permissions (user and groups), council settings, unread count
    with django_assert_num_queries(8):
        response = client.get(reverse("notifications:list"))
    assert response.context["paginator"].count == n


@pytest.mark.parametrize("n", [1, 10])
def test_preferences_query_count_is_pinned(client, member, django_assert_num_queries, n):
    for i in range(n):
        NotificationFactory(recipient=member, kind=f"custom_{i}")
    client.force_login(member)
    client.get(reverse("notifications:preferences"))
    # 4 for the page + 4 on every logged-in page: permissions (user, groups), council, unread
    with django_assert_num_queries(8):
        client.get(reverse("notifications:preferences"))
