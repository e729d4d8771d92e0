"""The client's address, also behind the reverse proxy (issue 14, "The proxy").

Behind a proxy every request comes from the proxy's address, and the proxy names the client in
``X-Forwarded-For``. Anybody can send that header, so it counts only when the request comes
from an address in ``TRUSTED_PROXIES`` (addresses or networks, from the environment; empty by
default, so without a configured proxy the header changes nothing). The log-in throttle
(django-axes), the rate limits (django-ratelimit) and the audit log all use :func:`client_ip`.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES: {entry!r} is not an IP address or network"
            ) from exc
    return tuple(networks)


def trusted_proxies() -> tuple[Network, ...]:
    """The configured proxy networks (``TRUSTED_PROXIES``)."""
    return _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))


def _address(value: str | None) -> Address | None:
    try:
        address = ipaddress.ip_address((value or "").strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _within(address: Address, networks: Iterable[Network]) -> bool:
    return any(address in network for network in networks)


def is_trusted_proxy(remote_addr: str | None) -> bool:
    """Whether a request from ``remote_addr`` comes from one of the trusted proxies."""
    address = _address(remote_addr)
    return address is not None and _within(address, trusted_proxies())


def forwarded_client(*, remote: str, forwarded: str, trusted: Iterable[Network]) -> str:
    """The client's address from the peer address ``remote`` and its ``X-Forwarded-For``.

    Rule: the header is read only when ``remote`` is a trusted proxy. Each proxy appends the
    address it saw, so the header is read from the right: the first address that is not a
    trusted proxy is the client (whatever stands left of it the client wrote itself). An
    entry that is not an address stops the reading; then the last trusted hop is the answer.
    """
    trusted = tuple(trusted)
    current = _address(remote)
    if current is None or not _within(current, trusted):
        return remote
    for hop in reversed([h for h in forwarded.split(",") if h.strip()]):
        address = _address(hop)
        if address is None:
            break
        current = address
        if not _within(address, trusted):
            break
    return str(current)


def client_ip(request) -> str:
    """The address of the client that sent ``request`` (see the module's rule)."""
    return forwarded_client(
        remote=request.META.get("REMOTE_ADDR", ""),
        forwarded=request.META.get("HTTP_X_FORWARDED_FOR", ""),
        trusted=trusted_proxies(),
    )
