"""The page cache in front of the public pages (``adviesraad.pagecache``), with the
production settings: what is kept, for whom, under which key, and the Cache-Control headers."""

import pytest
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.utils.cache import patch_cache_control

from adviesraad import pagecache
from tests.factories.adviezen import published_advice

pytestmark = pytest.mark.django_db

PUBLIC = "public, max-age=0, s-maxage=60"
PRIVATE = "private, no-store"


def hit(response) -> bool:
    return response.get("X-Page-Cache") == "hit"


def private(response) -> bool:
    """Kept by no cache: ``private, no-store`` (or Django's ``never_cache``, which says both)."""
    control = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= control and "public" not in control


def test_second_anonymous_visit_is_served_from_the_cache_with_security_headers(client):
    published_advice(title="Eerste advies")
    first = client.get("/adviezen/")
    second = client.get("/adviezen/")
    assert not hit(first) and hit(second)
    assert second.content == first.content
    assert b"Eerste advies" in second.content
    assert first["Cache-Control"] == second["Cache-Control"] == PUBLIC
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY" and second["X-Content-Type-Options"] == "nosniff"
    assert second["Content-Language"] == "nl" and "Cookie" in second["Vary"]
    assert second["X-Request-ID"] != first["X-Request-ID"]
    assert "csrfmiddlewaretoken" not in second.content.decode()
    assert not second.cookies


def test_logged_in_and_flash_message_requests_bypass_the_cache_and_are_private(client, member):
    client.get("/adviezen/")
    client.cookies["messages"] = "x"
    response = client.get("/adviezen/")
    assert not hit(response) and private(response)
    del client.cookies["messages"]
    client.force_login(member)
    response = client.get("/adviezen/")
    assert not hit(response) and private(response)
    assert member.get_full_name() in response.content.decode()


def test_languages_are_cached_apart(client):
    dutch = client.get("/")
    client.cookies["django_language"] = "en"
    english = client.get("/")
    assert not hit(english)
    assert '<html lang="en">' in english.content.decode()
    assert '<html lang="nl">' in dutch.content.decode()
    assert hit(client.get("/"))


def test_made_up_language_cookies_are_dutch_and_make_no_new_entries(client, monkeypatch):
    """Issue 14, finding 7: 30 made-up values of the language cookie leave one entry."""
    pages = caches["pages"]
    stored = []
    real_set = pages.set
    monkeypatch.setattr(
        pages, "set", lambda key, *a, **kw: (stored.append(key), real_set(key, *a, **kw))
    )
    responses = []
    for n in range(30):
        client.cookies["django_language"] = f"xx-{n}"
        responses.append(client.get("/adviezen/"))
    assert len(stored) == 1 and stored[0].startswith("nl:")
    assert all(hit(r) for r in responses[1:])
    assert all('<html lang="nl">' in r.content.decode() for r in responses)


def test_form_internal_and_error_pages_are_never_kept_and_private(client):
    for path in ("/signaal/", "/accounts/login/", "/intern/vergaderingen/", "/bestaat-niet/"):
        client.get(path)
        response = client.get(path)
        assert not hit(response), path
        assert private(response), path


def test_the_language_switch_needs_no_token_but_only_accepts_post():
    strict = Client(enforce_csrf_checks=True)
    assert strict.get("/i18n/setlang/?language=en").status_code == 405
    response = strict.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert strict.cookies["django_language"].value == "en"
    assert private(response)  # it sets a cookie


@pytest.mark.parametrize(
    "path", ["/", "/adviezen/", "/vergaderingen/", "/publicaties/", "/privacy/", "/adviezen/feed/"]
)
def test_public_pages_are_kept_for_anonymous_visitors(client, path):
    first = client.get(path)
    assert first.status_code == 200 and first["Cache-Control"] == PUBLIC
    assert hit(client.get(path))


def test_the_personal_calendar_feed_is_never_kept(client, member):
    path = f"/vergaderingen/ical/{member.calendar_token}/"
    client.get(path)
    response = client.get(path)
    assert not hit(response) and private(response)


def test_query_strings_are_rendered_every_time_but_public(client):
    """Made-up query strings never add entries; the proxy may still keep them briefly."""
    published_advice(title="Eerste advies")
    for n in range(3):
        client.get(f"/adviezen/?utm={n}")
        again = client.get(f"/adviezen/?utm={n}")
        assert not hit(again) and b"Eerste advies" in again.content
        assert again["Cache-Control"] == PUBLIC
    client.get("/adviezen/")
    assert hit(client.get("/adviezen/"))


def test_pages_are_kept_per_host_and_an_unknown_host_is_refused(client):
    published_advice(title="Eerste advies")
    client.get("/adviezen/feed/", HTTP_HOST="localhost")
    assert hit(client.get("/adviezen/feed/", HTTP_HOST="localhost"))
    other = client.get("/adviezen/feed/", HTTP_HOST="127.0.0.1")
    assert not hit(other) and b"http://127.0.0.1/" in other.content
    assert client.get("/adviezen/", HTTP_HOST="evil.example").status_code == 400


