"""Every change the public sees, made through its service, shows on the next anonymous request
although the page was in the page cache (each service calls ``public_changed()``).

Each test first puts the page in the cache (the second request is a hit), then makes the
change through the service with its commit, then asserts that the next anonymous request is
rendered anew and shows the change."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from adviezen import services as adviezen_services
from adviezen.models import Advice
from budget import services as budget_services
from budget.models import Publication
from meetings import services as meetings_services
from meetings.models import AgendaItem, Meeting
from members import services as members_services
from tests.factories.adviezen import AdviceFactory, published_advice
from tests.factories.budget import BudgetYearFactory, pdf_bytes
from tests.factories.meetings import PDF_BYTES, AgendaItemFactory, MeetingFactory, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(client):
    """``cached(path)``: put the anonymous page in the cache and return its text."""

    def put(path: str) -> str:
        client.get(path)
        response = client.get(path)
        assert response.get("X-Page-Cache") == "hit", path
        return response.content.decode()

    return put


@pytest.fixture
def fresh(client):
    """``fresh(path)``: the next anonymous request, which must not come from the cache."""

    def get(path: str) -> str:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.get("X-Page-Cache") != "hit", path
        return response.content.decode()

    return get


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the on-commit hooks of the change, as a real commit does."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


# --- advices ------------------------------------------------------------------------------


@pytest.fixture
def sent_advice(db):
    advice = AdviceFactory(title="Toegang tot de stadspas", status=Advice.Status.SENT)
    Advice.objects.filter(pk=advice.pk).update(sent_at=timezone.now())
    advice.refresh_from_db()
    return advice


def test_a_publication_shows_on_the_list_home_and_feed(
    cached, fresh, committed, secretary, sent_advice
):
    for path in ("/adviezen/", "/", "/adviezen/feed/"):
        assert "Toegang tot de stadspas" not in cached(path)
    with committed():
        adviezen_services.advice_publish(advice=sent_advice, by=secretary)
    for path in ("/adviezen/", "/", "/adviezen/feed/"):
        assert "Toegang tot de stadspas" in fresh(path), path


def test_a_college_response_shows_on_the_detail_and_the_list(cached, fresh, committed, secretary):
    advice = published_advice(title="Schuldhulp zonder wachtlijst")
    detail = f"/adviezen/{advice.slug}/"
    assert "Het college neemt het advies over" not in cached(detail)
    assert "beantwoord door het college" not in cached("/adviezen/")
    with committed():
        adviezen_services.college_response_register(
            advice=advice,
            by=secretary,
            received_on=timezone.localdate(),
            summary="Het college neemt het advies over.",
        )
    assert "Het college neemt het advies over" in fresh(detail)
    assert "beantwoord door het college" in fresh("/adviezen/")


# --- meetings -----------------------------------------------------------------------------


@pytest.fixture
def meeting(db):
    return MeetingFactory(title="Plenaire vergadering juni", start=at(10))


def test_a_new_public_meeting_shows_on_the_list_and_the_home_page(
    cached, fresh, committed, secretary
):
    cached("/vergaderingen/")
    cached("/")
    with committed():
        meetings_services.meeting_create(
            by=secretary,
            kind=Meeting.Kind.WORKING_GROUP,
            title="Werkgroep jeugd extra",
            start=at(3),
            end=at(3) + datetime.timedelta(hours=1),
            is_public=True,
        )
    assert "Werkgroep jeugd extra" in fresh("/vergaderingen/")
    assert "Werkgroep jeugd extra" in fresh("/")


def test_editing_a_public_meeting_shows_on_its_page_and_the_list(
    cached, fresh, committed, secretary, meeting
):
    path = f"/vergaderingen/{meeting.pk}/"
    assert "Plenaire vergadering juli" not in cached(path)
    cached("/vergaderingen/")
    with committed():
        meetings_services.meeting_update(
            meeting=meeting, by=secretary, data={"title": "Plenaire vergadering juli"}
        )
    assert "Plenaire vergadering juli" in fresh(path)
    assert "Plenaire vergadering juli" in fresh("/vergaderingen/")


def test_a_meeting_made_confidential_leaves_the_public_pages(
    client, cached, committed, secretary, meeting
):
    """There is no delete of a meeting; taking it off the public site is the edit that
    removes it from the public."""
    path = f"/vergaderingen/{meeting.pk}/"
    cached(path)
    assert "Plenaire vergadering juni" in cached("/vergaderingen/")
    with committed():
        meetings_services.meeting_update(meeting=meeting, by=secretary, data={"is_public": False})
    assert client.get(path).status_code == 404
    assert "Plenaire vergadering juni" not in client.get("/vergaderingen/").content.decode()


def test_agenda_items_added_edited_moved_and_removed_show_at_once(
    cached, fresh, committed, secretary, meeting
):
    path = f"/vergaderingen/{meeting.pk}/"
    cached(path)
    with committed():
        item = meetings_services.agenda_item_add(
            meeting=meeting, by=secretary, title="Wachttijden schuldhulp", section="other"
        )
    assert "Wachttijden schuldhulp" in fresh(path)

    cached(path)
    with committed():
        meetings_services.agenda_item_update(
            item=item, by=secretary, data={"title": "Wachttijden bij de schuldhulp"}
        )
    assert "Wachttijden bij de schuldhulp" in fresh(path)

    other = AgendaItemFactory(meeting=meeting, title="Jeugdzorg", position=item.position + 1)
    body = cached(path)  # rendered anew above; the factory saved behind the services' back
    assert body.index("Wachttijden bij de schuldhulp") > 0
    with committed():
        meetings_services.agenda_reorder(
            meeting=meeting, by=secretary, section=AgendaItem.Section.OTHER, ids=[other.pk, item.pk]
        )
    body = fresh(path)
    assert body.index("Jeugdzorg") < body.index("Wachttijden bij de schuldhulp")

    cached(path)
    with committed():
        meetings_services.agenda_item_remove(item=item, by=secretary)
    assert "Wachttijden bij de schuldhulp" not in fresh(path)


def test_public_documents_added_and_removed_show_at_once(
    cached, fresh, committed, secretary, meeting
):
    path = f"/vergaderingen/{meeting.pk}/"
    cached(path)
    upload = SimpleUploadedFile("notitie.pdf", PDF_BYTES, content_type="application/pdf")
    with committed():
        document = meetings_services.document_add(
            meeting=meeting, by=secretary, upload=upload, title="Notitie armoede", is_public=True
        )
    assert "Notitie armoede" in fresh(path)
    cached(path)
    with committed():
        meetings_services.document_remove(document=document, by=secretary)
    assert "Notitie armoede" not in fresh(path)


def test_approved_minutes_show_with_their_decisions(cached, fresh, committed, secretary):
    held = MeetingFactory(title="Plenaire vergadering mei", start=at(-7), status="held")
    item = AgendaItemFactory(meeting=held, title="Armoedebeleid")
    path = f"/vergaderingen/{held.pk}/"
    with committed():
        meetings_services.minutes_save(
            meeting=held, by=secretary, notes="", decisions={item.pk: "Advies gaat naar college"}
        )
    assert "Advies gaat naar college" not in cached(path)  # not public before approval
    with committed():
        later = MeetingFactory(start=at(-1), is_public=False)  # approved in a later meeting
        meetings_services.minutes_approve(meeting=held, by=secretary, at_meeting=later)
    body = fresh(path)
    assert "Advies gaat naar college" in body and "Openbare notulen (PDF)" in body


# --- publications -------------------------------------------------------------------------


def test_an_annual_plan_and_report_show_on_publicaties(cached, fresh, committed, secretary):
    year = BudgetYearFactory()
    cached("/publicaties/")
    with committed():
        budget_services.annual_plan_publish(budget_year=year, by=secretary)
    assert f"Jaarplan en begroting {year.year}" in fresh("/publicaties/")
    cached("/publicaties/")
    with committed():
        budget_services.annual_report_publish(budget_year=year, by=secretary)
    assert f"Jaarverslag {year.year}" in fresh("/publicaties/")


def test_a_research_report_and_its_withdrawal_show_on_publicaties(
    cached, fresh, committed, secretary
):
    cached("/publicaties/")
    upload = SimpleUploadedFile("rapport.pdf", pdf_bytes(), content_type="application/pdf")
    with committed():
        report = budget_services.research_report_publish(
            by=secretary, title="Onderzoek naar mantelzorg", year=2025, upload=upload
        )
    assert "Onderzoek naar mantelzorg" in fresh("/publicaties/")
    cached("/publicaties/")
    with committed():
        budget_services.publication_withdraw(publication=report, by=secretary)
    assert "Onderzoek naar mantelzorg" not in fresh("/publicaties/")
    assert not Publication.objects.filter(is_public=True).exists()


# --- the council ----------------------------------------------------------------------------


def test_the_councils_name_shows_on_every_public_page_at_once(cached, fresh, committed, secretary):
    for path in ("/", "/privacy/"):
        cached(path)
    with committed():
        members_services.council_settings_update(
            by=secretary, data={"name": "Adviesraad Sociaal Domein Zuid"}
        )
    for path in ("/", "/privacy/"):
        assert "Adviesraad Sociaal Domein Zuid" in fresh(path), path
