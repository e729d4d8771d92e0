"""The anonymous page cache in front of the public pages (AnonymousPageCacheMiddleware)."""

import pytest

from adviesraad.pagecache import public_changed
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
        public_changed()
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


def test_a_process_keeps_the_version_for_the_memo_period_and_forgets_it_on_a_bump(
    settings, django_capture_on_commit_callbacks
):
    """Another process's publication shows after PROCESS_MEMO_SECONDS; this process's
    own publication at once."""
    from django.core.cache import cache

    from adviezen import selectors
    from adviezen.selectors import PUBLIC_CACHE_VERSION_KEY

    settings.PROCESS_MEMO_SECONDS = 60
    selectors.public_cache_version_forget()
    first = selectors.public_cache_version()
    cache.incr(PUBLIC_CACHE_VERSION_KEY)  # another process published
    assert selectors.public_cache_version() == first
    with django_capture_on_commit_callbacks(execute=True):
        public_changed()  # this process publishes
    assert selectors.public_cache_version() == first + 2
    settings.PROCESS_MEMO_SECONDS = 0
    cache.incr(PUBLIC_CACHE_VERSION_KEY)
    assert selectors.public_cache_version() == first + 3


def test_a_stale_memo_expires(settings, monkeypatch):
    from django.core.cache import cache

    from adviesraad import memo
    from adviezen import selectors
    from adviezen.selectors import PUBLIC_CACHE_VERSION_KEY

    settings.PROCESS_MEMO_SECONDS = 1
    selectors.public_cache_version_forget()
    first = selectors.public_cache_version()
    cache.incr(PUBLIC_CACHE_VERSION_KEY)
    now = memo.time.monotonic()
    monkeypatch.setattr(memo.time, "monotonic", lambda: now + 0.5)
    assert selectors.public_cache_version() == first
    monkeypatch.setattr(memo.time, "monotonic", lambda: now + 1.5)
    assert selectors.public_cache_version() == first + 1


def test_council_settings_changed_here_show_at_once_despite_the_memo(
    settings, secretary, django_capture_on_commit_callbacks
):
    from members import services
    from members.selectors import council_settings_get

    settings.PROCESS_MEMO_SECONDS = 60
    council_settings_get()
    with django_capture_on_commit_callbacks(execute=True):
        services.council_settings_update(
            by=secretary, data={"name": "Adviesraad Sociaal Domein Zuid"}
        )
    assert council_settings_get().name == "Adviesraad Sociaal Domein Zuid"


@pytest.mark.redis
def test_the_redis_cache_reuses_one_client_per_pool(settings):
    from django.core.cache import caches

    from adviesraad.cache import ReusingRedisCacheClient

    backend = caches.create_connection("default")
    assert isinstance(backend._cache, ReusingRedisCacheClient)
    backend.set("page-cache-test", b"x", 30)
    assert backend.get("page-cache-test") == b"x"
    assert backend._cache.get_client(write=True) is backend._cache.get_client(write=True)
    backend.delete("page-cache-test")
    assert backend.get("page-cache-test") is None


def test_fragments_kept_per_process_follow_the_language(client):
    dutch = client.get("/privacy/").content.decode()
    client.cookies["django_language"] = "en"
    english = client.get("/privacy/").content.decode()
    assert ">Signaal melden</a>" in dutch and ">Inloggen</a>" in dutch
    assert ">Signaal melden</a>" not in english and ">Log in</a>" in english
    assert "Privacyverklaring" in dutch and "Privacyverklaring" not in english


def test_query_strings_are_never_stored_in_the_shared_cache(client):
    published_advice(title="Eerste advies")
    for n in range(3):
        client.get(f"/adviezen/?utm={n}")
        again = client.get(f"/adviezen/?utm={n}")
        assert "X-Page-Cache" not in again and b"Eerste advies" in again.content
    client.get("/adviezen/")
    assert client.get("/adviezen/")["X-Page-Cache"] == "hit"


def test_cached_pages_are_kept_per_host_and_an_unknown_host_is_refused(client):
    published_advice(title="Eerste advies")
    client.get("/adviezen/feed/", HTTP_HOST="localhost")
    assert client.get("/adviezen/feed/", HTTP_HOST="localhost")["X-Page-Cache"] == "hit"
    other = client.get("/adviezen/feed/", HTTP_HOST="127.0.0.1")
    assert "X-Page-Cache" not in other and b"http://127.0.0.1/" in other.content
    assert client.get("/adviezen/", HTTP_HOST="evil.example").status_code == 400


def test_a_change_to_a_public_meeting_invalidates_the_cached_pages(
    client, secretary, django_capture_on_commit_callbacks
):
    from meetings import services as meeting_services
    from tests.factories.meetings import MeetingFactory

    with django_capture_on_commit_callbacks(execute=True):
        meeting = MeetingFactory(title="Plenaire vergadering juni")
    path = f"/vergaderingen/{meeting.pk}/"
    client.get(path)
    assert client.get(path)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        meeting_services.agenda_item_add(
            meeting=meeting, by=secretary, title="Inkomensondersteuning", section="other"
        )
    fresh = client.get(path)
    assert "X-Page-Cache" not in fresh and b"Inkomensondersteuning" in fresh.content
