"""The anonymous page cache in front of the public pages (AnonymousPageCacheMiddleware)."""

import pytest

from adviezen.services import public_cache_bump
from tests.factories.adviezen import published_advice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


def test_second_anonymous_visit_is_served_from_cache_with_security_headers(client):
    published_advice(title="Eerste advies")
    first = client.get("/adviezen/")
    second = client.get("/adviezen/")
    assert "X-Page-Cache" not in first and second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert b"Eerste advies" in second.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY" and second["X-Content-Type-Options"] == "nosniff"
    assert "csrfmiddlewaretoken" not in second.content.decode()


def test_publishing_invalidates_the_cached_page(client, django_capture_on_commit_callbacks):
    client.get("/adviezen/")
    assert client.get("/adviezen/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        published_advice(title="Nieuw gepubliceerd")
        public_cache_bump()
    fresh = client.get("/adviezen/")
    assert "X-Page-Cache" not in fresh
    assert b"Nieuw gepubliceerd" in fresh.content


def test_logged_in_and_flash_message_requests_bypass_the_cache(client, member):
    client.get("/adviezen/")
    client.cookies["messages"] = "x"
    assert "X-Page-Cache" not in client.get("/adviezen/")
    del client.cookies["messages"]
    client.force_login(member)
    response = client.get("/adviezen/")
    assert "X-Page-Cache" not in response
    assert member.get_full_name() in response.content.decode()


def test_languages_are_cached_apart(client):
    dutch = client.get("/")
    client.cookies["django_language"] = "en"
    english = client.get("/")
    assert "X-Page-Cache" not in english
    assert (
        '<html lang="en">' in english.content.decode()
        and '<html lang="nl">' in dutch.content.decode()
    )


def test_internal_and_form_pages_are_never_cached(client):
    client.get("/signaal/")
    assert "X-Page-Cache" not in client.get("/signaal/")
    client.get("/intern/vergaderingen/")
    assert "X-Page-Cache" not in client.get("/intern/vergaderingen/")


def test_language_switch_needs_no_token_but_only_accepts_post():
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.get("/i18n/setlang/?language=en").status_code == 405
    response = strict.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert strict.cookies["django_language"].value == "en"


def test_home_page_is_cached_for_anonymous_visitors(client):
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"


def test_public_meetings_and_publications_are_cached_for_anonymous_visitors(client):
    for path in ("/vergaderingen/", "/publicaties/"):
        client.get(path)
        assert client.get(path)["X-Page-Cache"] == "hit", path


def test_personal_calendar_feed_is_never_cached(client, member):
    path = f"/vergaderingen/ical/{member.calendar_token}/"
    client.get(path)
    assert "X-Page-Cache" not in client.get(path)
