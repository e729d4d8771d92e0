"""DiWoo sitemaps for the Woo-index (KOOP, "DiWoo metadata": handleiding sitemapindex en
sitemaps): one sitemap index per information category, each listing sitemaps of up to
``rules.SITEMAP_PAGE_SIZE`` documents, each ``<url>`` with the direct HTTPS link to the file,
``<lastmod>`` and a ``diwoo:DiWoo`` metadata block. Built with ElementTree, so every text is
escaped; the codes are those of the TOOI value lists (docs/architecture.md, "Open data")."""

from __future__ import annotations

import datetime
from xml.etree import ElementTree as ET

from django.utils import timezone

from . import rules
from .selectors import PublicDocument

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
DIWOO_NS = "https://standaarden.overheid.nl/diwoo/metadata/"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
LANGUAGE_NL = "http://publications.europa.eu/resource/authority/language/NLD"
FILE_TYPES = {
    "application/pdf": ("PDF", "pdf"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("DOCX", "docx"),
    "application/msword": ("DOC", "doc"),
    "application/vnd.oasis.opendocument.text": ("ODT", "odt"),
}

ET.register_namespace("", SITEMAP_NS)
ET.register_namespace("diwoo", DIWOO_NS)


def _s(tag: str) -> str:
    return f"{{{SITEMAP_NS}}}{tag}"


def _d(tag: str) -> str:
    return f"{{{DIWOO_NS}}}{tag}"


def _iso(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def _xml(root: ET.Element) -> bytes:
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def sitemap_index(pages: list[tuple[str, datetime.datetime | None]]) -> bytes:
    """``<sitemapindex>`` with one ``<sitemap>`` per (absolute URL, last change)."""
    root = ET.Element(_s("sitemapindex"))
    for loc, lastmod in pages:
        sitemap = ET.SubElement(root, _s("sitemap"))
        ET.SubElement(sitemap, _s("loc")).text = loc
        if lastmod is not None:
            ET.SubElement(sitemap, _s("lastmod")).text = _iso(lastmod)
    return _xml(root)


def urlset(docs: list[PublicDocument], *, base: str, publisher: str, publisher_name: str) -> bytes:
    """``<urlset>`` with a ``<url>`` and its DiWoo metadata per document."""
    root = ET.Element(_s("urlset"))
    for doc in docs:
        url = ET.SubElement(root, _s("url"))
        ET.SubElement(url, _s("loc")).text = f"{base}{doc.path}"
        ET.SubElement(url, _s("lastmod")).text = _iso(doc.changed)
        _diwoo(
            ET.SubElement(ET.SubElement(url, _d("Document")), _d("DiWoo")),
            doc,
            publisher=publisher,
            publisher_name=publisher_name,
        )
    return _xml(root)


def _diwoo(block: ET.Element, doc: PublicDocument, *, publisher: str, publisher_name: str) -> None:
    identifiers = ET.SubElement(block, _d("identifiers"))
    ET.SubElement(identifiers, _d("identifier")).text = doc.identifier
    ET.SubElement(
        block, _d("publisher"), resource=rules.TOOI_GEMEENTE + publisher
    ).text = publisher_name
    code, label = FILE_TYPES.get(doc.media_type, ("BIN", "onbekend"))
    ET.SubElement(block, _d("format"), resource=FILE_TYPE + code).text = label
    ET.SubElement(block, _d("language"), resource=LANGUAGE_NL).text = "Nederlands"
    titles = ET.SubElement(block, _d("titelcollectie"))
    ET.SubElement(titles, _d("officieleTitel")).text = doc.title
    classes = ET.SubElement(block, _d("classificatiecollectie"))
    categories = ET.SubElement(classes, _d("informatiecategorieen"))
    ET.SubElement(
        categories, _d("informatiecategorie"), resource=rules.TOOI_KERN + doc.category
    ).text = rules.Category.LABELS[doc.category]
    ET.SubElement(block, _d("creatiedatum")).text = doc.created.isoformat()
    handlings = ET.SubElement(block, _d("documenthandelingen"))
    handling = ET.SubElement(handlings, _d("documenthandeling"))
    ET.SubElement(
        handling, _d("soortHandeling"), resource=rules.TOOI_KERN + doc.handling
    ).text = rules.Handling.LABELS[doc.handling]
    ET.SubElement(handling, _d("atTime")).text = _iso(_start_of(doc.created))


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
