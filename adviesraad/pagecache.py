"""The one page cache for anonymous public pages, and the one function that invalidates it.

Every service that changes something the public sees (a publication, a withdrawal, a college
response, a public meeting, agenda item, document or minutes, an annual plan or report, the
council's name or contact address) calls :func:`public_changed` inside its transaction. The
cached pages are forgotten after the commit, so a rolled-back change invalidates nothing and
the next anonymous request shows the change.

How it works (Django's cache API only, on the ``CACHES["pages"]`` alias):

- A view whose response is the same for every anonymous visitor says so with
  :func:`public_page` (``Cache-Control: public, max-age=0, s-maxage=...``, so the reverse
  proxy may keep it briefly too).
- :class:`PageCacheMiddleware` stores such a response for an anonymous ``GET`` without a
  query string, keyed on scheme, host, path and the page's language (one of
  ``settings.LANGUAGES``: a made-up language cookie is read as Dutch and makes no new
  entry). A later request for the same key is answered before sessions, authentication and
  templates run.
- Every stored page carries the *generation* it was rendered under; the generation is one
  number in the same cache, read with the page in one round trip. :func:`public_changed`
  raises it after commit, and a page of an older generation is never served. The
  generation is read before the page renders, so a page rendered from data older than a
  change can never be stored as current.
- What changes by the clock alone (a meeting becoming past) shows within
  ``PAGE_CACHE_SECONDS``.
- Every other response gets ``Cache-Control: private, no-store`` unless the view set its own,
  and any response for a visitor with a session or flash message (logged in: names, IBANs,
  declarations, signals) gets ``private, no-store`` whatever the view said.

Requests with a query string (filters, searches, pages 2 and up, tracking parameters) are
rendered every time: a visitor can make up any number of them, and the shared Redis (also the
Celery broker) should hold a number of entries bounded by the site's real public pages,
languages and hosts. Those pages are kept fast without a cache (``docs/performance.md``).

When the cache does not answer, pages are rendered without it (``ResilientRedisCache``).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from functools import wraps
from hashlib import sha256

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags

from .middleware import chosen_language

logger = logging.getLogger(__name__)

ALIAS = "pages"
GENERATION_KEY = "generation"
# Cookies that make a page personal: the session (logged in) and flash messages.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
PRIVATE = "private, no-store"
# Headers never replayed from a stored page (the outer middleware sets them per request).
NOT_STORED = {"set-cookie", "x-request-id", "cache-control"}
MAX_BYTES = 2 * 1024 * 1024  # the largest page kept (a public agenda PDF fits)


def public_changed() -> None:
    """Something the public sees changed: forget every cached public page after commit."""
    transaction.on_commit(forget_public_pages, robust=True)


def forget_public_pages() -> None:
    """Raise the generation now: every page stored so far is stale."""
    cache = caches[ALIAS]
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet (a new or flushed cache) or it does not answer
        cache.set(GENERATION_KEY, secrets.randbits(48), None)


def public_page(view: Callable) -> Callable:
    """Decorator: this view's response is the same for every anonymous visitor (public
    content only, no CSRF token, nothing about the visitor), so the page cache and a reverse
    proxy may keep it. Logged-in visitors still get ``private, no-store``."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_cache_control(
            response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_PROXY_SECONDS
        )
        return response

    return wrapped


def page_key(request) -> str | None:
    """The cache key of an anonymous request that may be answered from the cache, else None."""
    if request.method not in ("GET", "HEAD") or request.META.get("QUERY_STRING"):
        return None
    if any(name in request.COOKIES for name in PERSONAL_COOKIES):
        return None
    try:
        host = request.get_host()  # the RSS feed holds absolute links
    except DisallowedHost:
        return None  # the view answers 400
    where = f"{request.scheme}://{host}{request.path}"
    return f"{chosen_language(request)}:{sha256(where.encode()).hexdigest()}"


def _generation(cache, found: dict) -> int | None:
    generation = found.get(GENERATION_KEY)
    if generation is None:  # first request after a flush: start at a random number, so a
        # page that outlived the old generation can never match the new one
        cache.add(GENERATION_KEY, secrets.randbits(48), None)
        generation = cache.get(GENERATION_KEY)
    return generation


def _is_personal(request, response) -> bool:
    return bool(response.cookies) or any(name in request.COOKIES for name in PERSONAL_COOKIES)


class PageCacheMiddleware:
    """Answers anonymous public pages from ``CACHES["pages"]`` and sets ``Cache-Control`` on
    every response (see the module docstring). Sits after WhiteNoise (static files keep their
    own headers) and before sessions, so a hit costs one cache round trip."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = page_key(request)
        generation = None
        if key is not None:
            cache = caches[ALIAS]
            found = cache.get_many([GENERATION_KEY, key])
            generation = _generation(cache, found)
            kept = found.get(key)
            if kept is not None and generation is not None and kept[0] == generation:
                return self._replay(kept, request)
        response = self.get_response(request)
        control = response.get("Cache-Control", "")
        if not control or ("public" in control and _is_personal(request, response)):
            response["Cache-Control"] = PRIVATE  # kept by no cache, the default
        elif "public" in control and key is not None and generation is not None:
            self._store(key, generation, response)
        return response

    @staticmethod
    def _store(key: str, generation: int, response) -> None:
        if response.status_code != 200 or getattr(response, "streaming", False):
            return
        if len(response.content) > MAX_BYTES:
            return
        headers = [(k, v) for k, v in response.items() if k.lower() not in NOT_STORED]
        page = (generation, headers, response.content, response["Cache-Control"])
        caches[ALIAS].set(key, page, settings.PAGE_CACHE_SECONDS)

    @staticmethod
    def _replay(kept, request) -> HttpResponse:
        _generation, headers, content, control = kept
        etag = next((v for k, v in headers if k.lower() == "etag"), None)
        if etag and etag in parse_etags(request.META.get("HTTP_IF_NONE_MATCH", "")):
            response = HttpResponseNotModified()  # a conditional request for a kept page
        else:
            response = HttpResponse(content)
        for name, value in headers:
            if response.status_code == 304 and name.lower() in ("content-type", "content-length"):
                continue
            response[name] = value
        response["Cache-Control"] = control
        response["X-Page-Cache"] = "hit"
        return response
