"""Irreversible steps ask first and say what will happen (issue 13, defect 8): closing a ballot,
the chair's approval on their own authority, signing, sending to the college, publishing. The
confirmation is a page with a form, so it works without JavaScript; a post without it changes
nothing."""

import pytest
from django.urls import reverse

from adviesraad.models import AuditEntry
from adviezen import services
from adviezen.models import Advice, Ballot

from .conftest import written_deadline


def _body(response) -> str:
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


@pytest.fixture
def ballot(draft_advice, voters, chair):
    return services.ballot_open(advice=draft_advice, by=chair, deadline=written_deadline())


def _close_url(ballot):
    return reverse("adviezen:ballot_close", args=[ballot.advice_id, ballot.pk])


# --- closing a ballot ------------------------------------------------------------------------


def test_closing_asks_first_and_says_the_advice_goes_back_to_draft(client, ballot, chair, member):
    services.vote_cast(ballot=ballot, member=member, choice="yes")
    client.force_login(chair)
    page = _body(client.get(_close_url(ballot)))
    assert "1 van 3 stemmen uitgebracht: 1 voor, 0 tegen, 0 onthouding." in page
    assert "Nodig om aan te nemen: 2 stemmen voor (50% van 3 stemgerechtigden)." in page
    assert "Het advies is dan niet aangenomen en gaat terug naar concept." in page
    assert "Ja, stemming sluiten" in page
    assert 'name="outcome" value="not_carried"' in page
    ballot.refresh_from_db()
    assert ballot.is_open


def test_closing_says_when_the_advice_will_be_approved(client, ballot, chair, member):
    services.vote_cast(ballot=ballot, member=member, choice="yes")
    services.vote_cast(ballot=ballot, member=chair, choice="yes")
    client.force_login(chair)
    page = _body(client.get(_close_url(ballot)))
    assert "2 van 3 stemmen uitgebracht: 2 voor, 0 tegen, 0 onthouding." in page
    assert "Het advies is dan aangenomen en wordt vastgesteld op versie 1." in page


def test_the_ballot_page_links_to_the_confirmation_instead_of_closing(client, ballot, chair):
    client.force_login(chair)
    page = client.get(reverse("adviezen:ballot", args=[ballot.advice_id, ballot.pk]))
    html = page.content.decode()
    assert f'href="{_close_url(ballot)}"' in html
    assert f'action="{_close_url(ballot)}"' not in html


def test_a_post_without_the_confirmation_closes_nothing(client, ballot, chair):
    client.force_login(chair)
    page = _body(client.post(_close_url(ballot)))
    assert "Het advies is dan niet aangenomen" in page
    ballot.refresh_from_db()
    assert ballot.is_open


def test_the_confirmed_close_closes_with_the_outcome_shown(client, ballot, chair, member):
    services.vote_cast(ballot=ballot, member=member, choice="yes")
    client.force_login(chair)
    response = client.post(_close_url(ballot), {"confirm": "1", "outcome": "not_carried"})
    assert response.status_code == 302
    ballot.refresh_from_db()
    assert (ballot.status, ballot.outcome) == ("closed", "not_carried")
    assert Advice.objects.get(pk=ballot.advice_id).status == "draft"


def test_a_changed_outcome_asks_again_and_closes_nothing(client, ballot, chair, member):
    """Confirmed 'not carried', then a deciding vote came in: nothing closes, the page shows
    the new outcome."""
    services.vote_cast(ballot=ballot, member=member, choice="yes")
    services.vote_cast(ballot=ballot, member=chair, choice="yes")
    client.force_login(chair)
    page = _body(client.post(_close_url(ballot), {"confirm": "1", "outcome": "not_carried"}))
    assert "De uitslag is veranderd sinds je de stemming wilde sluiten. Kijk opnieuw." in page
    assert "Het advies is dan aangenomen" in page
    ballot.refresh_from_db()
    assert ballot.is_open
    assert not AuditEntry.objects.filter(action="ballot.closed").exists()


def test_the_close_service_refuses_a_changed_outcome(ballot, chair, member):
    services.vote_cast(ballot=ballot, member=member, choice="yes")
    services.vote_cast(ballot=ballot, member=chair, choice="yes")
    with pytest.raises(services.AdviceError, match="uitslag is veranderd"):
        services.ballot_close(ballot=ballot, by=chair, expected_outcome="not_carried")
    closed = services.ballot_close(ballot=ballot, by=chair, expected_outcome="carried")
    assert closed.outcome == "carried"


