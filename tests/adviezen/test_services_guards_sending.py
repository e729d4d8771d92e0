"""The guards of signing, sending, publishing and registering the college's response: which
advice each step takes, who took it, the day of sending as the boundary of a response, and
that a refused step changes nothing."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied

from adviezen import services
from adviezen.models import Advice, CollegeResponse
from tests.factories.adviezen import AdviceFactory, VersionFactory

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
# Sent ten minutes past midnight, Amsterdam time: still the previous day in UTC.
SENT_AT = datetime.datetime(2025, 5, 12, 0, 10, tzinfo=AMS)


def _approved(**kwargs):
    values = {"status": "approved"}
    values.update(kwargs)
    advice = AdviceFactory(**values)
    advice.approved_version = VersionFactory(advice=advice, number=1)
    advice.final_text = advice.approved_version.text
    advice.save()
    return advice


# --- signing ---------------------------------------------------------------------------------


def test_the_chair_signs_an_approved_formal_advice(chair):
    advice = services.advice_sign(advice=_approved(), by=chair)
    assert advice.signed_by == chair and advice.signed_at is not None


@pytest.mark.parametrize(
    ("status", "kind"), [("approved", "informal"), ("draft", "formal"), ("sent", "formal")]
)
def test_only_an_approved_formal_advice_is_signed(chair, status, kind):
    advice = _approved(status=status, kind=kind)
    with pytest.raises(services.AdviceError, match="Alleen een vastgesteld formeel advies"):
        services.advice_sign(advice=advice, by=chair)
    assert Advice.objects.get(pk=advice.pk).signed_at is None


# --- sending ---------------------------------------------------------------------------------


def test_an_unsigned_formal_advice_is_not_sent(secretary):
    advice = _approved()
    with pytest.raises(services.AdviceError, match="eerst ondertekenen"):
        services.advice_send(advice=advice, by=secretary)
    advice.refresh_from_db()
    assert (advice.status, advice.send_requested_at) == ("approved", None)
    assert not advice.transitions.exists()


def test_a_signed_advice_is_sent_in_the_secretarys_name(chair, secretary):
    advice = services.advice_sign(advice=_approved(), by=chair)
    services.advice_send(advice=advice, by=secretary)
    advice = Advice.objects.get(pk=advice.pk)
    assert advice.status == "sent" and advice.send_requested_at is not None
    last = advice.transitions.get()
    assert (last.from_status, last.to_status, last.by) == ("approved", "sent", secretary)


# --- publishing ------------------------------------------------------------------------------


def test_a_sent_formal_advice_is_published_in_the_secretarys_name(secretary):
    advice = _approved(status="sent", sent_at=SENT_AT)
    services.advice_publish(advice=advice, by=secretary, public_note=False)
    advice = Advice.objects.get(pk=advice.pk)
    assert (advice.status, advice.is_public) == ("published", True)
    assert advice.published_at is not None
    last = advice.transitions.get()
    assert (last.from_status, last.to_status, last.by) == ("sent", "published", secretary)


def test_a_sent_formal_advice_whose_letter_has_not_gone_is_not_published(secretary):
    advice = _approved(status="sent", sent_at=None)
    with pytest.raises(services.AdviceError, match="nog niet verzonden"):
        services.advice_publish(advice=advice, by=secretary)
    advice = Advice.objects.get(pk=advice.pk)
    assert (advice.status, advice.is_public, advice.published_at) == ("sent", False, None)


def test_an_approved_formal_advice_goes_to_the_college_before_it_is_published(secretary):
    advice = _approved(sent_at=None)
    with pytest.raises(services.AdviceError, match="'vastgesteld' en kan niet naar 'gepubliceerd'"):
        services.advice_publish(advice=advice, by=secretary)
    advice = Advice.objects.get(pk=advice.pk)
    assert (advice.status, advice.is_public, advice.published_at) == ("approved", False, None)


def test_a_member_may_not_publish(member):
    advice = _approved(status="sent", sent_at=SENT_AT)
    with pytest.raises(PermissionDenied):
        services.advice_publish(advice=advice, by=member)
    assert Advice.objects.get(pk=advice.pk).status == "sent"


@pytest.mark.parametrize(("public_note", "is_public"), [(True, True), (False, False)])
def test_an_informal_recommendation_is_shared_in_the_secretarys_name(
    secretary, public_note, is_public
):
    advice = _approved(kind="informal")
    services.advice_publish(
        advice=advice, by=secretary, public_note=public_note, summary="  Kort.  "
    )
    advice = Advice.objects.get(pk=advice.pk)
    assert (advice.status, advice.is_public, advice.summary) == ("published", is_public, "Kort.")
    last = advice.transitions.get()
    assert (last.from_status, last.to_status, last.by) == ("approved", "published", secretary)


def test_an_informal_recommendation_without_a_summary_is_not_shared(secretary):
    advice = _approved(kind="informal", summary="")
    with pytest.raises(services.AdviceError, match="samenvatting") as refused:
        services.advice_publish(advice=advice, by=secretary, summary="   ")
    assert refused.value.field == "summary"
    assert Advice.objects.get(pk=advice.pk).status == "approved"


def test_an_informal_draft_is_not_shared(secretary):
    advice = _approved(kind="informal", status="draft", summary="Kort.")
    with pytest.raises(services.AdviceError, match="kan niet naar"):
        services.advice_publish(advice=advice, by=secretary)
    assert Advice.objects.get(pk=advice.pk).status == "draft"


# --- the college's response ------------------------------------------------------------------


def _respond(advice, by, received_on):
    return services.college_response_register(
        advice=advice, by=by, received_on=received_on, summary="  Overgenomen.  "
    )


def test_a_response_received_on_the_local_day_of_sending_is_registered(secretary):
    advice = _approved(status="sent", sent_at=SENT_AT)
    response = _respond(advice, secretary, datetime.date(2025, 5, 12))
    assert (response.received_on, response.summary, response.registered_by) == (
        datetime.date(2025, 5, 12),
        "Overgenomen.",
        secretary,
    )


def test_a_response_received_the_day_before_sending_is_refused(secretary):
    advice = _approved(status="sent", sent_at=SENT_AT)
    with pytest.raises(services.AdviceError, match="van voor de verzending") as refused:
        _respond(advice, secretary, datetime.date(2025, 5, 11))
    assert refused.value.field == "received_on"
    assert not CollegeResponse.objects.exists()


def test_a_response_to_a_published_advice_is_registered(secretary):
    advice = _approved(status="published", sent_at=SENT_AT)
    assert _respond(advice, secretary, datetime.date(2025, 6, 1)).advice == advice


@pytest.mark.parametrize(
    ("status", "kind"), [("approved", "formal"), ("sent", "informal"), ("published", "informal")]
)
def test_a_response_belongs_to_a_sent_formal_advice(secretary, status, kind):
    advice = _approved(status=status, kind=kind, sent_at=SENT_AT)
    with pytest.raises(services.AdviceError, match="verzonden formeel advies"):
        _respond(advice, secretary, datetime.date(2025, 6, 1))
    assert not CollegeResponse.objects.exists()


def test_a_second_response_is_refused(secretary):
    advice = _approved(status="sent", sent_at=SENT_AT)
    first = _respond(advice, secretary, datetime.date(2025, 6, 1))
    other = _approved(status="sent", sent_at=SENT_AT)
    _respond(other, secretary, datetime.date(2025, 6, 1))  # another advice's response is no bar
    with pytest.raises(services.AdviceError, match="al vastgelegd"):
        _respond(advice, secretary, datetime.date(2025, 6, 2))
    assert list(CollegeResponse.objects.filter(advice=advice)) == [first]


def test_a_member_may_not_register_a_response(member):
    advice = _approved(status="sent", sent_at=SENT_AT)
    with pytest.raises(PermissionDenied):
        _respond(advice, member, datetime.date(2025, 6, 1))
    assert not CollegeResponse.objects.exists()
