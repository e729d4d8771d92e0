"""The background-work page's queries (``adviesraad.background.selectors``): the e-mails, the
reminders, the counts per state with stalled work, and the scheduled tasks."""

import datetime

import pytest
from django.utils import timezone

from adviesraad.background import selectors
from adviesraad.background.models import OutboxMessage, PeriodicTaskRun
from adviesraad.notifications.models import Delivery
from tests.factories.background import (
    NotificationFactory,
    OutboxMessageFactory,
    ReminderSentFactory,
)
from tests.factories.members import UserFactory

pytestmark = pytest.mark.django_db

S = OutboxMessage.State
ADVICE = "adviezen.tasks.send_advice"
AGENDA = "meetings.tasks.send_agenda_pack"


def _ago(seconds):
    return timezone.now() - datetime.timedelta(seconds=seconds)


@pytest.fixture
def stale_after(settings):
    settings.OUTBOX_STALE_SECONDS = 60
    return 60


def _outbox(task_name=ADVICE, *, created=None, **fields):
    m = OutboxMessageFactory(task_name=task_name, **fields)
    if created is not None:
        OutboxMessage.objects.filter(pk=m.pk).update(created_at=created)
    return m


# --- e-mails -----------------------------------------------------------------------------


def test_notification_emails_show_recipient_subject_and_whether_they_went_out(
    secretary, django_assert_num_queries
):
    person = UserFactory(first_name="Anna", last_name="Ontvanger")
    nameless = UserFactory(first_name="", last_name="", email="zonder.naam@test.example")
    NotificationFactory(
        recipient=person, delivery=Delivery.EMAIL, title="Verstuurd", emailed_at=timezone.now()
    )
    NotificationFactory(
        recipient=person, delivery=Delivery.EMAIL, title="Fout", email_error="SMTP weg"
    )
    NotificationFactory(recipient=nameless, delivery=Delivery.EMAIL, title="Wacht")
    NotificationFactory(recipient=person, delivery=Delivery.DIGEST, title="Overzicht")
    NotificationFactory(recipient=person, delivery=Delivery.APP, title="Alleen in de app")
    _outbox(AGENDA, created=_ago(3600), state=S.SUCCEEDED, finished_at=_ago(3000))
    _outbox(ADVICE, created=_ago(4000), state=S.FAILED)
    with django_assert_num_queries(2):  # notifications with their recipient; mail tasks
        rows = [(r.to, r.subject, r.status) for r in selectors.email_list(user=secretary)]
    assert rows == [
        ("zonder.naam@test.example", "Wacht", "waiting"),
        ("Anna Ontvanger", "Fout", "failed"),
        ("Anna Ontvanger", "Verstuurd", "sent"),
        ("de leden", "Agenda en stukken versturen", "sent"),
        ("het college van B&W", "Advies naar het college sturen", "failed"),
    ]


def test_the_page_lists_the_latest_20_emails(secretary):
    for _ in range(21):
        NotificationFactory(delivery=Delivery.EMAIL)
    assert len(selectors.email_list(user=secretary)) == 20


def test_mail_task_runs_show_who_receives_them_and_their_outcome(secretary):
    for state in (S.SUCCEEDED, S.FAILED, S.STALLED, S.PENDING, S.SENT, S.RUNNING, S.RETRYING):
        _outbox(AGENDA, state=state)
    _outbox("adviesraad.background.tasks.selftest_write")  # sends no e-mail
    rows = [(r.to, r.subject, r.status) for r in selectors.email_list(user=secretary)]
    subject = "Agenda en stukken versturen"
    assert sorted(rows) == sorted(
        [("de leden", subject, s) for s in ("sent", "failed", "failed")]
        + [("de leden", subject, "waiting")] * 4
    )


def test_emails_newest_first_a_finished_task_at_its_finishing_time(secretary):
    older = NotificationFactory(delivery=Delivery.EMAIL, title="Oud")
    newer = NotificationFactory(delivery=Delivery.EMAIL, title="Nieuw")
    type(older).objects.filter(pk=older.pk).update(created_at=_ago(300))
    type(newer).objects.filter(pk=newer.pk).update(created_at=_ago(100))
    _outbox(ADVICE, created=_ago(400), state=S.SUCCEEDED, finished_at=_ago(50))
    _outbox(AGENDA, created=_ago(200), state=S.PENDING)
    rows = selectors.email_list(user=secretary)
    assert [(r.subject, r.status) for r in rows] == [
        ("Advies naar het college sturen", "sent"),
        ("Nieuw", "waiting"),
        ("Agenda en stukken versturen", "waiting"),
        ("Oud", "waiting"),
    ]
    assert rows[0].created_at > rows[1].created_at > rows[2].created_at > rows[3].created_at
    assert rows[0].to == "het college van B&W"


def test_emails_are_the_latest_of_each_source_up_to_the_limit(secretary):
    for i in range(3):
        n = NotificationFactory(delivery=Delivery.EMAIL, title=f"Melding {i}")
        type(n).objects.filter(pk=n.pk).update(created_at=_ago(100 - i))
        _outbox(AGENDA, created=_ago(200 - i))
    assert [r.subject for r in selectors.email_list(user=secretary, limit=2)] == [
        "Melding 2",
        "Melding 1",
    ]
    assert len(selectors.email_list(user=secretary, limit=3)) == 3
    assert len(selectors.email_list(user=secretary)) == 6


