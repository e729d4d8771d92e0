"""What every API response carries (NL API Design Rules): an ``API-Version`` header, CORS for
``GET``, an ``ETag`` (a conditional request with a matching ``If-None-Match`` is a 304), and
the public page cache (``adviesraad.pagecache.public_page``: the response is the same for every
visitor, and ``public_changed()`` forgets it)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from hashlib import sha256

from django.http import HttpResponseNotModified
from django.utils.http import parse_etags, quote_etag

from adviesraad.pagecache import public_page

API_VERSION = "1.0.0"
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, If-None-Match",
    "Access-Control-Expose-Headers": "API-Version, ETag",
    "Access-Control-Max-Age": "86400",
}
KEPT_ON_304 = ("ETag", "API-Version", "Cache-Control", *CORS)


def api_endpoint(view: Callable) -> Callable:
    """Decorator for the API's views (see the module docstring)."""
    cached = public_page(view)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = cached(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        response["API-Version"] = API_VERSION
        for name, value in CORS.items():
            response[name] = value
        if response.status_code != 200:
            response["Cache-Control"] = "no-store"  # errors are never kept
            return response
        etag = quote_etag(sha256(response.content).hexdigest()[:32])
        response["ETag"] = etag
        if etag in parse_etags(request.META.get("HTTP_IF_NONE_MATCH", "")):
            not_modified = HttpResponseNotModified()
            for name in KEPT_ON_304:
                if name in response:
                    not_modified[name] = response[name]
            return not_modified
        return response

    return wrapped
