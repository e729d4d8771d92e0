"""With Redis absent (a closed port) or hung (a server that accepts and never answers), every
page answers within two seconds without a 5xx, rendered without the cache, and the outage is
logged once (issue 12, finding 1; docs/rules.md S17).

The caches are configured as ``settings/base.py`` configures them for ``REDIS_URL`` (the
``ResilientRedisCache`` on both aliases), and the Celery broker points at the same URL.
``test_a_real_server_process_...`` runs gunicorn itself with such a ``REDIS_URL``."""

from __future__ import annotations

import http.cookiejar
import logging
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from urllib.parse import quote

import pytest
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from adviesraad import resilient_cache
from adviesraad.celery import app
from adviezen.models import Signal, Vote
from meetings.models import Document
from tests.background.test_pages_without_broker import open_ballot  # noqa: F401 (fixture)
from tests.conftest import ROOT
from tests.factories.adviezen import published_advice
from tests.factories.meetings import PDF_BYTES, AgendaItemFactory, MeetingFactory, at
from tests.factories.members import PASSWORD

LIMIT = 2.0  # seconds (docs/rules.md S17)
LOGGER = "adviesraad.resilient_cache"

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_port_url():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"  # nothing listens there any more


@pytest.fixture
def hung_url():
    """A server that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(128)
    server.settimeout(0.1)
    stop = threading.Event()
    held: list[socket.socket] = []

    def accept() -> None:
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/1"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


@pytest.fixture(autouse=True)
def _fresh_outage_state():
    resilient_cache._outages.clear()
    yield
    resilient_cache._outages.clear()


def production_caches(url: str, retry_after: float = 10) -> dict:
    """``CACHES`` as ``settings/base.py`` builds it for ``REDIS_URL=url``."""
    redis = {
        "BACKEND": "adviesraad.resilient_cache.ResilientRedisCache",
        "LOCATION": url,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        "RETRY_AFTER": retry_after,
    }
    return {
        "default": {**redis, "KEY_PREFIX": "default"},
        "pages": {**redis, "KEY_PREFIX": "pages"},
    }


@pytest.fixture
def redis_at(settings):
    """``redis_at(url)``: caches and broker on ``url`` from now on (restored afterwards)."""
    keys = ("broker_url", "task_always_eager")
    old = {k: app.conf[k] for k in keys}

    def point(url: str, **kwargs) -> None:
        settings.CACHES = production_caches(url, **kwargs)
        settings.REDIS_URL = settings.CELERY_BROKER_URL = url
        settings.CELERY_TASK_ALWAYS_EAGER = False
        app.conf.broker_url = url
        app.conf.task_always_eager = False

    yield point
    for k, v in old.items():
        app.conf[k] = v


@pytest.fixture(params=["absent", "hung"])
def broken_redis(request, closed_port_url):
    return closed_port_url if request.param == "absent" else request.getfixturevalue("hung_url")


def timed(call):
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


def errors_logged(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == LOGGER and r.levelno >= logging.ERROR]


def test_public_pages_answer_quickly_without_the_cache(client, redis_at, broken_redis, caplog):
    advice = published_advice(title="Werk voor statushouders")
    meeting = MeetingFactory(title="Plenaire vergadering maart")
    AgendaItemFactory(meeting=meeting, title="Armoedebeleid")
    paths = [
        "/",
        "/adviezen/",
        f"/adviezen/{advice.slug}/",
        "/adviezen/feed/",
        "/vergaderingen/",
        f"/vergaderingen/{meeting.pk}/",
        "/publicaties/",
        "/privacy/",
        "/signaal/",
    ]
    for path in paths:
        client.get(path)  # imports and templates, before the outage
    redis_at(broken_redis)
    for _ in range(2):
        for path in paths:
            response, took = timed(lambda path=path: client.get(path))
            assert response.status_code == 200, path
            assert took < LIMIT, (path, took)
            assert response.get("X-Page-Cache") != "hit"
    assert "Werk voor statushouders" in client.get("/adviezen/").content.decode()
    assert len(errors_logged(caplog)) == 1


def test_logging_in_and_the_dashboard_work_without_the_cache(
    client, member, redis_at, broken_redis
):
    client.get(reverse("login"))
    redis_at(broken_redis)
    response, took = timed(lambda: client.get(reverse("login")))
    assert response.status_code == 200 and took < LIMIT
    response, took = timed(
        lambda: client.post(reverse("login"), {"username": member.email, "password": PASSWORD})
    )
    assert response.status_code == 302 and took < LIMIT
    assert response["Location"] == reverse("dashboard")
    response, took = timed(lambda: client.get(reverse("dashboard")))
    assert response.status_code == 200 and took < LIMIT
    assert response["Cache-Control"] == "private, no-store"


def test_a_vote_is_cast_without_the_cache(client, member, open_ballot, redis_at, broken_redis):  # noqa: F811
    client.force_login(member)
    url = reverse("adviezen:ballot", args=[open_ballot.advice_id, open_ballot.pk])
    assert client.get(url).status_code == 200
    redis_at(broken_redis)
    vote = reverse("adviezen:vote", args=[open_ballot.advice_id, open_ballot.pk])
    response, took = timed(lambda: client.post(vote, {"choice": "yes"}))
    assert response.status_code == 302 and took < LIMIT
    assert Vote.objects.get(ballot=open_ballot, member=member).choice == "yes"
    response, took = timed(lambda: client.get(url))
    assert response.status_code == 200 and took < LIMIT


def test_a_document_is_uploaded_without_the_cache(client, secretary, redis_at, broken_redis):
    meeting = MeetingFactory(start=at(10))
    client.force_login(secretary)
    url = reverse("meetings:document_add", args=[meeting.pk])

    def post(title: str):
        upload = SimpleUploadedFile("notitie.pdf", PDF_BYTES, content_type="application/pdf")
        return client.post(
            url, {"document-title": title, "document-file": upload, "document-is_public": "on"}
        )

    assert post("Eerst, om de code te laden").status_code == 302
    redis_at(broken_redis)
    response, took = timed(lambda: post("Notitie armoedebeleid"))
    assert response.status_code == 302 and took < LIMIT
    assert Document.objects.filter(meeting=meeting, title="Notitie armoedebeleid").exists()


def test_the_signal_form_takes_signals_while_its_rate_limit_cannot_count(
    client, redis_at, broken_redis
):
    """django-ratelimit counts in the default cache; without it the form lets residents
    through (``RATELIMIT_FAIL_OPEN``) instead of answering 500 or refusing everyone."""
    client.get(reverse("adviezen_public:signal"))
    redis_at(broken_redis)
    for n in range(7):  # past the limit of five an hour, which cannot be counted now
        response, took = timed(
            lambda n=n: client.post(
                reverse("adviezen_public:signal"),
                {"title": f"Wachtlijst {n}", "description": "Lang wachten.", "consent": "on"},
            )
        )
        assert response.status_code == 302 and took < LIMIT
    assert Signal.objects.count() == 7


def test_an_outage_is_logged_once_however_many_calls_fail(
    client, redis_at, closed_port_url, caplog
):
    redis_at(closed_port_url, retry_after=0)  # every call tries Redis again, and fails
    for _ in range(10):
        assert client.get("/adviezen/").status_code == 200
        caches["default"].add("x", 1)
    records = errors_logged(caplog)
    assert len(records) == 1
    assert "does not answer" in records[0].getMessage()
    assert "127.0.0.1" in records[0].getMessage()


@pytest.mark.redis
def test_the_cache_is_used_again_when_redis_answers_again(client, redis_at, caplog):
    redis_at(os.environ["REDIS_URL"], retry_after=2)
    pages = caches["pages"]
    pages.outage.failed(ConnectionError("simulated outage"))
    client.get("/privacy/")
    assert client.get("/privacy/").get("X-Page-Cache") != "hit"  # skipped while down
    time.sleep(2.1)
    client.get("/privacy/")  # the retry answers: stored again
    assert client.get("/privacy/").get("X-Page-Cache") == "hit"
    assert any("answers again" in r.getMessage() for r in caplog.records if r.name == LOGGER)


# --- the real thing: gunicorn started with a REDIS_URL that does not answer -------------------


def _db_url() -> str:
    from django.db import connection

    db = connection.settings_dict
    return "postgres://{user}:{pw}@{host}:{port}/{name}".format(
        user=quote(db["USER"] or "postgres"),
        pw=quote(db["PASSWORD"] or ""),
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        name=db["NAME"],
    )


@pytest.fixture
def server_with_redis(settings):
    """``start(redis_url)``: gunicorn (one sync worker, test settings) on the test database."""
    procs = []

    def start(redis_url: str) -> str:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "adviesraad.settings.test",
            "DATABASE_URL": _db_url(),
            "REDIS_URL": redis_url,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "TEST_MEDIA_ROOT": settings.MEDIA_ROOT,
        }
        proc = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gunicorn", "adviesraad.wsgi:application"]
            + ["--workers", "1", "--bind", f"127.0.0.1:{port}", "--timeout", "30"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        procs.append(proc)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=5)  # noqa: S310
                return base
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(proc.stderr.read() if proc.stderr else "") from None
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer within 30 s")

    yield start
    for proc in procs:
        proc.terminate()
        try:
            _out, err = proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
        else:
            assert "Traceback" not in (err or ""), err


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_real_server_process_serves_and_logs_in_without_redis(
    server_with_redis, broken_redis, member
):
    advice = published_advice(title="Werk voor statushouders")
    base = server_with_redis(broken_redis)
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def get(path: str, data: dict | None = None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        started = time.monotonic()
        with browser.open(base + path, data=body, timeout=10) as response:  # noqa: S310
            return response.status, response.read().decode(), time.monotonic() - started

    for path in ("/", "/adviezen/", f"/adviezen/{advice.slug}/", "/vergaderingen/"):
        get(path)  # the worker's first requests import and compile
        status, body, took = get(path)
        assert status == 200 and took < LIMIT, (path, took)
    assert "Werk voor statushouders" in get("/adviezen/")[1]
    status, form, took = get("/accounts/login/")
    assert status == 200 and took < LIMIT
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    status, dashboard, took = get(
        "/accounts/login/",
        {"csrfmiddlewaretoken": token, "username": member.email, "password": PASSWORD},
    )  # posted, then redirected to the dashboard
    assert status == 200 and took < 2 * LIMIT
    assert member.first_name in dashboard
