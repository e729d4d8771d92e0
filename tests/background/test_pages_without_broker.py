"""With the broker down, the pages people use still answer quickly (issue 6, docs/rules.md S17).

The broker is pointed at a dead port (``redis://127.0.0.1:1/0``) as in ``test_tasks``: the
settings' ``REDIS_URL``/``CELERY_BROKER_URL``, ``CELERY_TASK_ALWAYS_EAGER = False`` and the
Celery app's ``broker_url``. Voting and uploading a document enqueue nothing: they must answer
and save. Sending the agenda pack does enqueue: its work waits in the outbox, and goes out
once a broker answers (Redis, when available).
"""

import base64
import datetime
import json
import os
import time
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from adviesraad.background import outbox
from adviesraad.background.models import OutboxMessage
from adviesraad.celery import app
from adviezen.models import Advice, Ballot, BallotVoter, Vote
from meetings.models import AgendaPackSending, Document, Meeting
from tests.factories.adviezen import AdviceFactory, VersionFactory
from tests.factories.meetings import PDF_BYTES, AgendaItemFactory, MeetingFactory, at
from tests.factories.members import TermFactory

DEAD_BROKER = "redis://127.0.0.1:1/0"
LIMIT = 2.0  # seconds

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def broker(settings):
    """Point the Celery app (and settings) at ``url`` with eager mode off; restore afterwards."""
    keys = ("broker_url", "task_always_eager", "task_default_queue")
    old = {k: app.conf[k] for k in keys}

    def point(url, queue=None):
        settings.REDIS_URL = url
        settings.CELERY_BROKER_URL = url
        settings.CELERY_TASK_ALWAYS_EAGER = False
        app.conf.broker_url = url
        app.conf.task_always_eager = False
        if queue:
            app.conf.task_default_queue = queue

    yield point
    for k, v in old.items():
        app.conf[k] = v


def timed(call):
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


@pytest.fixture
def open_ballot(chair, member, other_member):
    for person in (chair, member, other_member):
        TermFactory(member=person)
    version = VersionFactory(advice=AdviceFactory(status=Advice.Status.VOTING))
    ballot = Ballot.objects.create(
        advice=version.advice,
        version=version,
        opened_by=chair,
        opened_on=timezone.localdate(),
        deadline=timezone.now() + datetime.timedelta(days=3),
        threshold_percent=50,
        basis="eligible",
        quorum_percent=0,
        eligible_count=3,
    )
    BallotVoter.objects.bulk_create(
        [BallotVoter(ballot=ballot, member=p) for p in (chair, member, other_member)]
    )
    return ballot


def test_home_page_answers_quickly_with_the_broker_down(client, broker):
    client.get("/")  # first request of the process: imports and template compilation
    broker(DEAD_BROKER)
    for _ in range(2):
        response, took = timed(lambda: client.get("/"))
        assert response.status_code == 200
        assert took < LIMIT


def test_casting_a_vote_answers_quickly_and_is_saved_with_the_broker_down(
    client, member, open_ballot, broker
):
    client.force_login(member)
    url = reverse("adviezen:ballot", args=[open_ballot.advice_id, open_ballot.pk])
    assert client.get(url).status_code == 200  # warm up templates and imports
    broker(DEAD_BROKER)
    vote_url = reverse("adviezen:vote", args=[open_ballot.advice_id, open_ballot.pk])
    response, took = timed(lambda: client.post(vote_url, {"choice": "yes"}))
    assert response.status_code == 302
    assert took < LIMIT
    assert Vote.objects.get(ballot=open_ballot, member=member).choice == "yes"

    # The htmx variant (the voting block) too, changing the vote.
    response, took = timed(
        lambda: client.post(vote_url, {"choice": "against"}, headers={"HX-Request": "true"})
    )
    assert response.status_code == 200
    assert took < LIMIT
    assert Vote.objects.get(ballot=open_ballot, member=member).choice == "against"


def test_uploading_a_meeting_document_answers_quickly_and_is_saved_with_the_broker_down(
    client, secretary, broker
):
    meeting = MeetingFactory(start=at(10))
    client.force_login(secretary)
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 200
    broker(DEAD_BROKER)
    upload = SimpleUploadedFile("notitie.pdf", PDF_BYTES, content_type="application/pdf")
    response, took = timed(
        lambda: client.post(
            reverse("meetings:document_add", args=[meeting.pk]),
            {"document-title": "Notitie armoedebeleid", "document-file": upload},
        )
    )
    assert response.status_code == 302
    assert took < LIMIT
    document = Document.objects.get(meeting=meeting)
    assert document.title == "Notitie armoedebeleid"
    assert document.file.storage.exists(document.file.name)


def send_pack(client, secretary):
    meeting = MeetingFactory(start=at(10))
    AgendaItemFactory(meeting=meeting, title="Opening")
    client.force_login(secretary)
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 200
    return meeting


def test_sending_the_agenda_pack_answers_quickly_and_the_outbox_holds_the_work(
    client, secretary, member, broker
):
    TermFactory(member=member)
    meeting = send_pack(client, secretary)
    broker(DEAD_BROKER)
    response, took = timed(
        lambda: client.post(reverse("meetings:send_pack", args=[meeting.pk]), {"confirm": "1"})
    )
    assert response.status_code == 302
    assert took < LIMIT

    sending = AgendaPackSending.objects.get(meeting=meeting)
    assert sending.status == AgendaPackSending.Status.QUEUED
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.AGENDA_SENT
    message = OutboxMessage.objects.get(task_name="meetings.tasks.send_agenda_pack")
    assert message.state == OutboxMessage.State.PENDING
    assert message.args == [sending.pk]
    assert message.publish_attempts == 1
    assert "niet bereikbaar" in message.last_error


@pytest.mark.redis
def test_agenda_pack_work_that_waited_goes_out_when_the_broker_answers(
    client, secretary, member, broker
):
    TermFactory(member=member)
    meeting = send_pack(client, secretary)
    broker(DEAD_BROKER)
    client.post(reverse("meetings:send_pack", args=[meeting.pk]), {"confirm": "1"})
    message = OutboxMessage.objects.get(task_name="meetings.tasks.send_agenda_pack")
    assert message.state == OutboxMessage.State.PENDING

    queue = f"outbox-test-{uuid.uuid4().hex}"
    broker(os.environ["REDIS_URL"], queue=queue)
    assert outbox.flush() == {"sent": 1, "pending": 0}
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.SENT

    import redis

    r = redis.Redis.from_url(os.environ["REDIS_URL"])
    try:
        raw = [json.loads(m) for m in r.lrange(queue, 0, -1)]
    finally:
        r.delete(queue)
        r.close()
    assert [m["headers"]["task"] for m in raw] == ["meetings.tasks.send_agenda_pack"]
    body = json.loads(base64.b64decode(raw[0]["body"]))
    sending = AgendaPackSending.objects.get(meeting=meeting)
    assert body[:2] == [[sending.pk], {}]  # ids only
