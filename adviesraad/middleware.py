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

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
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


class AnonymousPageCacheMiddleware:
    """Serve the public pages anonymous visitors read most from a cache, before sessions,
    authentication and templates run (issue 4: /adviezen/ at ≥ 80 % of the framework's floor).

    Only GET/HEAD requests without a query string and without a session or flash-message
    cookie, for the paths in ``CACHED_PREFIXES``, and only 200 responses that set no cookie
    are stored (headers included, so the security headers are replayed). Without query
    strings the cache holds at most one entry per public page, language and host.

    The key holds the versions named in ``PUBLIC_VERSIONS`` (each app's public version,
    raised after commit whenever what the public sees changes: a publication or college
    response in ``adviezen``, any change to a public meeting in ``meetings``), so such a
    change shows at once; anything else (the budget's publications, a meeting becoming past)
    within ``PAGE_CACHE_SECONDS`` (two minutes by default).
    """

    CACHED_PREFIXES = ("/adviezen/", "/vergaderingen/", "/publicaties/")
    CACHED_EXACT = ("/",)
    NEVER = ("/vergaderingen/ical/",)  # personal feeds behind a renewable token
    SKIP_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")

    def __init__(self, get_response):
        self.get_response = get_response

    def _key(self, request) -> str | None:
        if request.method not in ("GET", "HEAD") or not getattr(settings, "PAGE_CACHE_SECONDS", 0):
            return None
        path = request.path
        if not (path in self.CACHED_EXACT or path.startswith(self.CACHED_PREFIXES)):
            return None
        if path.startswith(self.NEVER):
            return None
        if request.META.get("QUERY_STRING"):
            # Made-up query strings would each add an entry to the shared cache; filtered and
            # searched lists are rendered (``/adviezen/`` keeps its results per process).
            return None
        if any(name in request.COOKIES for name in self.SKIP_COOKIES):
            return None
        from hashlib import sha256

        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or settings.LANGUAGE_CODE
        # the host and scheme too: the RSS feed holds absolute links (get_host() refuses a
        # host outside ALLOWED_HOSTS, as the view would)
        where = f"{request.scheme}://{request.get_host()}{request.path}"
        digest = sha256(where.encode()).hexdigest()[:40]
        versions = ".".join(str(version()) for version in self._versions())
        return f"page:{versions}:{language[:8]}:{digest}"

    _version_functions: list | None = None

    @classmethod
    def _versions(cls) -> list:
        if cls._version_functions is None:
            from django.utils.module_loading import import_string

            cls._version_functions = [import_string(p) for p in settings.PUBLIC_VERSIONS]
        return cls._version_functions

    def __call__(self, request):
        from django.core.cache import cache
        from django.http import HttpResponse

        key = self._key(request)
        if key is not None:
            hit = cache.get(key)
            if hit is not None:
                status, headers, body = hit
                response = HttpResponse(body, status=status)
                for name, value in headers:
                    response[name] = value
                response["X-Page-Cache"] = "hit"
                return response
        response = self.get_response(request)
        if (
            key is not None
            and response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
            and "private" not in response.get("Cache-Control", "")
        ):
            headers = [
                (k, v)
                for k, v in response.items()
                if k.lower() not in ("x-request-id", "set-cookie")
            ]
            cache.set(
                key, (response.status_code, headers, response.content), settings.PAGE_CACHE_SECONDS
            )
        return response
