"""The shared PDF renderer: council name in the header, page numbers, and a fetcher that refuses
everything it was not handed (docs/rules.md, S13)."""

import base64
import io
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.template import engines
from pypdf import PdfReader

from adviesraad.pdf import RestrictedURLFetcher, render_pdf

PNG_1PX = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@pytest.fixture
def pdf_template(tmp_path, settings):
    """A template extending pdf/base.html whose body is given per test."""

    def make(body: str) -> str:
        (tmp_path / "t.html").write_text(
            '{% extends "pdf/base.html" %}{% block content %}' + body + "{% endblock %}"
        )
        settings.TEMPLATES = [
            {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
        ]
        engines._engines = {}
        return "t.html"

    yield make
    engines._engines = {}


@pytest.mark.django_db
def test_pdf_has_council_name_and_page_numbers(pdf_template):
    from members.selectors import council_settings_get

    name = pdf_template("<h1>Agenda</h1>" + "<p>regel</p>" * 120)
    pdf = render_pdf(name, {"council": council_settings_get()})
    reader = PdfReader(io.BytesIO(pdf))
    first = reader.pages[0].extract_text()
    assert "Adviesraad Sociaal Domein" in first
    assert f"pagina 1 van {len(reader.pages)}" in first
    assert len(reader.pages) >= 2


def test_fetcher_refuses_file_http_and_unknown_urls():
    fetcher = RestrictedURLFetcher({})
    for url in [
        "file:///etc/passwd",
        "http://127.0.0.1:1/x.png",
        "https://example.org/a.css",
        "ftp://x/y",
    ]:
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 4


def test_fetcher_allows_data_uri_and_authorised_file(tmp_path):
    path = tmp_path / "bon.png"
    path.write_bytes(PNG_1PX)
    fetcher = RestrictedURLFetcher({"receipt:1": path})
    assert fetcher.fetch("receipt:1").read() == PNG_1PX
    data_uri = "data:image/png;base64," + base64.b64encode(PNG_1PX).decode()
    assert fetcher.fetch(data_uri).read() == PNG_1PX


@pytest.mark.django_db
def test_render_never_contacts_a_server_or_reads_a_file_named_in_html(pdf_template):
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/leak.png"
    name = pdf_template(
        f'<img src="{url}"><link rel="stylesheet" href="{url}.css"><img src="file:///etc/passwd">'
        '<img src="bon:1"><p>tekst</p>'
    )
    fetcher = RestrictedURLFetcher({})
    pdf = render_pdf(name, {}, fetcher=fetcher)
    server.shutdown()
    assert hits == []
    assert "file:///etc/passwd" in fetcher.refused and url in fetcher.refused
    assert "tekst" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


@pytest.mark.django_db
def test_authorised_image_is_placed(pdf_template, tmp_path):
    path = tmp_path / "bon.png"
    path.write_bytes(PNG_1PX)
    name = pdf_template('<img src="receipt:7" width="50" height="50">')
    pdf = render_pdf(name, {}, allowed_files={"receipt:7": path})
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert len(page.images) == 1
