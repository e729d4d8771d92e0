"""seed_demo shows open data: the TOOI code, meetings under the Woo, public dossiers, and a
request and response among the API's documents."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_demo_shows_open_data(client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    robots = client.get("/robots.txt").content.decode()
    assert robots.count("Sitemap: ") == 4 and "sitemapindex-vergaderstukken.xml" in robots
    kinds = {
        row["documentsoort"]
        for row in client.get("/api/v1/informatieobjecten?pageSize=100").json()["results"]
    }
    assert {"advies", "adviesaanvraag", "reactie", "agenda", "jaarplan"} <= kinds
    assert "Werkgroep:" in client.get("/waar-we-aan-werken/").content.decode()
