"""Request-size limits, enforced from ``Content-Length`` before anything reads the body.

Without this an anonymous 1 GB POST to the log-in page is read in full (into the temporary
directory, for a multipart body) before Django's own limits look at it (issue 12, finding 8).
Two classes of route:

* forms (everything else): ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (1 MB);
* the upload views named in ``UPLOAD_VIEWS``, for a signed-in person:
  ``UPLOAD_REQUEST_MAX_BYTES`` (26 MB: a declaration's receipts together plus the form);
* the public upload views in ``PUBLIC_UPLOAD_VIEWS`` (the application form with its CV), for
  anyone: ``PUBLIC_UPLOAD_REQUEST_MAX_BYTES`` (6 MB: one CV plus the form).

A larger request gets 413 and a short Dutch page (rendered without the database); its body
is never read. A file within the
request limit but above its own limit (a 12 MB meeting document, a 6 MB receipt) gets the
form's error next to the field (``adviesraad.uploads.validate_upload``). The proxy in
``docker-compose.yml`` refuses bodies above the upload limit before they reach gunicorn.
A body without ``Content-Length`` (chunked) is not read by Django at all.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

log = logging.getLogger(__name__)


def content_length(meta) -> int | None:
    try:
        return int(meta.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None  # Django reads nothing of a body whose length it cannot parse


def is_upload_view(view_name: str, upload_views: Iterable[str]) -> bool:
    """``view_name`` (``namespace:name``) is listed, or its namespace is (``"admin:"``)."""
    return any(
        view_name == entry or (entry.endswith(":") and view_name.startswith(entry))
        for entry in upload_views
    )


def body_limit(
    *,
    view_name: str,
    signed_in: bool,
    upload_views: Iterable[str],
    form: int,
    upload: int,
    public_upload_views: Iterable[str] = (),
    public_upload: int = 0,
) -> int:
    """The most bytes a request body may have: the upload limit for a signed-in person on an
    upload view, the public upload limit on a public upload view (an applicant's CV), the form
    limit for everything else."""
    if signed_in and is_upload_view(view_name, upload_views):
        return upload
    if is_upload_view(view_name, public_upload_views):
        return max(form, public_upload)
    return form


class RequestSizeLimitMiddleware:
    """Answer 413 for a body above its route's limit, before CSRF (or a view) reads it.

    Must come before ``CsrfViewMiddleware`` in ``MIDDLEWARE``: its ``process_view`` reads
    ``request.POST``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        length = content_length(request.META)
        form = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if length is None or length <= form:
            return None
        match = request.resolver_match
        limit = body_limit(
            view_name=match.view_name if match else "",
            signed_in=request.user.is_authenticated,
            upload_views=settings.UPLOAD_VIEWS,
            form=form,
            upload=settings.UPLOAD_REQUEST_MAX_BYTES,
            public_upload_views=settings.PUBLIC_UPLOAD_VIEWS,
            public_upload=settings.PUBLIC_UPLOAD_REQUEST_MAX_BYTES,
        )
        if length <= limit:
            return None
        log.warning(
            "request body of %d bytes refused on %s (limit %d)", length, request.path, limit
        )
        # A page of its own (no base template, no database): it must cost nothing to send.
        page = render_to_string("413.html", {"max_mb": max(1, limit // (1024 * 1024))})
        return HttpResponse(page, status=413)
