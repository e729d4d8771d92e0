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
    assert "Alleen een mislukte of vastgelopen taak" in response.content.decode()


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
    # 8 for the page (7, and the mail tasks' runs among the e-mails since issue 13.5), the
    # scheduled tasks' last runs, and 4 on every logged-in page:
    # permissions (user, groups), council settings, unread notifications
    with django_assert_num_queries(13):
        response = client.get(reverse("background:list"))
    assert response.context["paginator"].count == n


def test_a_running_task_without_heartbeat_shows_as_stalled_with_a_retry_button(
    client, secretary, settings
):
    import datetime

    from django.utils import timezone

    settings.OUTBOX_STALE_SECONDS = 60
    now = timezone.now()
    OutboxMessageFactory(
        task_name="a.tasks.dead_worker",
        state=OutboxMessage.State.RUNNING,
        started_at=now - datetime.timedelta(minutes=5),
        heartbeat_at=now - datetime.timedelta(seconds=61),
    )
    OutboxMessageFactory(
        task_name="a.tasks.busy_worker",
        state=OutboxMessage.State.RUNNING,
        started_at=now - datetime.timedelta(minutes=5),
        heartbeat_at=now - datetime.timedelta(seconds=5),
    )
    client.force_login(secretary)
    response = client.get(reverse("background:list"))
    body = response.content.decode()
    assert response.context["state_counts"]["stalled"] == 1
    assert "1 vastgelopen" in body
    rows = {m.task_name: m for m in response.context["object_list"]}
    assert rows["a.tasks.dead_worker"].is_stalled and rows["a.tasks.dead_worker"].may_retry
    assert not rows["a.tasks.busy_worker"].is_stalled
    assert not rows["a.tasks.busy_worker"].may_retry
    assert body.count("Opnieuw proberen") == 1
    assert 'Opnieuw proberen<span class="visually-hidden">: a.tasks.dead_worker' in body


def test_a_stalled_task_can_be_retried_by_hand(
    client, secretary, django_capture_on_commit_callbacks
):
    stalled = OutboxMessageFactory(state=OutboxMessage.State.STALLED, args=["stalled-by-hand"])
    client.force_login(secretary)
    response = client.get(reverse("background:list"))
    assert "vastgelopen" in response.content.decode()
    old_task_id = stalled.task_id
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("background:retry", args=[stalled.pk]))
    stalled.refresh_from_db()
    assert stalled.state == OutboxMessage.State.SUCCEEDED  # in-process without a broker
    assert stalled.task_id != old_task_id


def test_a_busy_running_task_cannot_be_retried_by_hand(client, secretary):
    from django.utils import timezone

    busy = OutboxMessageFactory(
        state=OutboxMessage.State.RUNNING, started_at=timezone.now(), heartbeat_at=timezone.now()
    )
    client.force_login(secretary)
    response = client.post(reverse("background:retry", args=[busy.pk]), follow=True)
    assert "Alleen een mislukte of vastgelopen taak" in response.content.decode()
    busy.refresh_from_db()
    assert busy.state == OutboxMessage.State.RUNNING


def test_the_page_lists_every_scheduled_task_with_its_last_success(client, secretary, settings):
    from django.utils import timezone

    from adviesraad.background.models import PeriodicTaskRun

    PeriodicTaskRun.objects.create(
        task_name="adviezen.tasks.close_expired_ballots", last_succeeded_at=timezone.now()
    )
    client.force_login(secretary)
    response = client.get(reverse("background:list"))
    runs = {r.task_name: r for r in response.context["periodic_runs"]}
    assert set(runs) == {e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert runs["adviezen.tasks.close_expired_ballots"].last_succeeded_at
    assert runs["adviezen.tasks.erase_expired_signal_contacts"].last_succeeded_at is None
    assert "nog niet" in response.content.decode()
