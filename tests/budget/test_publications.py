"""What the budget app publishes shows to the next anonymous visitor of /publicaties/, with the
page cache on: every publishing service invalidates it on commit."""

import pytest

from budget import services
from budget.models import Publication
from tests.factories.budget import receipt_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


def _public_page(client) -> str:
    return client.get("/publicaties/").content.decode()


def test_a_research_report_shows_at_once_and_goes_at_once(
    client, secretary, django_capture_on_commit_callbacks
):
    assert "Onderzoek stadspas" not in _public_page(client)  # now in the cache
    with django_capture_on_commit_callbacks(execute=True):
        pub = services.research_report_publish(
            by=secretary, title="Onderzoek stadspas", year=2025, upload=receipt_pdf()
        )
    assert "Onderzoek stadspas" in _public_page(client)
    with django_capture_on_commit_callbacks(execute=True):
        services.publication_withdraw(publication=pub, by=secretary)
    assert "Onderzoek stadspas" not in _public_page(client)


def test_the_annual_plan_and_report_show_at_once(
    client, secretary, treasurer, budget_year, django_capture_on_commit_callbacks
):
    year = budget_year.year
    page = _public_page(client)
    assert f"Jaarplan en begroting {year}" not in page and f"Jaarverslag {year}" not in page
    with django_capture_on_commit_callbacks(execute=True):
        services.annual_plan_publish(budget_year=budget_year, by=treasurer)
    assert f"Jaarplan en begroting {year}" in _public_page(client)
    with django_capture_on_commit_callbacks(execute=True):
        services.annual_report_publish(budget_year=budget_year, by=secretary)
    assert f"Jaarverslag {year}" in _public_page(client)


def test_publishing_the_plan_again_replaces_it_and_makes_it_public(
    treasurer, budget_year, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage

    with django_capture_on_commit_callbacks(execute=True):
        first = services.annual_plan_publish(budget_year=budget_year, by=treasurer)
    Publication.objects.filter(pk=first.pk).update(is_public=False)
    with django_capture_on_commit_callbacks(execute=True):
        again = services.annual_plan_publish(budget_year=budget_year, by=treasurer)
    assert again.pk == first.pk and again.is_public and again.file.name != first.file.name
    assert Publication.objects.count() == 1
    assert not default_storage.exists(first.file.name)
    assert default_storage.exists(again.file.name)
