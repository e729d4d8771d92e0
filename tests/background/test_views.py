import pytest
from django.urls import reverse

from adviesraad.background.models import OutboxMessage
from tests.factories.background import (
    NotificationFactory,
    OutboxMessageFactory,
    ReminderSentFactory,
)

pytestmark = pytest.mark.django_db


def test_anonymous_goes_to_log_in(client):
    response = client.get(reverse("background:list"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", ["member", "chair", "treasurer", "advisor"])
def test_only_the_secretary_sees_background_work(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("background:list")).status_code == 403


def test_secretary_sees_tasks_emails_and_reminders_with_state(client, secretary):
    OutboxMessageFactory(
        task_name="budget.tasks.export_pdf", state=OutboxMessage.State.FAILED, last_error="Boem"
    )
    NotificationFactory(title="Mail over de agenda", delivery="email")
    ReminderSentFactory(subject="Vergadering morgen")
    client.force_login(secretary)
    body = client.get(reverse("background:list")).content.decode()
    assert "budget.tasks.export_pdf" in body
    assert "mislukt" in body and "Boem" in body
    assert "Opnieuw proberen" in body
    assert "Mail over de agenda" in body
    assert "Vergadering morgen" in body


def test_filter_by_state(client, secretary):
    OutboxMessageFactory(task_name="a.tasks.failed_one", state=OutboxMessage.State.FAILED)
    OutboxMessageFactory(task_name="a.tasks.fine_one", state=OutboxMessage.State.SUCCEEDED)
    client.force_login(secretary)
    body = client.get(reverse("background:list"), {"state": "failed"}).content.decode()
    assert "failed_one" in body and "fine_one" not in body


def test_retry_is_post_only_and_needs_the_permission(client, member, secretary):
    failed = OutboxMessageFactory(state=OutboxMessage.State.FAILED)
    client.force_login(member)
    assert client.post(reverse("background:retry", args=[failed.pk])).status_code == 403
    client.force_login(secretary)
    assert client.get(reverse("background:retry", args=[failed.pk])).status_code == 405
    failed.refresh_from_db()
    assert failed.state == OutboxMessage.State.FAILED


def test_retry_of_a_task_that_did_not_fail_shows_a_message(client, secretary):
    done = OutboxMessageFactory(state=OutboxMessage.State.SUCCEEDED)
    client.force_login(secretary)
    response = client.post(reverse("background:retry", args=[done.pk]), follow=True)
    assert "Alleen een mislukte taak" in response.content.decode()


def test_retry_runs_the_task_again(client, secretary, django_capture_on_commit_callbacks):
    failed = OutboxMessageFactory(state=OutboxMessage.State.FAILED, args=["via-page"])
    client.force_login(secretary)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("background:retry", args=[failed.pk]))
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.state == OutboxMessage.State.SUCCEEDED


@pytest.mark.parametrize("n", [1, 10])
def test_query_count_is_pinned(client, secretary, django_assert_num_queries, n):
    OutboxMessageFactory.create_batch(n)
    NotificationFactory.create_batch(n, delivery="email")
    ReminderSentFactory.create_batch(n)
    client.force_login(secretary)
    client.get(reverse("background:list"))
    # 7 for the page + 4 on every logged-in page: permissions (user, groups), council, unread
    with django_assert_num_queries(11):
        response = client.get(reverse("background:list"))
    assert response.context["paginator"].count == n
