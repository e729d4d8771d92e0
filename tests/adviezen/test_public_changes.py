"""Every service that changes what the anonymous public sees of advices invalidates the public
page cache after its commit (``adviesraad.pagecache.public_changed``): the next anonymous
request shows the change, with the page cache on as in production."""

import datetime

import pytest
from django.urls import reverse

from adviezen import services
from adviezen.models import Advice
from tests.factories.adviezen import AdviceFactory, published_advice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


def _anonymous(client, path) -> str:
    return client.get(path).content.decode()


def _warm(client, *paths):
    """Each page once, so the next anonymous request would come from the cache."""
    for path in paths:
        client.get(path)
        client.get(path)


PUBLIC_PAGES = [reverse("adviezen_public:list"), reverse("adviezen_public:feed"), reverse("home")]


def test_publishing_a_formal_advice_shows_at_once(
    client, secretary, django_capture_on_commit_callbacks
):
    published_advice(title="Eerder advies")
    sent = AdviceFactory(title="Werk voor statushouders", status=Advice.Status.SENT)
    Advice.objects.filter(pk=sent.pk).update(sent_at=sent.created_at)
    _warm(client, *PUBLIC_PAGES)
    with django_capture_on_commit_callbacks(execute=True):
        services.advice_publish(advice=sent, by=secretary)
    for path in PUBLIC_PAGES:
        assert "Werk voor statushouders" in _anonymous(client, path), path


def test_publishing_an_informal_note_shows_at_once(
    client, secretary, django_capture_on_commit_callbacks
):
    published_advice(title="Eerder advies")
    note = AdviceFactory(
        title="Tips voor de werkgeversdag", status=Advice.Status.APPROVED, kind="informal"
    )
    _warm(client, *PUBLIC_PAGES)
    with django_capture_on_commit_callbacks(execute=True):
        services.advice_publish(advice=note, by=secretary, public_note=True, summary="Nodig uit.")
    for path in PUBLIC_PAGES:
        assert "Tips voor de werkgeversdag" in _anonymous(client, path), path


def test_a_college_response_shows_at_once(client, secretary, django_capture_on_commit_callbacks):
    advice = published_advice(title="Schuldhulp zonder wachtlijst")
    detail = reverse("adviezen_public:detail", args=[advice.slug])
    answered = reverse("adviezen_public:list") + "?answered=yes"
    _warm(client, detail, reverse("adviezen_public:list"))
    assert "Het college neemt het advies over" not in _anonymous(client, detail)
    with django_capture_on_commit_callbacks(execute=True):
        services.college_response_register(
            advice=advice,
            by=secretary,
            received_on=datetime.date.today(),
            summary="Het college neemt het advies over.",
        )
    assert "Het college neemt het advies over" in _anonymous(client, detail)
    assert "Schuldhulp zonder wachtlijst" in _anonymous(client, answered)


def test_a_refused_publication_invalidates_nothing(
    client, secretary, django_capture_on_commit_callbacks
):
    unsent = AdviceFactory(status=Advice.Status.SENT)  # the letter has not gone out yet
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(services.AdviceError):
        services.advice_publish(advice=unsent, by=secretary)
    assert callbacks == []
