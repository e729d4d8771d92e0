""" "Waar we aan werken": accepted dossiers the council shows, with working group and published
advices; proposed, rejected, closed or unmarked dossiers never show."""

from __future__ import annotations

import pytest

from adviezen import services
from adviezen.models import Advice, Dossier
from opendata import rules
from opendata.selectors import public_dossiers
from tests.factories.adviezen import AdviceFactory, DossierFactory, published_advice
from tests.factories.members import WorkingGroupFactory

from .conftest import SECRET, planted, settings_row

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", list(Dossier.Status.values))
@pytest.mark.parametrize("is_public", [True, False])
def test_the_query_is_the_rule(status, is_public):
    dossier = DossierFactory(status=status, is_public=is_public)
    listed = dossier in public_dossiers()
    assert listed == rules.dossier_is_listed(status=status, is_public=is_public)
    assert listed == (status == "accepted" and is_public)


def test_page_shows_public_dossiers_with_group_and_published_advices_only(client, plant):
    dossier = Dossier.objects.get(title="Openbaar dossier 0")
    published_advice(title="Gepubliceerd advies in dossier", dossier=dossier)
    AdviceFactory(title=f"{SECRET}-CONCEPT-IN-DOSSIER", dossier=dossier, status=Advice.Status.DRAFT)
    published_advice(title=f"{SECRET}-NIET-OPENBAAR-IN-DOSSIER", dossier=dossier, is_public=False)
    html = client.get("/waar-we-aan-werken/").content.decode()
    assert "Openbaar dossier 0" in html
    assert "Werkgroep Werk en Inkomen" in html
    assert "Gepubliceerd advies in dossier" in html
    assert SECRET not in html


def test_empty_page_says_so(client, db):
    assert "geen thema" in client.get("/waar-we-aan-werken/").content.decode()


def test_public_nav_links_the_page(client, db):
    assert 'href="/waar-we-aan-werken/"' in client.get("/").content.decode()


def test_showing_a_dossier_needs_the_chair_or_secretary_and_an_accepted_dossier(
    client, chair, member
):
    dossier = DossierFactory(status=Dossier.Status.PROPOSED, working_group=WorkingGroupFactory())
    from adviesraad.errors import DomainError

    with pytest.raises(DomainError):
        services.dossier_set_public(dossier=dossier, by=chair, public=True)
    dossier.refresh_from_db()
    assert not dossier.is_public
    dossier.status = Dossier.Status.ACCEPTED
    dossier.save()
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.dossier_set_public(dossier=dossier, by=member, public=True)
    services.dossier_set_public(dossier=dossier, by=chair, public=True)
    dossier.refresh_from_db()
    assert dossier.is_public


def test_showing_a_dossier_empties_the_page_cache(client, chair):
    dossier = DossierFactory(title="Nieuw thema")
    client.get("/waar-we-aan-werken/")
    assert client.get("/waar-we-aan-werken/").get("X-Page-Cache") == "hit"
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        services.dossier_set_public(dossier=dossier, by=chair, public=True)
    assert "Nieuw thema" in client.get("/waar-we-aan-werken/").content.decode()


def test_internal_page_buttons_show_and_take_off(client, chair):
    dossier = DossierFactory(title="Thema wonen")
    client.force_login(chair)
    html = client.get(f"/intern/adviezen/dossiers/{dossier.pk}/").content.decode()
    assert "Op de website tonen" in html
    client.post(f"/intern/adviezen/dossiers/{dossier.pk}/tonen/")
    dossier.refresh_from_db()
    assert dossier.is_public
    html = client.get(f"/intern/adviezen/dossiers/{dossier.pk}/").content.decode()
    assert "Van de website halen" in html
    client.post(f"/intern/adviezen/dossiers/{dossier.pk}/verbergen/")
    dossier.refresh_from_db()
    assert not dossier.is_public


def test_page_query_count_is_pinned_and_equal_at_10x(client, db, django_assert_num_queries):
    settings_row()
    planted(1)
    with django_assert_num_queries(3):  # council settings, dossiers, their public advices
        client.get("/waar-we-aan-werken/?a=1")
    planted(9)
    with django_assert_num_queries(3):
        client.get("/waar-we-aan-werken/?a=2")