def test_the_base_template_follows_the_language(client):
    dutch = client.get("/privacy/").content.decode()
    client.cookies["django_language"] = "en"
    english = client.get("/privacy/").content.decode()
    assert ">Signaal melden</a>" in dutch and ">Inloggen</a>" in dutch
    assert ">Signaal melden</a>" not in english and ">Log in</a>" in english
    assert "Privacyverklaring" in dutch and "Privacyverklaring" not in english


def _render_old_page(*, change_meanwhile: bool):
    """Run the middleware around a 'view' that renders an old page; a change may commit
    (another process publishes) while it renders."""

    def view(request):
        response = HttpResponse(b"<p>Oud advies</p>")
        patch_cache_control(response, public=True, max_age=0, s_maxage=60)
        if change_meanwhile:
            pagecache.forget_public_pages()
        return response

    pagecache.PageCacheMiddleware(view)(RequestFactory().get("/adviezen/"))


def test_a_page_rendered_before_a_change_is_never_served_after_it(client):
    """The generation is read before the page renders, so a page rendered from data older
    than a change is stored as stale and never served."""
    published_advice(title="Nieuw advies")
    _render_old_page(change_meanwhile=True)
    response = client.get("/adviezen/")
    assert not hit(response) and "Nieuw advies" in response.content.decode()


def test_a_page_rendered_without_a_change_meanwhile_is_served(client):
    _render_old_page(change_meanwhile=False)
    response = client.get("/adviezen/")
    assert hit(response) and response.content == b"<p>Oud advies</p>"


def test_a_rolled_back_change_forgets_nothing(client, django_capture_on_commit_callbacks):
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            pagecache.public_changed()
            raise RuntimeError
    assert hit(client.get("/"))
    with django_capture_on_commit_callbacks(execute=True):
        pagecache.public_changed()
    assert not hit(client.get("/"))


def test_a_flushed_cache_starts_a_new_generation(client):
    client.get("/")
    caches["pages"].delete(pagecache.GENERATION_KEY)  # as after a flush or an eviction
    assert not hit(client.get("/"))
    assert hit(client.get("/"))


def test_head_requests_share_the_page_of_get(client):
    client.get("/vergaderingen/")
    assert hit(client.head("/vergaderingen/"))


def test_a_not_found_page_is_never_kept(client):
    assert client.get("/adviezen/bestaat-niet/").status_code == 404
    published_advice(slug="bestaat-niet")  # behind the services' back: no invalidation
    assert client.get("/adviezen/bestaat-niet/").status_code == 200


def test_pages_with_personal_data_are_private(client, member, secretary):
    """Issue 14 (hardening): profile, IBAN, declarations, signals: ``private, no-store``."""
    from django.urls import reverse

    from tests.factories.adviezen import SignalFactory
    from tests.factories.budget import DeclarationFactory

    declaration = DeclarationFactory(claimant=member)
    client.force_login(member)
    for path in (
        reverse("members:profile"),
        reverse("dashboard"),
        reverse("budget:declaration_list"),
        reverse("budget:declaration_detail", args=[declaration.pk]),
        "/",  # a public page, but with the member's name in it
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert private(response), path
    signal = SignalFactory(contact_name="Mevrouw Jansen", contact_email="jansen@example.org")
    client.force_login(secretary)
    response = client.get(reverse("adviezen:signal", args=[signal.pk]))
    assert response.status_code == 200 and "jansen@example.org" in response.content.decode()
    assert private(response)


def test_a_failing_page_cache_after_commit_never_reaches_the_caller(
    secretary, member, monkeypatch, django_capture_on_commit_callbacks
):
    """Issue 12, finding 10: the invalidation runs after commit and never raises into the
    request; the hooks registered after it (here: sending the agenda pack) still run."""
    from meetings import services as meetings_services
    from meetings.models import AgendaPackSending
    from tests.factories.meetings import AgendaItemFactory, MeetingFactory, at
    from tests.factories.members import TermFactory

    TermFactory(member=member)
    meeting = MeetingFactory(start=at(10))
    AgendaItemFactory(meeting=meeting, title="Opening")

    def broken(*args, **kwargs):
        raise RuntimeError("the page cache is broken")

    pages = caches["pages"]
    monkeypatch.setattr(pages, "incr", broken)
    monkeypatch.setattr(pages, "set", broken)
    with django_capture_on_commit_callbacks(execute=True):
        sending = meetings_services.agenda_pack_send(meeting=meeting, by=secretary)
    sending.refresh_from_db()
    assert sending.status == AgendaPackSending.Status.SENT