def test_a_closed_ballot_offers_no_button(client, ballot, chair):
    services.ballot_close(ballot=ballot, by=chair)
    client.force_login(chair)
    page = _body(client.get(_close_url(ballot)))
    assert "Deze stemming is al gesloten." in page
    assert "Ja, stemming sluiten" not in page


def test_a_member_cannot_open_the_close_confirmation(client, ballot, member):
    client.force_login(member)
    assert client.get(_close_url(ballot)).status_code == 403
    assert client.post(_close_url(ballot), {"confirm": "1"}).status_code == 403


# --- the chair's approval ----------------------------------------------------------------------


def test_chair_approval_says_the_open_ballot_lapses_with_its_votes(client, ballot, chair, member):
    services.vote_cast(ballot=ballot, member=member, choice="against")
    client.force_login(chair)
    page = _body(client.get(reverse("adviezen:chair_approve", args=[ballot.advice_id])))
    assert "Het advies wordt vastgesteld op versie 1, op jouw gezag als voorzitter." in page
    assert "De open stemming vervalt: 1 van 3 stemmen zijn uitgebracht en tellen niet meer." in page
    assert "Je kunt dit niet terugdraaien." in page


def test_chair_approval_without_a_ballot_names_no_ballot(client, draft_advice, chair):
    client.force_login(chair)
    page = _body(client.get(reverse("adviezen:chair_approve", args=[draft_advice.pk])))
    assert "vastgesteld op versie 1" in page and "stemming vervalt" not in page


# --- signing and sending -----------------------------------------------------------------------


@pytest.fixture
def approved(draft_advice, voters, chair):
    services.advice_chair_approve(advice=draft_advice, by=chair, reason="Spoed")
    return draft_advice


def test_the_advice_page_links_to_the_confirmations_of_sign_and_send(
    client, approved, chair, secretary
):
    sign, send = (reverse(f"adviezen:{n}", args=[approved.pk]) for n in ("sign", "send"))
    client.force_login(chair)
    html = client.get(reverse("adviezen:detail", args=[approved.pk])).content.decode()
    assert f'href="{sign}"' in html and f'action="{sign}"' not in html
    client.force_login(secretary)
    html = client.get(reverse("adviezen:detail", args=[approved.pk])).content.decode()
    assert f'href="{send}"' in html and f'action="{send}"' not in html


def test_signing_asks_first_and_names_the_signer(client, approved, chair):
    url = reverse("adviezen:sign", args=[approved.pk])
    client.force_login(chair)
    page = _body(client.get(url))
    assert "je naam, Henk Voorzitter, komt als voorzitter onder de brief" in page
    assert "Je kunt de ondertekening niet intrekken." in page
    client.post(url)  # no confirmation
    approved.refresh_from_db()
    assert approved.signed_at is None
    assert client.post(url, {"confirm": "1"}).status_code == 302
    approved.refresh_from_db()
    assert approved.signed_by == chair


def test_signing_twice_offers_no_button(client, approved, chair):
    services.advice_sign(advice=approved, by=chair)
    client.force_login(chair)
    page = _body(client.get(reverse("adviezen:sign", args=[approved.pk])))
    assert "Deze stap kan nu niet." in page and "Ja, advies ondertekenen" not in page


def test_sending_names_the_college_address_the_copy_and_the_response_term(
    client, approved, chair, secretary, council
):
    services.advice_sign(advice=approved, by=chair)
    url = reverse("adviezen:send", args=[approved.pk])
    client.force_login(secretary)
    page = _body(client.get(url))
    assert "De brief gaat als PDF per e-mail naar college@gemeente.example." in page
    assert "De bestuursadviseurs krijgen een kopie op adviseurs@gemeente.example." in page
    assert f"Het college reageert binnen {council.response_deadline_weeks} weken." in page
    assert "Daarna kun je het advies niet meer intrekken." in page
    client.post(url)  # no confirmation
    approved.refresh_from_db()
    assert approved.status == "approved"
    assert client.post(url, {"confirm": "1"}).status_code == 302
    approved.refresh_from_db()
    assert approved.status == "sent"


