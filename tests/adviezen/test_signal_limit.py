"""The public signal form's limit (issue 13, item 7; docs/rules.md S14): five stored signals
per client an hour. A form sent back with an error does not count, and whatever goes wrong
the resident's text comes back in the form."""

import pytest
from django.urls import reverse

from adviezen.models import Signal

pytestmark = pytest.mark.django_db

URL = "adviezen_public:signal"
VALID = {"title": "Wachtlijst schuldhulp", "description": "Drie maanden wachten", "consent": "on"}
INVALID = {"title": "Wachtlijst schuldhulp", "description": "Drie maanden wachten"}  # no consent
PROXY = "10.0.0.2"


def _post(client, data, ip="198.51.100.7"):
    return client.post(reverse(URL), data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ip)


@pytest.fixture(autouse=True)
def _proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY]


def test_failed_attempts_do_not_count(client):
    for _ in range(6):
        response = _post(client, INVALID)
        assert response.status_code == 200
        assert "Drie maanden wachten" in response.content.decode()  # the text stays
    assert _post(client, VALID).status_code == 302
    assert Signal.objects.count() == 1


def test_the_fifth_stored_signal_is_allowed_the_sixth_refused_with_the_text_kept(client):
    for n in range(5):
        _post(client, INVALID)  # errors in between change nothing
        assert _post(client, VALID).status_code == 302, f"signal {n + 1}"
    assert Signal.objects.count() == 5
    sixth = {**VALID, "description": "Mijn zesde signaal, met veel typwerk"}
    refused = _post(client, sixth)
    body = refused.content.decode()
    assert refused.status_code == 429 and "over een uur" in body
    assert "Mijn zesde signaal, met veel typwerk" in body
    assert 'value="Wachtlijst schuldhulp"' in body
    assert Signal.objects.count() == 5


def test_the_limit_is_per_client_behind_the_trusted_proxy(client):
    for _ in range(5):
        _post(client, VALID, ip="198.51.100.7")
    assert _post(client, VALID, ip="198.51.100.7").status_code == 429
    assert _post(client, VALID, ip="198.51.100.8").status_code == 302


def test_an_untrusted_peer_cannot_choose_its_address(client, settings):
    settings.TRUSTED_PROXIES = []
    for n in range(5):
        _post(client, VALID, ip=f"198.51.100.{n}")
    assert _post(client, VALID, ip="198.51.100.99").status_code == 429
