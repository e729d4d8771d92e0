import pytest
from django.db.utils import OperationalError


@pytest.mark.django_db
def test_health_without_broker_is_ok_in_process(client, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "in-process"}


@pytest.mark.django_db
def test_health_with_broker_down_is_degraded_not_an_outage(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "broker": "error"}


@pytest.mark.django_db
def test_health_with_database_down_is_503(client, monkeypatch):
    from django.db.backends.base import base

    def broken(self, *args, **kwargs):
        raise OperationalError("database is down")

    monkeypatch.setattr(base.BaseDatabaseWrapper, "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "outage" and response.json()["database"] == "error"


@pytest.mark.redis
@pytest.mark.django_db
def test_health_with_live_redis_is_ok(client, settings):
    import os

    settings.REDIS_URL = os.environ["REDIS_URL"]
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok", "broker": "ok"}


def test_request_id_is_returned_and_sanitised(client, db, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]  # the test client's address: the proxy's id counts
    assert client.get("/healthz", headers={"X-Request-ID": "abc-123"})["X-Request-ID"] == "abc-123"
    generated = client.get("/healthz", headers={"X-Request-ID": "<script>"})["X-Request-ID"]
    assert generated != "<script>" and len(generated) == 32


def test_security_headers(client, db):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_english_browser_still_gets_dutch_until_it_switches(client, db):
    body = client.get(
        "/accounts/login/", headers={"Accept-Language": "en-US,en;q=0.9"}
    ).content.decode()
    assert '<html lang="nl">' in body and "Wachtwoord" in body
    client.cookies["django_language"] = "en"
    assert '<html lang="en">' in client.get("/accounts/login/").content.decode()


# --- a database that hangs (issue 12, finding 7) -------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db
def test_every_connection_has_a_statement_timeout_and_a_connect_timeout(settings):
    from django.db import connection

    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["connect_timeout"] == settings.DATABASE_CONNECT_TIMEOUT
    assert f"statement_timeout={settings.DATABASE_STATEMENT_TIMEOUT_MS}" in options["options"]
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == f"{settings.DATABASE_STATEMENT_TIMEOUT_MS // 1000}s"


@pytest.fixture
def hung_database(monkeypatch):
    """New connections of this process go to a server that accepts and never answers."""
    from django.db import connections

    from tests.processes import SilentServer

    server = SilentServer()
    db = connections.settings["default"]
    monkeypatch.setitem(db, "HOST", "127.0.0.1")
    monkeypatch.setitem(db, "PORT", str(server.port))
    monkeypatch.setitem(db, "OPTIONS", {**db.get("OPTIONS", {}), "connect_timeout": 2})
    yield server
    server.close()


@pytest.mark.postgres
@pytest.mark.django_db
def test_health_with_the_database_hung_is_503_within_a_second(client, hung_database, settings):
    import time

    from adviesraad import health

    started = time.monotonic()
    response = client.get("/healthz")
    assert time.monotonic() - started < 1.0
    assert response.status_code == 503
    assert response.json()["status"] == "outage" and response.json()["database"] == "timeout"
    # While that check still hangs, the next request does not start another: it answers at once.
    started = time.monotonic()
    assert client.get("/healthz").status_code == 503
    assert time.monotonic() - started < 0.5
    # The hung check gives up at the connect timeout; nothing is left behind.
    health._running.join(5)
    assert not health._running.is_alive()


@pytest.mark.postgres
def test_a_real_server_with_the_database_hung_answers_health_and_pages_in_time(
    django_db_blocker,
):
    """gunicorn with a database host that accepts and never answers: /healthz says 503 within
    a second, and a page that needs the database fails after the connect timeout instead of
    hanging until gunicorn kills the worker (30 s)."""
    import time
    import urllib.error
    import urllib.request

    from tests.processes import Gunicorn, SilentServer, app_env

    hung = SilentServer()
    with django_db_blocker.unblock():
        env = app_env(
            DATABASE_URL=f"postgres://postgres@127.0.0.1:{hung.port}/adviesraad",
            DATABASE_CONNECT_TIMEOUT="2",
        )
    server = Gunicorn(env=env)

    def get(path):
        started = time.monotonic()
        try:
            with urllib.request.urlopen(server.url + path, timeout=40) as response:  # noqa: S310
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        return status, time.monotonic() - started

    try:
        assert get("/healthz")[0] == 503  # the first request also loads the app
        time.sleep(2.5)  # the first check's connection attempt gives up
        status, took = get("/healthz")
        assert status == 503 and took < 1.0, took
        status, took = get("/adviezen/")
        assert status == 500 and took < 10, took
    finally:
        server.stop()
        hung.close()
