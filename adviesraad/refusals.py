"""Refused access leaves an audit record (docs/rules.md S21; issue 12, finding 9).

Recorded, as ``access.refused`` with the status, method and path (who, when and the request id
come with every audit entry):

* 403: a signed-in person without the right, a failed CSRF check, anyone;
* 429: too many attempts (the log-in lock-out, the public signal form's rate limit), anyone;
* 404 on a private object: a signed-in person asking for an object (by a URL that exists) that
  is not theirs to see, or does not exist.

Not recorded, so the log is not flooded by crawlers and scanners: 404s of anonymous visitors
(unknown URLs and unpublished objects alike; they are in the web server's access log) and 404s
for URLs that match no route. And at most one record per person (or, anonymously, per address),
status and path per minute: a script hammering one URL leaves one line a minute.
"""

from __future__ import annotations

import datetime
import logging

from django.utils import timezone

log = logging.getLogger(__name__)

ACTION = "access.refused"
WINDOW = datetime.timedelta(minutes=1)


def refusal_is_recorded(*, status: int, signed_in: bool, route_matched: bool) -> bool:
    """Which refusals go into the audit log (see the module)."""
    if status in (403, 429):
        return True
    return status == 404 and signed_in and route_matched


def _client_address(request) -> str | None:
    from .net import client_ip

    return client_ip(request) or None


class RefusedAccessAuditMiddleware:
    """Place after ``RequestIdMiddleware`` (the record carries the request id) and before the
    middleware that refuses (CSRF, axes), so their answers pass through here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code in (403, 404, 429):
            try:
                self.record(request, response.status_code)
            except Exception:  # the audit must never turn a refusal into a 500
                log.exception("could not record refused access to %s", request.path)
        return response

    def record(self, request, status: int) -> None:
        from .audit import audit_record
        from .models import AuditEntry

        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        route_matched = getattr(request, "resolver_match", None) is not None
        if not refusal_is_recorded(status=status, signed_in=signed_in, route_matched=route_matched):
            return
        path = request.path[:300]
        address = _client_address(request)
        recent = AuditEntry.objects.filter(
            action=ACTION,
            created_at__gte=timezone.now() - WINDOW,
            data__status=status,
            data__path=path,
        )
        recent = recent.filter(actor=user) if signed_in else recent.filter(ip_address=address)
        if recent.exists():
            return
        audit_record(
            actor=user if signed_in else "anoniem",
            action=ACTION,
            data={"status": status, "method": request.method, "path": path},
            ip_address=address,
        )
