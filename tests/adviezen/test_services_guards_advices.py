"""The guards of registering an advice, its simple steps, its versions and comments: both sides
of each boundary, who took each step and why, and that a refused step changes nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from adviesraad.models import AuditEntry
from adviezen import services
from adviezen.models import Advice
from tests.factories.adviezen import DossierFactory
from tests.factories.meetings import PDF_BYTES

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def _create(by, **kwargs):
    values = {
        "title": "Toegang tot de stadspas",
        "origin": "requested",
        "kind": "formal",
        "domain": "inkomen",
        "request_date": TODAY - datetime.timedelta(days=10),
    }
    values.update(kwargs)
    return services.advice_create(by=by, **values)


def test_a_deadline_on_the_day_of_the_request_is_accepted(secretary):
    advice = _create(secretary, request_date=TODAY, deadline=TODAY)
    assert (advice.request_date, advice.deadline) == (TODAY, TODAY)


def test_a_deadline_the_day_before_the_request_is_refused(secretary):
    with pytest.raises(services.AdviceError, match="ligt voor de aanvraag") as refused:
        _create(secretary, request_date=TODAY, deadline=TODAY - datetime.timedelta(days=1))
    assert refused.value.field == "deadline"
    assert not Advice.objects.exists()


def test_an_advice_joins_an_accepted_dossier_and_its_working_group(secretary):
    from tests.factories.members import WorkingGroupFactory

    group = WorkingGroupFactory()
    dossier = DossierFactory(status="accepted", working_group=group)
    advice = _create(secretary, dossier=dossier)
    assert (advice.dossier, advice.working_group) == (dossier, group)


def test_an_advice_on_a_proposed_dossier_is_refused(secretary):
    with pytest.raises(services.AdviceError, match="geaccepteerd dossier") as refused:
        _create(secretary, dossier=DossierFactory(status="proposed"))
    assert refused.value.field == "dossier"
    assert not Advice.objects.exists()


def test_the_registration_records_who_registered_it(secretary):
    advice = _create(secretary)
    assert Advice.objects.get(pk=advice.pk).created_by == secretary
    first = advice.transitions.get()
    assert (first.from_status, first.to_status, first.by) == ("", "requested", secretary)


def test_the_request_document_is_stored_under_its_folder_with_its_name(secretary):
    upload = SimpleUploadedFile("aanvraag.pdf", PDF_BYTES, content_type="application/pdf")
    advice = Advice.objects.get(pk=_create(secretary, request_document=upload).pk)
    assert advice.request_document_name == "aanvraag.pdf"
    assert advice.request_document.name.startswith("adviezen/aanvragen/")
    with advice.request_document.open("rb") as fh:
        assert fh.read() == PDF_BYTES


def test_the_chair_may_take_a_simple_step_and_is_named_in_the_history(draft_advice, chair):
    services.advice_transition(advice=draft_advice, by=chair, to="consultation", note="Graag")
    last = Advice.objects.get(pk=draft_advice.pk).transitions.last()
    assert (last.to_status, last.by, last.note) == ("consultation", chair, "Graag")


def test_a_member_may_not_take_a_simple_step(draft_advice, member):
    with pytest.raises(PermissionDenied):
        services.advice_transition(advice=draft_advice, by=member, to="consultation")
    assert Advice.objects.get(pk=draft_advice.pk).status == "draft"


def test_the_first_version_moves_to_draft_in_the_writers_name(secretary, member):
    advice = _create(secretary)
    services.advice_transition(advice=advice, by=secretary, to="preparation")
    version = services.advice_version_add(
        advice=advice, by=member, text="Eerste alinea.", change_note="  Opzet  "
    )
    assert (version.author, version.change_note, version.number) == (member, "Opzet", 1)
    last = Advice.objects.get(pk=advice.pk).transitions.last()
    assert (last.from_status, last.to_status, last.by, last.note) == (
        "preparation",
        "draft",
        member,
        "Eerste conceptversie",
    )
    entry = AuditEntry.objects.get(action="advice.version_added")
    assert (entry.actor, entry.data) == (member, {"version": 1})


def test_a_second_version_takes_no_step(draft_advice, member):
    steps = draft_advice.transitions.count()
    version = services.advice_version_add(advice=draft_advice, by=member, text="Nieuwe tekst.")
    assert version.number == 2
    assert draft_advice.transitions.count() == steps


def test_links_in_rich_text_get_a_safe_rel(draft_advice, member):
    version = services.advice_version_add(
        advice=draft_advice, by=member, text='<p><a href="https://example.org">bron</a></p>'
    )
    assert 'rel="noopener noreferrer"' in version.text
    assert 'href="https://example.org"' in version.text
