"""Publishing an informal recommendation (docs/rules.md, D15; issue 15, item 3; issue 13,
defect 13): it is shared with the members with a summary, and shown on the public site as a
short note only when the secretary chooses so."""

import pytest
from django.urls import reverse

from adviezen import services
from adviezen.models import Advice


@pytest.fixture
def recommendation(secretary, member, chair, voters):
    advice = services.advice_create(
        by=secretary,
        title="Tips voor de werkgeversdag",
        origin="unsolicited",
        kind="informal",
        domain="werk",
    )
    services.advice_transition(advice=advice, by=secretary, to="preparation")
    services.advice_version_add(advice=advice, by=member, text="Nodig ook kleine werkgevers uit.")
    services.advice_chair_approve(advice=advice, by=chair, reason="Korte aanbeveling")
    advice.refresh_from_db()
    return advice


def _publish(client, advice, **data):
    return client.post(reverse("adviezen:publish", args=[advice.pk]), data)


def test_unticked_it_is_shared_with_the_members_only(client, recommendation, secretary, member):
    client.force_login(secretary)
    response = _publish(client, recommendation, summary="Nodig ook kleine werkgevers uit.")
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.is_public) == ("published", False)
    assert recommendation.published_at is not None
    client.force_login(member)
    page = client.get(reverse("adviezen:detail", args=[recommendation.pk])).content.decode()
    assert "Nodig ook kleine werkgevers uit." in page
    assert "Gedeeld met de leden; niet op de website." in page
    client.logout()
    assert (
        client.get(reverse("adviezen_public:detail", args=[recommendation.slug])).status_code == 404
    )
    assert (
        "Tips voor de werkgeversdag"
        not in client.get(reverse("adviezen_public:list")).content.decode()
    )


def test_ticked_it_is_also_a_short_note_on_the_site(client, recommendation, secretary):
    client.force_login(secretary)
    _publish(client, recommendation, summary="Nodig ook kleine werkgevers uit.", public_note="on")
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.is_public) == ("published", True)
    client.logout()
    page = client.get(reverse("adviezen_public:detail", args=[recommendation.slug]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Nodig ook kleine werkgevers uit." in body and "informele aanbeveling" in body
    assert (
        "Tips voor de werkgeversdag" in client.get(reverse("adviezen_public:list")).content.decode()
    )


def test_without_a_summary_nothing_is_published(client, recommendation, secretary):
    client.force_login(secretary)
    response = _publish(client, recommendation, summary="  ", public_note="on")
    assert response.status_code == 200
    assert response.context["form"].errors["summary"] == ["Schrijf een samenvatting voor de leden."]
    assert "checked" in response.content.decode().split('name="public_note"')[1][:120]  # kept
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.is_public) == ("approved", False)


def test_the_service_shows_nothing_publicly_unless_asked(recommendation, secretary):
    services.advice_publish(advice=recommendation, by=secretary, summary="Kort.")
    assert Advice.objects.get(pk=recommendation.pk).is_public is False


def test_a_formal_advice_ignores_the_note_box_and_goes_on_the_site(client, secretary):
    from tests.factories.adviezen import AdviceFactory

    sent = AdviceFactory(status=Advice.Status.SENT, summary="Kort")
    Advice.objects.filter(pk=sent.pk).update(sent_at=sent.created_at)
    client.force_login(secretary)
    _publish(client, sent, summary="Kort", public_note="")  # a posted box changes nothing
    assert Advice.objects.get(pk=sent.pk).is_public is True
