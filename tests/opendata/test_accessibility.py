"""The accessibility statement (/toegankelijkheid/) after the Digitoegankelijk model."""

from __future__ import annotations

import datetime

import pytest

from .conftest import settings_row

pytestmark = pytest.mark.django_db


def test_statement_shows_status_date_method_issues_and_contact(client):
    settings_row(
        accessibility_status="B",
        accessibility_checked_on=datetime.date(2026, 11, 2),
        accessibility_known_issues="Oude PDF's van voor 2024 zijn niet getagd.\n\nDe kaart heeft geen tekst.",
        contact_email="toegankelijk@raad.example",
    )
    html = client.get("/toegankelijkheid/").content.decode()
    assert "B: voldoet gedeeltelijk" in html
    assert "2 november 2026" in html
    assert "axe-core" in html and "toetsenbord" in html
    assert "<li>Oude PDF&#x27;s van voor 2024 zijn niet getagd.</li>" in html
    assert "<li>De kaart heeft geen tekst.</li>" in html
    assert 'href="mailto:toegankelijk@raad.example"' in html


def test_status_and_issues_follow_the_council_setting(client):
    settings_row(
        accessibility_status="A", accessibility_known_issues="", accessibility_checked_on=None
    )
    html = client.get("/toegankelijkheid/").content.decode()
    assert "A: voldoet volledig" in html
    assert "Er zijn geen bekende problemen." in html
    assert "nog geen datum" in html
    settings_row(accessibility_status="C")
    from adviesraad.pagecache import forget_public_pages

    forget_public_pages()
    assert "C: eerste maatregelen genomen" in client.get("/toegankelijkheid/").content.decode()


@pytest.mark.parametrize(
    "url",
    ["/", "/adviezen/", "/vergaderingen/", "/publicaties/", "/privacy/", "/toegankelijkheid/"],
)
def test_every_page_links_the_statement_in_the_footer(client, url):
    html = client.get(url).content.decode()
    footer = html[html.index("<footer") :]
    assert 'href="/toegankelijkheid/"' in footer


def test_internal_pages_link_it_too(client, secretary):
    client.force_login(secretary)
    html = client.get("/dashboard/").content.decode()
    assert 'href="/toegankelijkheid/"' in html[html.index("<footer") :]


def test_statement_query_count_is_pinned(client, django_assert_num_queries):
    settings_row()
    with django_assert_num_queries(1):  # the council settings (context processor and view)
        assert client.get("/toegankelijkheid/").status_code == 200