def test_sending_without_an_advisors_address_says_no_copy_goes(
    client, approved, chair, secretary, council
):
    council.advisors_email = ""
    council.save()
    services.advice_sign(advice=approved, by=chair)
    client.force_login(secretary)
    page = _body(client.get(reverse("adviezen:send", args=[approved.pk])))
    assert "Er gaat geen kopie naar de bestuursadviseurs" in page


def test_sending_an_unsigned_advice_offers_no_button(client, approved, secretary):
    client.force_login(secretary)
    url = reverse("adviezen:send", args=[approved.pk])
    page = _body(client.get(url))
    assert "De voorzitter moet het advies eerst ondertekenen." in page
    assert "Ja, versturen naar het college" not in page
    page = _body(client.post(url, {"confirm": "1"}))
    assert "De voorzitter moet het advies eerst ondertekenen." in page
    approved.refresh_from_db()
    assert approved.status == "approved"


# --- publishing ----------------------------------------------------------------------------------


def test_publishing_a_formal_advice_says_it_goes_on_the_site_and_has_no_note_box(client, secretary):
    from tests.factories.adviezen import AdviceFactory

    sent = AdviceFactory(status=Advice.Status.SENT, summary="Kort")
    Advice.objects.filter(pk=sent.pk).update(sent_at=sent.created_at)
    client.force_login(secretary)
    page = _body(client.get(reverse("adviezen:publish", args=[sent.pk])))
    assert "Het advies komt op de openbare website" in page
    assert "Je kunt een publicatie niet terugdraaien." in page
    assert "public_note" not in page and "korte notitie" not in page


def test_publishing_an_informal_recommendation_leaves_the_note_box_unticked(client, secretary):
    """Issue 13, defect 13: the box was ticked by default."""
    from tests.factories.adviezen import AdviceFactory

    informal = AdviceFactory(status=Advice.Status.APPROVED, kind=Advice.Kind.INFORMAL)
    client.force_login(secretary)
    response = client.get(reverse("adviezen:publish", args=[informal.pk]))
    page = _body(response)
    assert "De aanbeveling wordt gedeeld met de leden" in page
    assert "Als korte notitie op de website tonen" in page
    assert response.context["form"]["public_note"].value() is False
    assert (
        'name="public_note"' in page and "checked" not in page.split('name="public_note"')[1][:80]
    )


def test_ballot_outcome_tokens_match_the_model():
    from adviezen import rules

    assert {rules.OUTCOME_CARRIED, rules.OUTCOME_NOT_CARRIED} <= set(Ballot.Outcome.values)
    assert {rules.TALLY_MEMBERS, rules.TALLY_COUNTS} == set(Ballot.Tally.values)


# --- withdrawing ---------------------------------------------------------------------------------


def test_withdrawing_asks_first_and_a_step_post_does_not_withdraw(client, draft_advice, secretary):
    client.force_login(secretary)
    html = client.get(reverse("adviezen:detail", args=[draft_advice.pk])).content.decode()
    withdraw = reverse("adviezen:withdraw", args=[draft_advice.pk])
    assert f'href="{withdraw}"' in html and 'value="withdrawn"' not in html
    response = client.post(reverse("adviezen:step", args=[draft_advice.pk]), {"to": "withdrawn"})
    assert response.status_code == 302 and response["Location"] == withdraw
    draft_advice.refresh_from_db()
    assert draft_advice.status == "draft"
    page = _body(client.get(withdraw))
    assert "Het advies wordt ingetrokken" in page and "niet terugdraaien" in page
    client.post(withdraw, {"note": "Aanvraag ingetrokken door het college."})
    draft_advice.refresh_from_db()
    assert draft_advice.status == "withdrawn"
    assert draft_advice.transitions.last().note == "Aanvraag ingetrokken door het college."


def test_withdrawing_during_a_vote_offers_no_button(client, ballot, secretary):
    client.force_login(secretary)
    page = _body(client.get(reverse("adviezen:withdraw", args=[ballot.advice_id])))
    assert "Sluit eerst de stemming." in page and "Ja, advies intrekken" not in page


def test_a_member_cannot_withdraw(client, draft_advice, member):
    client.force_login(member)
    assert client.get(reverse("adviezen:withdraw", args=[draft_advice.pk])).status_code == 403
