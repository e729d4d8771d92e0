"""Throttling of log-in and password reset (issue 14 findings 3 and 6; docs/rules.md, S7 and S14).

Log-in: django-axes counts failures per account and per client (``AXES_LOCKOUT_PARAMETERS``
in the settings). Log-in matches the address case-insensitively, so axes must count every
spelling of one address as the same account: :func:`axes_username` gives it the address
stripped and in lower case.

Password reset: at most ``RESET_PER_ADDRESS`` requests per address and ``RESET_PER_CLIENT``
per client an hour (django-ratelimit, the default cache). Every request counts, for a known
address or not, so the limit tells nobody whether an address exists. When the cache cannot
count (Redis down or degraded) the request goes through: a forgotten password must stay
recoverable, and Redis being down is not something an attacker chooses.
"""

from __future__ import annotations

import logging

from django_ratelimit.core import is_ratelimited

log = logging.getLogger(__name__)

RESET_PER_ADDRESS = "3/h"
RESET_PER_CLIENT = "10/h"


def normalise_email(value: object) -> str:
    """The address as log-in compares it: without surrounding spaces, in lower case."""
    return str(value or "").strip().lower()


def axes_username(request, credentials: dict | None) -> str:
    """``AXES_USERNAME_CALLABLE``: the attempted address, normalised."""
    if credentials:
        return normalise_email(credentials.get("username"))
    data = getattr(request, "data", None) or getattr(request, "POST", {})
    return normalise_email(data.get("username"))


def _limited(request, *, group: str, key, rate: str) -> bool:
    try:
        return is_ratelimited(request, group=group, key=key, rate=rate, increment=True)
    except Exception:  # the cache is down: let the request through (see the module)
        log.warning("rate limit %s: cache unavailable, not limiting", group, exc_info=True)
        return False


def password_reset_limited(request, email: str) -> bool:
    """Count one reset request for ``email`` from this client; True when over either limit."""
    address = normalise_email(email)
    # "ip" is adviesraad.net.client_ip (RATELIMIT_IP_META_KEY), IPv6 per /64 network.
    by_client = _limited(request, group="password-reset-client", key="ip", rate=RESET_PER_CLIENT)
    by_address = _limited(
        request,
        group="password-reset-address",
        key=lambda _group, _req: address,
        rate=RESET_PER_ADDRESS,
    )
    return by_client or by_address
