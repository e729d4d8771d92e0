"""Rendering PDFs with WeasyPrint that fetch nothing they were not handed (docs/rules.md, S13).

All PDFs share ``templates/pdf/base.html`` (A4, council name top left, "pagina x van y"
bottom right, DejaVu Sans, language ``nl`` and a title). Public documents are tagged PDF/UA-1. The URL fetcher refuses ``file:``, ``http(s):``, redirects and
everything else except ``data:`` URIs and the exact files the caller authorised
(``allowed_files``), so text that reaches a template can never make the renderer read the
disk or the network. A refused resource is left out of the PDF and recorded on the fetcher.
"""

from __future__ import annotations

import mimetypes
import resource
from pathlib import Path

from django.template.loader import render_to_string
from weasyprint.urls import URLFetcher, URLFetcherResponse


class RestrictedURLFetcher(URLFetcher):
    """Only ``data:`` URIs and the mapping ``allowed`` (URL → authorised local file)."""

    def __init__(self, allowed: dict[str, Path] | None = None):
        super().__init__(timeout=5, allowed_protocols={"data"}, allow_redirects=False)
        self.allowed = {url: Path(path) for url, path in (allowed or {}).items()}
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if url in self.allowed:
            path = self.allowed[url]
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})
        if url.startswith("data:"):
            return super().fetch(url, headers)
        self.refused.append(url)
        raise ValueError(f"Resource not allowed in a PDF: {url[:100]}")


def render_pdf(
    template: str,
    context: dict,
    *,
    allowed_files: dict[str, Path] | None = None,
    memory_limit_mb: int | None = None,
    fetcher: RestrictedURLFetcher | None = None,
    public: bool = False,
) -> bytes:
    """Render ``template`` with ``context`` to PDF bytes.

    ``allowed_files`` maps URLs used in the template (e.g. ``"receipt:12"``) to files the caller
    has authorised. ``memory_limit_mb`` caps the address space of the process while rendering
    (for workers; a render over the cap fails with ``MemoryError`` and the caller marks it failed).
    ``public`` (a document the public downloads: advice letter, public agenda and minutes,
    annual plan and report) makes a tagged PDF/UA-1 file; its language (``<html lang="nl">``)
    and title (``<title>``) come from ``templates/pdf/base.html`` (docs/rules.md, D38).
    """
    from weasyprint import HTML

    html = render_to_string(template, context)
    fetcher = fetcher or RestrictedURLFetcher(allowed_files)
    old_limit = None
    if memory_limit_mb:
        old_limit = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (memory_limit_mb * 1024 * 1024, old_limit[1]))
    try:
        document = HTML(string=html, base_url="about:blank", url_fetcher=fetcher)
        if public:
            return document.write_pdf(pdf_variant="pdf/ua-1")
        return document.write_pdf()
    finally:
        if old_limit is not None:
            resource.setrlimit(resource.RLIMIT_AS, old_limit)