# --- reminders ---------------------------------------------------------------------------


def test_the_latest_20_reminders_with_recipient_and_notification_in_one_query(
    secretary, django_assert_num_queries
):
    person = UserFactory(first_name="Bram", last_name="Herinnerd")
    for _ in range(21):
        ReminderSentFactory(recipient=person, notification=NotificationFactory(recipient=person))
    with django_assert_num_queries(1):
        rows = [
            (str(r.recipient), r.notification.title)
            for r in selectors.reminder_list(user=secretary)
        ]
    assert len(rows) == 20 and rows[0][0] == "Bram Herinnerd"
    assert len(selectors.reminder_list(user=secretary, limit=5)) == 5


# --- states ------------------------------------------------------------------------------


def test_state_counts_add_running_work_without_a_recent_sign_of_life_to_stalled(stale_after):
    _outbox(state=S.SUCCEEDED)
    _outbox(state=S.SUCCEEDED)
    _outbox(state=S.STALLED)
    _outbox(state=S.RUNNING, started_at=_ago(600), heartbeat_at=_ago(stale_after + 5))
    _outbox(state=S.RUNNING, started_at=_ago(600), heartbeat_at=_ago(stale_after - 5))
    assert selectors.state_counts(user=None) == {
        S.SUCCEEDED: 2,
        S.STALLED: 2,
        S.RUNNING: 2,
    }


def test_state_counts_without_stale_work_add_no_stalled_state(stale_after):
    _outbox(state=S.RUNNING, started_at=_ago(600), heartbeat_at=_ago(1))
    _outbox(state=S.FAILED)
    assert selectors.state_counts(user=None) == {S.RUNNING: 1, S.FAILED: 1}


def test_state_counts_without_running_work_add_no_stalled_state(stale_after):
    _outbox(state=S.FAILED)
    _outbox(state=S.SUCCEEDED)
    assert selectors.state_counts(user=None) == {S.FAILED: 1, S.SUCCEEDED: 1}


def test_a_stale_running_task_is_counted_as_stalled_when_none_was_marked(stale_after):
    _outbox(state=S.RUNNING, started_at=_ago(600))
    assert selectors.state_counts(user=None) == {S.RUNNING: 1, S.STALLED: 1}


def test_running_work_is_stale_after_its_last_sign_of_life_or_its_start(stale_after):
    old = _ago(stale_after + 5)
    fresh = _ago(stale_after - 5)
    dead = _outbox(state=S.RUNNING, started_at=_ago(600), heartbeat_at=old)
    never_beat = _outbox(state=S.RUNNING, started_at=old)
    never_started = _outbox(state=S.RUNNING)
    _outbox(state=S.RUNNING, started_at=_ago(600), heartbeat_at=fresh)
    _outbox(state=S.RUNNING, started_at=fresh)
    _outbox(state=S.SENT, started_at=old)
    assert set(selectors._stale_running()) == {dead, never_beat, never_started}


def test_work_stalled_when_marked_stalled_or_running_without_life_only_for_that_work(
    stale_after,
):
    tasks = [AGENDA, ADVICE]
    _outbox(AGENDA, args=[3], state=S.RUNNING, started_at=_ago(600))
    _outbox(ADVICE, args=[4], state=S.STALLED)
    _outbox(ADVICE, args=[5], state=S.FAILED)
    _outbox("budget.tasks.render_export_part", args=[6], state=S.STALLED)
    _outbox(AGENDA, args=[7], state=S.RUNNING, started_at=_ago(1))
    assert selectors.work_stalled(user=None, task_names=tasks, first_arg=3)
    assert selectors.work_stalled(user=None, task_names=tasks, first_arg=4)
    assert not selectors.work_stalled(user=None, task_names=tasks, first_arg=5)
    assert not selectors.work_stalled(user=None, task_names=tasks, first_arg=6)
    assert not selectors.work_stalled(user=None, task_names=tasks, first_arg=7)
    assert not selectors.work_stalled(user=None, task_names=[ADVICE], first_arg=3)


# --- scheduled tasks ---------------------------------------------------------------------


def test_every_scheduled_task_in_the_schedules_order_with_its_last_run(settings):
    names = [e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()]
    ran = PeriodicTaskRun.objects.create(task_name=names[-1], runs=3)
    PeriodicTaskRun.objects.create(task_name="nowhere.tasks.unscheduled", runs=1)
    runs = selectors.periodic_runs(user=None)
    assert [r.task_name for r in runs] == names
    assert runs[-1] == ran and runs[-1].runs == 3
    assert runs[0].pk is None and runs[0].runs == 0


def test_the_outbox_list_has_every_row(secretary):
    rows = {_outbox(state=state) for state in (S.PENDING, S.FAILED, S.SUCCEEDED)}
    assert set(selectors.outbox_list(user=secretary)) == rows
