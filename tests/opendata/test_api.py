"""The open-data API (/api/v1/): public data only, ODS field names, NL API Design Rules."""

from __future__ import annotations

import datetime
import json

import pytest
from django.utils import timezone

from adviezen.models import Advice
from tests.factories.adviezen import published_advice

from .conftest import SECRET, planted, settings_row

pytestmark = pytest.mark.django_db
LISTS = ("/api/v1/vergaderingen", "/api/v1/agendapunten", "/api/v1/informatieobjecten")


def crawl(client, url: str, seen: dict) -> None:
    """Follow every ``next``, ``url`` and reference in the API from ``url``."""
    if url in seen or not url.startswith("http://testserver/api/"):
        return
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    seen[url] = response.content.decode()
    body = response.json()
    rows = body.get("results", [body])
    links = (
        [body.get("next")]
        + [value for row in rows for value in row.values() if isinstance(value, str)]
        + [v for row in rows for value in row.values() if isinstance(value, list) for v in value]
    )
    for link in links:
        if isinstance(link, str) and link.startswith("http://testserver/api/"):
            crawl(client, link, seen)


def test_every_api_response_holds_public_data_only(client, plant):
    settings_row(publish_requests=True)
    seen: dict = {}
    for url in LISTS:
        crawl(client, f"http://testserver{url}?pageSize=2", seen)
    text = "\n".join(seen.values())
    assert SECRET not in text
    for public in (
        "Openbare vergadering 0",
        "Openbaar punt 0",
        "Openbaar stuk 0",
        "Openbaar advies 0",
        "Jaarplan 0",
        "Onderzoek 0",
        "Adviesaanvraag: Openbaar advies 0",
        "Reactie van het college: Openbaar advies 0",
        "Notulen Openbare vergadering 0",
    ):
        assert public in text, public
    # details reached by their URLs too (crawl follows the rows' ``url``)
    assert any("/api/v1/informatieobjecten/advies-" in u for u in seen)
    assert any("/api/v1/agendapunten/" in u and "?" not in u for u in seen)


def test_requests_only_when_the_council_publishes_them(client, plant):
    url = "/api/v1/informatieobjecten?informatiecategorie=c_99a836c7"
    kinds = {r["documentsoort"] for r in client.get(url).json()["results"]}
    assert kinds == {"advies", "reactie"}
    settings_row(publish_requests=True)
    kinds = {r["documentsoort"] for r in client.get(url).json()["results"]}
    assert kinds == {"advies", "reactie", "adviesaanvraag"}


