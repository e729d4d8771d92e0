"""``/robots.txt`` and the DiWoo sitemaps for the Woo-index (``opendata.diwoo``).

Links are absolute HTTPS URLs on the host that was asked (the Woo-index accepts HTTPS only).
Every response is a public page: kept in the page cache and forgotten by ``public_changed()``.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.urls import reverse

from adviesraad.pagecache import public_page
from adviezen.publication import requests_published
from members.selectors import council_settings_get

from . import diwoo, rules, selectors

XML = "application/xml; charset=utf-8"


def _base(request) -> str:
    return f"https://{request.get_host()}"


def _category(slug: str, council) -> str:
    """The published category behind ``slug`` (404 for an unknown or unpublished one)."""
    published = rules.sitemap_categories(
        meetings_under_woo=council.meetings_under_woo, publisher=council.tooi_publisher
    )
    for code in published:
        if rules.Category.SLUGS[code] == slug:
            return code
    raise Http404


def _documents(council, category: str):
    return selectors.public_documents(
        publish_requests=requests_published(), categories=frozenset([category])
    )


@public_page
def robots_txt(request):
    council = council_settings_get()
    lines = ["User-agent: *", "Disallow: /intern/", "Disallow: /admin/", ""]
    base = _base(request)
    for code in rules.sitemap_categories(
        meetings_under_woo=council.meetings_under_woo, publisher=council.tooi_publisher
    ):
        path = reverse("opendata:sitemap_index", args=[rules.Category.SLUGS[code]])
        lines.append(f"Sitemap: {base}{path}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@public_page
def sitemap_index(request, slug):
    council = council_settings_get()
    docs = _documents(council, _category(slug, council))
    size = rules.SITEMAP_PAGE_SIZE
    pages = []
    for number in range(1, rules.sitemap_pages(len(docs)) + 1):
        chunk = docs[(number - 1) * size : number * size]
        loc = _base(request) + reverse("opendata:sitemap", args=[slug, number])
        pages.append((loc, max((d.changed for d in chunk), default=None)))
    return HttpResponse(diwoo.sitemap_index(pages), content_type=XML)


@public_page
def sitemap(request, slug, number):
    council = council_settings_get()
    docs = _documents(council, _category(slug, council))
    if number < 1 or number > rules.sitemap_pages(len(docs)):
        raise Http404
    size = rules.SITEMAP_PAGE_SIZE
    chunk = docs[(number - 1) * size : number * size]
    body = diwoo.urlset(
        chunk,
        base=_base(request),
        publisher=council.tooi_publisher,
        publisher_name=council.municipality,
    )
    return HttpResponse(body, content_type=XML)
