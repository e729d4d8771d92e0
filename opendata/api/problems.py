"""``application/problem+json`` errors (RFC 9457), as the NL API Design Rules ask: every error
of the API answers in this shape, and a filter the API does not know is a 400, never a 500."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response

from ..rules import FilterError

PROBLEM = "application/problem+json"
TYPES = {
    400: "https://datatracker.ietf.org/doc/html/rfc9110#name-400-bad-request",
    404: "https://datatracker.ietf.org/doc/html/rfc9110#name-404-not-found",
    405: "https://datatracker.ietf.org/doc/html/rfc9110#name-405-method-not-allowed",
    406: "https://datatracker.ietf.org/doc/html/rfc9110#name-406-not-acceptable",
}


class BadParameter(exceptions.APIException):
    """A query parameter that is unknown or has a value the API cannot use."""

    status_code = 400

    def __init__(self, param: str, reason: str):
        super().__init__(reason)
        self.param = param
        self.reason = reason


def problem(request, status: int, title: str, detail: str, **extra) -> Response:
    body = {
        "type": TYPES.get(status, "about:blank"),
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.get_full_path() if request is not None else "",
        **extra,
    }
    return Response(body, status=status, content_type=PROBLEM)


def exception_handler(exc, context):
    """DRF's exception handler for the API: every error as problem details."""
    request = context.get("request")
    if isinstance(exc, FilterError):
        exc = BadParameter(exc.param, str(exc))
    if isinstance(exc, BadParameter):
        return problem(
            request,
            400,
            _("Ongeldige parameter"),
            _("Een parameter in de vraag is onbekend of heeft een waarde die niet kan."),
            invalidParams=[{"name": exc.param, "code": "invalid", "reason": exc.reason}],
        )
    if isinstance(exc, (Http404, exceptions.NotFound)):
        return problem(
            request, 404, _("Niet gevonden"), _("Dit object bestaat niet of is niet openbaar.")
        )
    if isinstance(exc, exceptions.APIException):
        return problem(request, exc.status_code, str(exc.default_detail), str(exc.detail))
    return None
