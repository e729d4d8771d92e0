"""The per-process cache of /adviezen/'s results (``views_public._results_cache``): members and
other page-cache misses get the rendered list without its queries, a publication shows at
once, the cache stays bounded whatever parameters a visitor makes up."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from adviesraad.pagecache import public_changed
from adviezen import views_public
from tests.factories.adviezen import AdviceFactory, published_advice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _results_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60
    views_public._results_cache.clear()
    yield
    views_public._results_cache.clear()


def _advice_queries(client, path):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return response, [q["sql"] for q in ctx.captured_queries if "adviezen_advice" in q["sql"]]


def test_a_member_gets_the_second_list_from_the_cache_without_advice_queries(client, member):
    published_advice(title="Werk voor statushouders")
    client.force_login(member)
    first, first_queries = _advice_queries(client, "/adviezen/")
    second, second_queries = _advice_queries(client, "/adviezen/")
    assert first_queries and not second_queries
    assert "Werk voor statushouders" in second.content.decode()
    assert member.get_full_name() in second.content.decode()  # the page around it is the member's


def test_a_publication_shows_at_once(client, member, django_capture_on_commit_callbacks):
    client.force_login(member)
    client.get("/adviezen/")
    with django_capture_on_commit_callbacks(execute=True):
        published_advice(title="Schuldhulp zonder wachtlijst")
        public_changed()
    assert "Schuldhulp zonder wachtlijst" in client.get("/adviezen/").content.decode()


def test_filters_searches_and_languages_are_cached_apart(client):
    client.cookies["messages"] = "x"  # bypass the anonymous page cache
    published_advice(title="Armoede en schulden", domain="inkomen")
    published_advice(title="Werk en re-integratie", domain="werk")
    work = client.get("/adviezen/?domain=werk").content.decode()
    poverty = client.get("/adviezen/?domain=inkomen").content.decode()
    assert "Werk en re-integratie" in work and "Armoede en schulden" not in work
    assert "Armoede en schulden" in poverty and "Werk en re-integratie" not in poverty
    client.cookies["django_language"] = "en"
    english = client.get("/adviezen/?domain=werk").content.decode()
    assert "1 advice item found" in english and "1 advies gevonden" in work


def test_drafts_never_enter_the_cached_results(client, member):
    AdviceFactory(title="Concept over de bijstand")
    published_advice(title="Gepubliceerd over de bijstand")
    client.force_login(member)
    for path in ("/adviezen/", "/adviezen/?q=bijstand", "/adviezen/?q=bijstand"):
        body = client.get(path).content.decode()
        assert "Gepubliceerd over de bijstand" in body and "Concept over de bijstand" not in body


def test_made_up_parameters_cannot_grow_the_cache(client):
    client.cookies["messages"] = "x"
    published_advice()
    size = views_public._results_cache.maxsize
    for n in range(size + 20):
        assert client.get(f"/adviezen/?utm={n}").status_code == 200
    assert len(views_public._results_cache) == size


def test_turned_off_with_the_page_cache(client, member, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.force_login(member)
    published_advice(title="Eerste")
    client.get("/adviezen/")
    published_advice(title="Tweede, zonder bump")
    assert "Tweede, zonder bump" in client.get("/adviezen/").content.decode()
    assert len(views_public._results_cache) == 0


def test_detail_home_and_feed_read_published_advices_once_per_version(
    client, member, django_capture_on_commit_callbacks
):
    advice = published_advice(title="Werkfit traject")
    client.force_login(member)
    for path in (f"/adviezen/{advice.slug}/", "/", "/adviezen/feed/"):
        _advice_queries(client, path)
        _, queries = _advice_queries(client, path)
        assert not queries, path
    with django_capture_on_commit_callbacks(execute=True):
        advice.title = "Werkfit traject, aangepast"
        advice.save()
        public_changed()
    for path in (f"/adviezen/{advice.slug}/", "/", "/adviezen/feed/"):
        assert "Werkfit traject, aangepast" in client.get(path).content.decode(), path


def test_an_unknown_slug_stays_not_found(client):
    client.cookies["messages"] = "x"
    assert client.get("/adviezen/bestaat-niet/").status_code == 404
    published_advice(slug="bestaat-niet")
    assert client.get("/adviezen/bestaat-niet/").status_code == 200


def test_the_feed_is_built_per_host_and_publication(client, django_capture_on_commit_callbacks):
    published_advice(title="Eerste in de feed")
    first = client.get("/adviezen/feed/", HTTP_HOST="testserver")
    assert first["Content-Type"].startswith("application/rss+xml")
    assert b"Eerste in de feed" in first.content and b"http://testserver/" in first.content
    other_host = client.get("/adviezen/feed/", HTTP_HOST="localhost")
    assert b"http://localhost/" in other_host.content
    with django_capture_on_commit_callbacks(execute=True):
        published_advice(title="Tweede in de feed")
        public_changed()
    assert b"Tweede in de feed" in client.get("/adviezen/feed/").content