def test_a_secret_object_is_a_problem_404(client, plant):
    hidden = Advice.objects.get(title__startswith=f"{SECRET}-NIET-OPENBAAR")
    draft = Advice.objects.get(title__startswith=f"{SECRET}-CONCEPT")
    from meetings.models import AgendaItem, Meeting

    closed_item = AgendaItem.objects.get(title__startswith=f"{SECRET}-BESLOTEN-PUNT")
    hidden_meeting = Meeting.objects.get(is_public=False)
    for url in (
        f"/api/v1/informatieobjecten/advies-{hidden.pk}",
        f"/api/v1/informatieobjecten/advies-{draft.pk}",
        f"/api/v1/agendapunten/{closed_item.pk}",
        f"/api/v1/vergaderingen/{hidden_meeting.pk}",
        "/api/v1/bestaat-niet",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["status"] == 404


def test_ods_field_names(client, plant):
    meeting = client.get("/api/v1/vergaderingen").json()["results"][0]
    assert {
        "url",
        "id",
        "naam",
        "vergaderingstype",
        "geplandeAanvangVergadering",
        "agendapunten",
        "bijlagen",
        "informatieobject",
        "wijzigingsdatum",
        "gemeente",
    } <= set(meeting)
    assert meeting["gemeente"] == {"gemeentecode": "0439", "gemeentenaam": "Purmerend"}
    assert meeting["vergaderingstype"] == "plenaire_vergadering"
    item = client.get("/api/v1/agendapunten").json()["results"][0]
    assert item["agendapuntTitel"] == "Openbaar punt 0"
    assert item["agendapuntvolgnummer"] == "1"  # numbered as on the public agenda
    doc = client.get("/api/v1/informatieobjecten").json()["results"][0]
    assert {"titel", "link", "creatiedatum", "taal", "informatiecategorie", "formaat"} <= set(doc)
    assert doc["taal"] == "dut"


@pytest.mark.parametrize(
    "query",
    [
        "onbekend=1",
        "gewijzigdSinds=gisteren",
        "pageSize=0",
        "pageSize=101",
        "page=0",
        "page=een",
        "vergaderingsIdentificatie=x",
        "informatiecategorie=c_3baef532",
    ],
)
def test_bad_query_is_a_problem_400_never_a_500(client, plant, query):
    url = "/api/v1/informatieobjecten?" + query
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400 and body["invalidParams"][0]["name"] == query.split("=")[0]
    assert response["API-Version"]


def test_unknown_filter_on_every_resource_and_detail(client, plant):
    meeting = plant["meetings"][0]
    for url in (*LISTS, f"/api/v1/vergaderingen/{meeting.pk}"):
        assert client.get(url + "?zoek=x").status_code == 400


def test_page_size_is_capped_and_pages_link(client, db):
    settings_row()
    for i in range(5):
        published_advice(title=f"Advies {i}")
    first = client.get("/api/v1/informatieobjecten?pageSize=2").json()
    assert len(first["results"]) == 2 and first["previous"] is None
    assert "page=2" in first["next"]
    second = client.get(first["next"]).json()
    assert second["previous"].endswith("pageSize=2") and "page=3" in second["next"]
    third = client.get(second["next"]).json()
    assert len(third["results"]) == 1 and third["next"] is None
    assert client.get("/api/v1/informatieobjecten?pageSize=100").status_code == 200
    assert client.get("/api/v1/informatieobjecten?pageSize=101").status_code == 400


def test_gewijzigd_sinds_returns_what_changed_after_publishing(client, plant):
    cut = timezone.now()
    since = cut.isoformat()
    for url in LISTS:
        assert client.get(url, {"gewijzigdSinds": since}).json()["results"] == [], url
    later = published_advice(
        title="Later gepubliceerd", published_at=cut + datetime.timedelta(seconds=1)
    )
    found = client.get("/api/v1/informatieobjecten", {"gewijzigdSinds": since}).json()["results"]
    assert [r["titel"] for r in found] == [later.title]
    before = (cut - datetime.timedelta(days=30)).isoformat()
    assert (
        len(client.get("/api/v1/informatieobjecten", {"gewijzigdSinds": before}).json()["results"])
        > 1
    )
    # a date alone is the start of that day
    assert client.get("/api/v1/vergaderingen", {"gewijzigdSinds": cut.date().isoformat()}).json()[
        "results"
    ]


def test_gewijzigd_sinds_sees_a_new_public_item_of_an_old_meeting(client, plant):
    from tests.factories.meetings import AgendaItemFactory

    since = timezone.now().isoformat()
    AgendaItemFactory(meeting=plant["meetings"][0], title="Nieuw punt")
    rows = client.get("/api/v1/vergaderingen", {"gewijzigdSinds": since}).json()["results"]
    assert [r["id"] for r in rows] == [str(plant["meetings"][0].pk)]
    rows = client.get("/api/v1/agendapunten", {"gewijzigdSinds": since}).json()["results"]
    assert [r["agendapuntTitel"] for r in rows] == ["Nieuw punt"]


def test_headers_cors_version_etag_and_304(client, plant):
    response = client.get("/api/v1/vergaderingen", HTTP_ORIGIN="https://harvester.example")
    assert response["API-Version"] == "1.0.0"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    etag = response["ETag"]
    again = client.get("/api/v1/vergaderingen", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag
    other = client.get("/api/v1/vergaderingen", HTTP_IF_NONE_MATCH='"iets-anders"')
    assert other.status_code == 200


def test_no_trailing_slashes(client, plant):
    assert client.get("/api/v1/vergaderingen").status_code == 200
    assert client.get("/api/v1/vergaderingen/").status_code == 404


def test_api_is_in_the_page_cache_and_forgotten_on_publishing(client, plant, settings):
    from django.db import transaction  # noqa: F401

    first = client.get("/api/v1/informatieobjecten")
    assert "public" in first["Cache-Control"]
    hit = client.get("/api/v1/informatieobjecten")
    assert hit.get("X-Page-Cache") == "hit"
    from adviesraad.pagecache import forget_public_pages

    published_advice(title="Nieuw advies")
    forget_public_pages()  # what public_changed() does after the commit
    fresh = client.get("/api/v1/informatieobjecten")
    assert fresh.get("X-Page-Cache") is None
    assert "Nieuw advies" in fresh.content.decode()


@pytest.mark.parametrize("url", LISTS)
def test_queries_equal_at_1x_and_10x(client, db, url, django_assert_num_queries):
    settings_row(tooi_publisher="gm0439", publish_requests=True)
    planted(1)
    counts = []
    for extra in (0, 9):
        if extra:
            planted(extra)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url + "?pageSize=100").status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1], counts


def test_openapi_document_validates(client, db):
    from openapi_spec_validator import validate

    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = json.loads(response.content)
    validate(spec)
    assert {
        "/api/v1/vergaderingen",
        "/api/v1/agendapunten",
        "/api/v1/informatieobjecten",
        "/api/v1/informatieobjecten/{id}",
    } <= set(spec["paths"])
    params = {p["name"] for p in spec["paths"]["/api/v1/informatieobjecten"]["get"]["parameters"]}
    assert {"gewijzigdSinds", "page", "pageSize"} <= params
    responses = spec["paths"]["/api/v1/informatieobjecten"]["get"]["responses"]
    assert "application/problem+json" in responses["400"]["content"]
    listing = responses["200"]["content"]["application/json"]["schema"]
    assert listing["$ref"].endswith("PaginatedInformatieobjectList")
    paginated = spec["components"]["schemas"]["PaginatedInformatieobjectList"]
    assert {"next", "previous", "results"} <= set(paginated["properties"])
    pagesize = next(
        p
        for p in spec["paths"]["/api/v1/vergaderingen"]["get"]["parameters"]
        if p["name"] == "pageSize"
    )
    assert pagesize["schema"]["maximum"] == 100
    assert response["API-Version"] == "1.0.0"


def test_head_and_options_answer_with_cors_and_other_methods_are_refused(client, plant):
    head = client.head("/api/v1/vergaderingen")
    assert head.status_code == 200 and head["API-Version"] == "1.0.0"
    options = client.options("/api/v1/vergaderingen", HTTP_ORIGIN="https://harvester.example")
    assert options["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in options["Access-Control-Allow-Headers"]
    post = client.post("/api/v1/vergaderingen", {})
    assert post.status_code == 405
    assert post["Content-Type"] == "application/problem+json"


def test_the_root_lists_the_resources(client, db):
    body = client.get("/api/v1").json()
    assert body["informatieobjecten"] == "http://testserver/api/v1/informatieobjecten"
    assert body["openapi"] == "http://testserver/api/v1/openapi.json"
    assert client.get("/api/v1/").status_code == 404
