"""The client's address and the request id behind a trusted proxy (issue 14, "The proxy").

Forwarded headers count only when the request comes from an address in ``TRUSTED_PROXIES``;
from anyone else they are the client's own words and change nothing.
"""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from adviesraad.models import AuditEntry

PROXY = "10.0.0.2"


def client_ip(request):
    from adviesraad.net import client_ip as real

    return real(request)


def _request(remote="203.0.113.9", forwarded=None, **extra):
    meta = {"REMOTE_ADDR": remote, **extra}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_trusted_proxies_a_spoofed_forwarded_for_changes_nothing(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(_request(forwarded="198.51.100.1")) == "203.0.113.9"


def test_from_an_untrusted_address_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert client_ip(_request(remote="203.0.113.9", forwarded="198.51.100.1")) == "203.0.113.9"


def test_from_the_trusted_proxy_the_header_names_the_client(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert client_ip(_request(remote=PROXY, forwarded="198.51.100.1")) == "198.51.100.1"


def test_a_client_cannot_prepend_an_address_through_the_proxy(settings):
    # The proxy appends the address it saw; whatever the client sent stands to its left.
    settings.TRUSTED_PROXIES = [PROXY]
    request = _request(remote=PROXY, forwarded="1.2.3.4, 198.51.100.1")
    assert client_ip(request) == "198.51.100.1"


def test_trusted_proxies_may_be_networks_and_chains(settings):
    settings.TRUSTED_PROXIES = ["172.16.0.0/12", "2001:db8::/32"]
    request = _request(remote="172.18.0.5", forwarded="1.2.3.4, 198.51.100.7, 172.18.0.9")
    assert client_ip(request) == "198.51.100.7"
    assert client_ip(_request(remote="2001:db8::1", forwarded="2001:db9::5")) == "2001:db9::5"


def test_garbage_in_the_header_falls_back_to_the_proxy_address(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert client_ip(_request(remote=PROXY, forwarded="<script>")) == PROXY
    assert client_ip(_request(remote=PROXY)) == PROXY


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("10.0.0.2", "", "10.0.0.2"),
        ("10.0.0.2", "8.8.8.8", "8.8.8.8"),
        ("10.0.0.2", "8.8.8.8, 10.0.0.3", "8.8.8.8"),
        ("10.0.0.2", "10.0.0.4, 10.0.0.3", "10.0.0.4"),  # only proxies: the farthest one
        ("10.0.0.2", "nonsense, 8.8.8.8", "8.8.8.8"),
        ("10.0.0.2", "8.8.8.8, nonsense", "10.0.0.2"),
        ("9.9.9.9", "8.8.8.8", "9.9.9.9"),
    ],
)
def test_forwarded_client_rule(remote, forwarded, expected):
    import ipaddress

    from adviesraad.net import forwarded_client

    trusted = (ipaddress.ip_network("10.0.0.0/24"),)
    assert forwarded_client(remote=remote, forwarded=forwarded, trusted=trusted) == expected


def test_is_trusted_proxy(settings):
    from adviesraad.net import is_trusted_proxy

    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert is_trusted_proxy("10.0.0.200")
    assert not is_trusted_proxy("10.0.1.1")
    assert not is_trusted_proxy("")
    assert not is_trusted_proxy(None)


# --- the request id -------------------------------------------------------------------


@pytest.mark.django_db
def test_a_client_cannot_choose_the_request_id(client, settings):
    settings.TRUSTED_PROXIES = []
    response = client.get("/privacy/", headers={"X-Request-ID": "spoofed-id-1234"})
    assert response["X-Request-ID"] != "spoofed-id-1234"
    assert len(response["X-Request-ID"]) == 32


@pytest.mark.django_db
def test_the_trusted_proxy_may_pass_its_request_id(client, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    response = client.get("/privacy/", headers={"X-Request-ID": "proxy-id-1234"}, REMOTE_ADDR=PROXY)
    assert response["X-Request-ID"] == "proxy-id-1234"
    bad = client.get("/privacy/", headers={"X-Request-ID": "bad id\n"}, REMOTE_ADDR=PROXY)
    assert bad["X-Request-ID"] != "bad id\n" and len(bad["X-Request-ID"]) == 32
    trailing = client.get("/privacy/", headers={"X-Request-ID": "id-1234\n"}, REMOTE_ADDR=PROXY)
    assert len(trailing["X-Request-ID"]) == 32


@pytest.mark.django_db
def test_audit_records_the_spoofed_request_id_nowhere(client, member, settings):
    settings.TRUSTED_PROXIES = []
    client.post(
        reverse("login"),
        {"username": member.email, "password": "fout"},
        headers={"X-Request-ID": "spoofed-id-1234"},
    )
    entry = AuditEntry.objects.get(action="auth.login_failed")
    assert entry.request_id and entry.request_id != "spoofed-id-1234"


# --- the audit log and the rate limits use the real client ---------------------------


@pytest.mark.django_db
def test_audit_log_ip_is_the_client_behind_the_trusted_proxy(client, member, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    client.post(
        reverse("login"),
        {"username": member.email, "password": "fout"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.23",
    )
    client.post(
        reverse("login"),
        {"username": member.email, "password": "fout"},
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_FORWARDED_FOR="198.51.100.99",
    )
    ips = list(
        AuditEntry.objects.filter(action="auth.login_failed")
        .order_by("id")
        .values_list("ip_address", flat=True)
    )
    assert ips == ["198.51.100.23", "203.0.113.9"]


SIGNAL = {"title": "Wachtlijst", "description": "Lang wachten", "consent": "on"}


def _post_signals(client, n, **meta):
    return [client.post(reverse("adviezen_public:signal"), SIGNAL, **meta) for _ in range(n)]


@pytest.mark.django_db
def test_signal_limit_is_per_client_behind_the_trusted_proxy(client, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    first = _post_signals(client, 6, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert first[-1].status_code == 429
    other = client.post(
        reverse("adviezen_public:signal"),
        SIGNAL,
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.2",
    )
    assert other.status_code == 302  # another resident behind the same proxy is not limited


@pytest.mark.django_db
def test_signal_limit_cannot_be_escaped_with_a_spoofed_header(client, settings):
    settings.TRUSTED_PROXIES = []
    for n in range(5):
        client.post(
            reverse("adviezen_public:signal"), SIGNAL, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"
        )
    response = client.post(
        reverse("adviezen_public:signal"), SIGNAL, HTTP_X_FORWARDED_FOR="198.51.100.77"
    )
    assert response.status_code == 429
