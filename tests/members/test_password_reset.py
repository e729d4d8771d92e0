"""Password reset (issue 14 finding 6; docs/rules.md, S7 and S14).

- At most three reset mails per address an hour, and ten requests per client an hour, known
  address or not, so nobody can flood a mailbox and the limit reveals nothing.
- The mail goes out in the background, so a known and an unknown address answer in the same
  time.
- A cache that is down or degraded does not stop people from resetting their password.
"""

import re
import time

import pytest
from django.core import mail
from django.core.cache.backends.locmem import LocMemCache
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse

from adviesraad.background import outbox
from adviesraad.background.models import OutboxMessage
from adviesraad.celery import app

RESET = "members.tasks.password_reset_mail_send"
LIMITED = "Er is te vaak een nieuw wachtwoord aangevraagd"
MAIL_DELAY = 1.5  # seconds the slow mail server takes per message


def _reset(client, email, ip="203.0.113.9"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_fifteen_requests_for_one_address_send_three_mails(
    client, member, django_capture_on_commit_callbacks
):
    responses = []
    for n in range(15):
        with django_capture_on_commit_callbacks(execute=True):
            responses.append(_reset(client, member.email.upper(), ip=f"198.51.100.{n + 1}"))
    assert len(mail.outbox) == 3
    assert [r.status_code for r in responses[:3]] == [302] * 3
    refused = responses[3]
    assert refused.status_code == 429
    assert LIMITED in refused.content.decode()
    assert refused.context["form"].errors["email"]
    assert member.email.upper() in refused.content.decode()  # what was typed is kept


@pytest.mark.django_db
def test_the_address_limit_looks_the_same_for_unknown_addresses(client, member):
    for n in range(3):
        _reset(client, member.email, ip=f"198.51.100.{n + 1}")
        _reset(client, "niemand@test.example", ip=f"198.51.100.{n + 1}")
    known = _reset(client, member.email, ip="192.0.2.1")
    unknown = _reset(client, "niemand@test.example", ip="192.0.2.1")
    assert known.status_code == unknown.status_code == 429
    strip = re.compile(r'(csrfmiddlewaretoken" value="|value=")[^"]+')
    assert strip.sub("", known.content.decode()) == strip.sub("", unknown.content.decode())


@pytest.mark.django_db
def test_one_client_is_limited_across_addresses(client, member, django_capture_on_commit_callbacks):
    for n in range(10):
        assert _reset(client, f"iemand{n}@test.example").status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = _reset(client, member.email)
    assert response.status_code == 429 and LIMITED in response.content.decode()
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        other = _reset(client, member.email, ip="192.0.2.77")
    assert other.status_code == 302 and len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_spoofed_forwarded_for_does_not_escape_the_client_limit(client, settings):
    settings.TRUSTED_PROXIES = []
    for n in range(10):
        client.post(
            reverse("password_reset"),
            {"email": f"iemand{n}@test.example"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
    response = client.post(
        reverse("password_reset"),
        {"email": "nog-iemand@test.example"},
        HTTP_X_FORWARDED_FOR="198.51.100.99",
    )
    assert response.status_code == 429


@pytest.mark.django_db
def test_the_reset_mail_is_queued_with_ids_only(client, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        _reset(client, member.email)
        _reset(client, "niemand@test.example")
    known, unknown = OutboxMessage.objects.filter(task_name=RESET).order_by("id")
    assert known.args == [member.pk]
    assert unknown.args == []  # the same work for an unknown address, and no mail
    assert member.email not in str(known.args) + str(known.kwargs)


@pytest.mark.django_db
def test_the_task_sends_a_working_link_to_active_users_only(member):
    from members.tasks import password_reset_mail_send

    password_reset_mail_send(member.pk)
    assert mail.outbox[0].to == [member.email]
    assert re.search(r"http://127\.0\.0\.1:8000/accounts/reset/\S+/\S+/", mail.outbox[0].body)
    member.is_active = False
    member.save()
    password_reset_mail_send(member.pk)
    password_reset_mail_send(999_999)
    assert len(mail.outbox) == 1


# --- a known and an unknown address answer in the same time ------------------------------


class SlowMailBackend(EmailBackend):
    """An in-memory mail backend that takes ``MAIL_DELAY`` seconds per message."""

    def send_messages(self, messages):
        time.sleep(MAIL_DELAY)
        return super().send_messages(messages)


@pytest.fixture
def broker_down(settings):
    """Eager mode off and the broker at a dead port: the work waits in the outbox (as with a
    busy worker), so the request's own time is measured."""
    keys = ("broker_url", "task_always_eager")
    old = {k: app.conf[k] for k in keys}
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False
    yield
    for k, v in old.items():
        app.conf[k] = v


def _timed(call):
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


@pytest.mark.django_db(transaction=True)
def test_a_known_address_does_not_wait_for_the_mail(client, member, settings, broker_down):
    settings.EMAIL_BACKEND = "tests.members.test_password_reset.SlowMailBackend"
    _reset(client, "opwarmen@test.example")  # first request of the process: imports, templates
    known, known_time = _timed(lambda: _reset(client, member.email))
    unknown, unknown_time = _timed(lambda: _reset(client, "niemand@test.example"))
    assert known.status_code == unknown.status_code == 302
    assert mail.outbox == []  # the request did not send it ...
    assert known_time < MAIL_DELAY / 3, known_time
    assert abs(known_time - unknown_time) < MAIL_DELAY / 3, (known_time, unknown_time)
    # ... the queued task does.
    app.conf.task_always_eager = True
    assert outbox.flush()["sent"] == 3
    assert [m.to for m in mail.outbox] == [[member.email]]


# --- the cache down or degraded ----------------------------------------------------------


class DegradedCache(LocMemCache):
    """A cache that answers but keeps nothing, as a degraded Redis cache does."""

    def add(self, *args, **kwargs):
        return False

    def get(self, key, default=None, version=None):
        return default

    def incr(self, *args, **kwargs):
        raise ValueError("nothing kept")


@pytest.mark.parametrize(
    "backend",
    [
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
        {"BACKEND": "tests.members.test_password_reset.DegradedCache"},
    ],
    ids=["down", "degraded"],
)
@pytest.mark.django_db
def test_reset_still_works_when_the_limits_cache_fails(
    client, member, settings, backend, django_capture_on_commit_callbacks
):
    settings.CACHES = {**settings.CACHES, "limits": backend}
    settings.RATELIMIT_USE_CACHE = "limits"
    with django_capture_on_commit_callbacks(execute=True):
        response = _reset(client, member.email)
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[member.email]]
