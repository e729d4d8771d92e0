"""Rendering PDFs with WeasyPrint that fetch nothing they were not handed (SECURITY.md 13).

All PDFs share ``templates/pdf/base.html`` (A4, council name top left, "pagina x van y"
bottom right, DejaVu Sans). The URL fetcher refuses ``file:``, ``http(s):`` and everything else
except ``data:`` URIs and the exact files the caller allowed (``allowed_files``), so text a user
typed cannot make the renderer read the disk or the network.
"""

from __future__ import annotations

import resource
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.translation import gettext as _


class PdfRenderError(Exception):
    pass


def make_url_fetcher(allowed_files: dict[str, Path] | None = None):
    allowed = dict(allowed_files or {})

    def fetcher(url: str, timeout: int = 10, ssl_context=None):
        from weasyprint import default_url_fetcher

        if url.startswith("data:"):
            return default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)
        if url in allowed:
            path = allowed[url]
            return {"string": Path(path).read_bytes(), "redirected_url": url}
        raise PdfRenderError(
            _("Het PDF-bestand verwijst naar een bron die niet is toegestaan: %(url)s")
            % {"url": url[:100]}
        )

    return fetcher


def render_pdf(
    template: str,
    context: dict,
    *,
    allowed_files: dict[str, Path] | None = None,
    memory_limit_mb: int | None = None,
) -> bytes:
    """Render ``template`` with ``context`` to PDF bytes.

    ``allowed_files`` maps URLs used in the template (e.g. ``"receipt:12"``) to files the caller
    has authorised. ``memory_limit_mb`` caps the address space of a worker process while rendering.
    """
    from weasyprint import HTML

    html = render_to_string(template, context)
    old_limit = None
    if memory_limit_mb:
        old_limit = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (memory_limit_mb * 1024 * 1024, old_limit[1]))
    try:
        return HTML(
            string=html, base_url="about:blank", url_fetcher=make_url_fetcher(allowed_files)
        ).write_pdf()
    finally:
        if old_limit is not None:
            resource.setrlimit(resource.RLIMIT_AS, old_limit)
