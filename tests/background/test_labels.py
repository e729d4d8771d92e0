"""Background work in Dutch (issue 13.5): every task has a label, and the page shows labels and
the e-mails that tasks sent in-process."""

import pytest
from django.core import mail
from django.urls import reverse

from adviesraad.background.labels import MAIL_TASKS, TASK_LABELS, task_label
from adviesraad.background.models import OutboxMessage
from adviesraad.celery import app
from adviesraad.queue import enqueue
from tests.factories.background import OutboxMessageFactory


def registered_tasks() -> set[str]:
    app.loader.import_default_modules()
    return {name for name in app.tasks if not name.startswith("celery.")}


def test_every_task_registered_with_celery_has_a_dutch_label():
    tasks = registered_tasks()
    assert len(tasks) >= 20
    assert tasks - set(TASK_LABELS) == set()


def test_every_label_names_a_task_that_exists():
    assert set(TASK_LABELS) - registered_tasks() == set()
    assert set(MAIL_TASKS) <= set(TASK_LABELS)


def test_a_task_without_a_label_shows_its_python_name():
    assert task_label("adviezen.tasks.send_signal_reply") == "Antwoord op een signaal"
    assert task_label("a.tasks.unknown") == "a.tasks.unknown"


@pytest.mark.django_db
def test_the_page_lists_an_email_sent_in_process_with_dutch_names(
    client, secretary, member, django_capture_on_commit_callbacks
):
    assert app.conf.task_always_eager  # the embedded set-up: no worker, no broker
    with django_capture_on_commit_callbacks(execute=True):
        row = enqueue("members.tasks.password_reset_mail_send", member.pk)
    row.refresh_from_db()
    assert row.state == OutboxMessage.State.SUCCEEDED and len(mail.outbox) == 1
    client.force_login(secretary)
    response = client.get(reverse("background:list"))
    body = response.content.decode()
    assert "Nog geen e-mails verstuurd" not in body
    [email] = response.context["emails"]
    assert (email.subject, email.to, email.status) == (
        "E-mail om het wachtwoord opnieuw in te stellen",
        "wie een nieuw wachtwoord vroeg",
        "sent",
    )
    shown = body.replace('value="members.tasks.password_reset_mail_send"', "")  # the filter
    assert "members.tasks.password_reset_mail_send" not in shown
    assert f"(nr. {member.pk})" in body
    for label in ("Herinneringen versturen", "Stemmingen sluiten na de deadline"):
        assert label in body  # the scheduled tasks by their Dutch names
    assert "adviezen.tasks.close_expired_ballots" not in shown.replace(
        'value="adviezen.tasks.close_expired_ballots"', ""
    )


@pytest.mark.django_db
def test_a_failed_mail_task_shows_as_failed_among_the_emails(client, secretary):
    OutboxMessageFactory(
        task_name="adviezen.tasks.send_signal_reply", state=OutboxMessage.State.FAILED, args=[6]
    )
    OutboxMessageFactory(task_name="adviesraad.tasks.heartbeat", state="succeeded")
    client.force_login(secretary)
    emails = client.get(reverse("background:list")).context["emails"]
    assert [(e.subject, e.to, e.status) for e in emails] == [
        ("Antwoord op een signaal", "de indiener van het signaal", "failed")
    ]


@pytest.mark.django_db
def test_the_task_filter_offers_the_dutch_names(client, secretary):
    OutboxMessageFactory(task_name="adviezen.tasks.send_signal_reply", args=[1])
    OutboxMessageFactory(task_name="meetings.tasks.send_agenda_pack", args=[2])
    client.force_login(secretary)
    response = client.get(
        reverse("background:list"), {"task_name": "meetings.tasks.send_agenda_pack"}
    )
    assert [m.task_name for m in response.context["object_list"]] == [
        "meetings.tasks.send_agenda_pack"
    ]
    assert ">Agenda en stukken versturen</option>" in response.content.decode()
