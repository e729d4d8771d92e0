import pytest


@pytest.mark.django_db
def test_home_page_shows_council_name(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Adviesraad Sociaal Domein" in response.content.decode()
