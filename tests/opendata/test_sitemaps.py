"""DiWoo sitemaps for the Woo-index: robots.txt, one index per category, DiWoo metadata.

The DiWoo XSD cannot be downloaded on the build machine (no network besides package
registries), so every element the Woo-index requires is checked here one by one, parsed with
ElementTree, and the sitemap envelope with xmlschema's own sitemap-shaped schema below.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

import pytest
import xmlschema

from opendata import rules
from tests.factories.adviezen import published_advice

from .conftest import SECRET, planted, settings_row

pytestmark = pytest.mark.django_db
NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "diwoo": "https://standaarden.overheid.nl/diwoo/metadata/",
}
KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/"
# The sitemap protocol's envelope (sitemaps.org), with DiWoo's block allowed inside <url>.
ENVELOPE = xmlschema.XMLSchema(
    """<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
           targetNamespace="http://www.sitemaps.org/schemas/sitemap/0.9"
           xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" elementFormDefault="qualified">
  <xs:element name="urlset"><xs:complexType><xs:sequence>
    <xs:element name="url" minOccurs="0" maxOccurs="50000"><xs:complexType><xs:sequence>
      <xs:element name="loc" type="xs:anyURI"/>
      <xs:element name="lastmod" type="xs:dateTime"/>
      <xs:any namespace="https://standaarden.overheid.nl/diwoo/metadata/" processContents="skip"/>
    </xs:sequence></xs:complexType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
  <xs:element name="sitemapindex"><xs:complexType><xs:sequence>
    <xs:element name="sitemap" maxOccurs="50000"><xs:complexType><xs:sequence>
      <xs:element name="loc" type="xs:anyURI"/>
      <xs:element name="lastmod" type="xs:dateTime" minOccurs="0"/>
    </xs:sequence></xs:complexType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>"""
)


def sitemap_urls(client) -> list[str]:
    text = client.get("/robots.txt").content.decode()
    return re.findall(r"^Sitemap: (\S+)$", text, flags=re.M)


def fetch_all(client) -> dict[str, bytes]:
    """robots.txt, every index it lists and every sitemap those list."""
    seen = {"/robots.txt": client.get("/robots.txt").content}
    for index_url in sitemap_urls(client):
        index = client.get(index_url)
        assert index.status_code == 200 and index["Content-Type"].startswith("application/xml")
        ENVELOPE.validate(index.content)
        seen[index_url] = index.content
        for loc in ET.fromstring(index.content).findall("s:sitemap/s:loc", NS):
            page = client.get(loc.text)
            assert page.status_code == 200
            ENVELOPE.validate(page.content)
            seen[loc.text] = page.content
    return seen


def test_robots_lists_an_index_per_category_and_meetings_only_under_the_woo(client, plant):
    urls = sitemap_urls(client)
    assert [u.rsplit("/", 1)[1] for u in urls] == [
        "sitemapindex-adviezen.xml",
        "sitemapindex-jaarplannen-en-jaarverslagen.xml",
        "sitemapindex-onderzoeksrapporten.xml",
    ]
    assert all(u.startswith("https://") for u in urls)
    assert client.get("/woo/sitemapindex-vergaderstukken.xml").status_code == 404
    settings_row(meetings_under_woo=True)
    from adviesraad.pagecache import forget_public_pages

    forget_public_pages()
    assert sitemap_urls(client)[-1].endswith("sitemapindex-vergaderstukken.xml")


def test_no_sitemaps_without_the_municipality_code(client, db):
    settings_row(tooi_publisher="")
    assert sitemap_urls(client) == []
    assert client.get("/woo/sitemapindex-adviezen.xml").status_code == 404


def test_sitemaps_hold_public_documents_only(client, plant):
    settings_row(meetings_under_woo=True, publish_requests=True)
    text = b"\n".join(fetch_all(client).values()).decode()
    assert SECRET not in text
    for public in (
        "Openbaar advies 0",
        "Adviesaanvraag: Openbaar advies 0",
        "Reactie van het college",
        "Jaarplan 0",
        "Onderzoek 0",
        "Openbaar stuk 0",
        "Notulen Openbare vergadering 0",
    ):
        assert public in text, public


def _urls(client, slug):
    index = ET.fromstring(client.get(f"/woo/sitemapindex-{slug}.xml").content)
    page = client.get(index.find("s:sitemap/s:loc", NS).text)
    return ET.fromstring(page.content).findall("s:url", NS)


def test_every_url_has_the_required_diwoo_elements(client, plant):
    settings_row(meetings_under_woo=True, publish_requests=True)
    expected = {
        "adviezen": rules.Category.ADVIEZEN,
        "jaarplannen-en-jaarverslagen": rules.Category.JAARSTUKKEN,
        "onderzoeksrapporten": rules.Category.ONDERZOEK,
        "vergaderstukken": rules.Category.VERGADERSTUKKEN,
    }
    for slug, category in expected.items():
        urls = _urls(client, slug)
        assert urls, slug
        for url in urls:
            loc = url.find("s:loc", NS).text
            assert loc.startswith("https://testserver/")
            assert client.get(loc.replace("https://testserver", "")).status_code == 200, loc
            assert re.match(
                r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$", url.find("s:lastmod", NS).text
            )
            block = url.find("diwoo:Document/diwoo:DiWoo", NS)
            publisher = block.find("diwoo:publisher", NS)
            assert (
                publisher.get("resource")
                == "https://identifier.overheid.nl/tooi/id/gemeente/gm0439"
            )
            assert publisher.text == "Gemeente Purmerend"
            assert block.find("diwoo:titelcollectie/diwoo:officieleTitel", NS).text
            cat = block.find(
                "diwoo:classificatiecollectie/diwoo:informatiecategorieen/diwoo:informatiecategorie",
                NS,
            )
            assert (
                cat.get("resource") == KERN + category
                and cat.text == rules.Category.LABELS[category]
            )
            assert re.match(r"\d{4}-\d\d-\d\d$", block.find("diwoo:creatiedatum", NS).text)
            handling = block.find(
                "diwoo:documenthandelingen/diwoo:documenthandeling/diwoo:soortHandeling", NS
            )
            assert handling.text in ("vaststelling", "ontvangst")
            assert (
                handling.get("resource")
                == KERN + {"vaststelling": "c_641ecd76", "ontvangst": "c_dfcee535"}[handling.text]
            )
            assert block.find(
                "diwoo:documenthandelingen/diwoo:documenthandeling/diwoo:atTime", NS
            ).text
            assert block.find("diwoo:identifiers/diwoo:identifier", NS).text
            fmt = block.find("diwoo:format", NS)
            assert fmt.text == "pdf" and fmt.get("resource").endswith("/file-type/PDF")
            language = block.find("diwoo:language", NS)
            assert language.get("resource").endswith("/language/NLD")


def test_received_documents_are_ontvangst_and_the_councils_own_vaststelling(client, plant):
    settings_row(publish_requests=True)
    found = {}
    for url in _urls(client, "adviezen"):
        block = url.find("diwoo:Document/diwoo:DiWoo", NS)
        title = block.find("diwoo:titelcollectie/diwoo:officieleTitel", NS).text
        found[title] = (
            block.find(
                "diwoo:documenthandelingen/diwoo:documenthandeling/diwoo:soortHandeling", NS
            ).text,
            block.find("diwoo:identifiers/diwoo:identifier", NS).text,
        )
    advice = plant["advices"][0]
    assert found["Openbaar advies 0"] == ("vaststelling", advice.reference)
    assert found["Adviesaanvraag: Openbaar advies 0"][0] == "ontvangst"
    assert found["Reactie van het college: Openbaar advies 0"][0] == "ontvangst"


def test_a_title_with_markup_is_escaped(client, db):
    settings_row(tooi_publisher="gm0439")
    published_advice(title='Zorg & <welzijn> "nu"')
    content = client.get("/woo/sitemap-adviezen-1.xml").content
    ET.fromstring(content)  # well-formed
    assert b"Zorg &amp; &lt;welzijn&gt;" in content


def test_a_page_beyond_the_last_is_404(client, plant):
    assert client.get("/woo/sitemap-adviezen-1.xml").status_code == 200
    assert client.get("/woo/sitemap-adviezen-2.xml").status_code == 404
    assert client.get("/woo/sitemap-adviezen-0.xml").status_code == 404


def test_sitemaps_split_into_pages(client, db, settings, monkeypatch):
    settings_row(tooi_publisher="gm0439")
    monkeypatch.setattr(rules, "SITEMAP_PAGE_SIZE", 2)
    for i in range(5):
        published_advice(title=f"Advies {i}")
    index = ET.fromstring(client.get("/woo/sitemapindex-adviezen.xml").content)
    locs = [e.text for e in index.findall("s:sitemap/s:loc", NS)]
    assert [loc.rsplit("/", 1)[1] for loc in locs] == [
        "sitemap-adviezen-1.xml",
        "sitemap-adviezen-2.xml",
        "sitemap-adviezen-3.xml",
    ]
    counts = [len(ET.fromstring(client.get(loc).content).findall("s:url", NS)) for loc in locs]
    assert counts == [2, 2, 1]


def test_sitemaps_are_in_the_page_cache_and_forgotten_on_publishing(client, plant):
    client.get("/woo/sitemap-adviezen-1.xml")
    assert client.get("/woo/sitemap-adviezen-1.xml").get("X-Page-Cache") == "hit"
    published_advice(title="Net gepubliceerd")
    from adviesraad.pagecache import forget_public_pages

    forget_public_pages()
    assert b"Net gepubliceerd" in client.get("/woo/sitemap-adviezen-1.xml").content


@pytest.mark.parametrize("slug", ["adviezen", "vergaderstukken"])
def test_sitemap_queries_equal_at_1x_and_10x(client, db, slug):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings_row(tooi_publisher="gm0439", meetings_under_woo=True, publish_requests=True)
    counts = []
    for n in (1, 9):
        planted(n)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/woo/sitemap-{slug}-1.xml?n={n}").status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1], counts


def test_a_request_that_is_no_pdf_says_its_own_format(client, db):
    from django.core.files.base import ContentFile

    settings_row(tooi_publisher="gm0439", publish_requests=True)
    published_advice(
        title="Advies met Word-aanvraag", request_document=ContentFile(b"PK", name="a.docx")
    )
    found = {}
    for url in ET.fromstring(client.get("/woo/sitemap-adviezen-1.xml").content).findall(
        "s:url", NS
    ):
        block = url.find("diwoo:Document/diwoo:DiWoo", NS)
        found[block.find("diwoo:titelcollectie/diwoo:officieleTitel", NS).text] = (
            block.find("diwoo:format", NS).text,
            url.find("s:loc", NS).text,
        )
    fmt, loc = found["Adviesaanvraag: Advies met Word-aanvraag"]
    assert fmt == "docx"
    response = client.get(loc.replace("https://testserver", ""))
    assert response.status_code == 200
    assert "wordprocessingml" in response["Content-Type"]
    assert response["Content-Disposition"].endswith('-adviesaanvraag.docx"')
