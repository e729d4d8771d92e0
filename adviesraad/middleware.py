"""Request id (the content security policy is django-csp's: ``CONTENT_SECURITY_POLICY``).

The request id ties log lines and audit records of one request together. It is taken from the
``X-Request-ID`` header only when the request comes from a trusted proxy (``TRUSTED_PROXIES``,
see ``adviesraad.net``) and the value is a short token; otherwise it is generated here, so a
client cannot write its own ids into the audit log.
"""

import contextvars
import logging
import re
import uuid

from django.conf import settings

from .net import is_trusted_proxy

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_VALID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def current_request_id() -> str:
    return _request_id.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = ""
        if is_trusted_proxy(request.META.get("REMOTE_ADDR")):
            incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


class RequestIdLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id()
        return True


def chosen_language(request) -> str:
    """The language the visitor chose with the switch (its cookie), if the site offers it;
    otherwise the site's language (Dutch)."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    offered = any(chosen == code for code, _name in settings.LANGUAGES)
    return chosen if offered else settings.LANGUAGE_CODE


class CouncilLocaleMiddleware:
    """Dutch unless the visitor chose English with the language switch.

    Django's ``LocaleMiddleware`` follows the browser's ``Accept-Language``, which would give an
    English browser a half-English page; here only the switch's cookie (or session) counts.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import translation
        from django.utils.cache import patch_vary_headers

        language = chosen_language(request)
        request.LANGUAGE_CODE = language
        # override() restores the previous language afterwards, so nothing leaks into the
        # thread's next piece of work (a task run in-process, a test, the next request).
        with translation.override(language):
            response = self.get_response(request)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response
