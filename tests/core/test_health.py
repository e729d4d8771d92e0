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
