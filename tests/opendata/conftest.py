"""Planted data for the open-data tests: public content, and confidential or unpublished
content whose every text carries ``GEHEIM`` so a test can search every response for it."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from adviezen.models import Advice, Dossier
from budget.models import Publication
from meetings.models import Minutes
from members.models import CouncilSettings
from tests.factories.adviezen import (
    AdviceFactory,
    DossierFactory,
    college_response,
    published_advice,
)
from tests.factories.meetings import PDF_BYTES, AgendaItemFactory, MeetingFactory, at, document
from tests.factories.members import WorkingGroupFactory

SECRET = "GEHEIM"


def settings_row(**fields) -> CouncilSettings:
    """The council settings with ``fields`` (``publish_requests`` among them: read by
    ``adviezen.publication.requests_published``)."""
    cs, _ = CouncilSettings.objects.get_or_create(pk=1)
    for name, value in fields.items():
        setattr(cs, name, value)
    cs.save()
    return cs


def planted(n: int = 1) -> dict:
    """``n`` copies of every kind of public and secret content."""
    found: dict = {"public": [], "advices": [], "meetings": []}
    from members.models import WorkingGroup

    group = WorkingGroup.objects.filter(name="Werkgroep Werk en Inkomen").first() or (
        WorkingGroupFactory(name="Werkgroep Werk en Inkomen")
    )
    for i in range(n):
        meeting = MeetingFactory(title=f"Openbare vergadering {i}", start=at(-7 - i))
        item = AgendaItemFactory(meeting=meeting, title=f"Openbaar punt {i}")
        closed = AgendaItemFactory(
            meeting=meeting, title=f"{SECRET}-BESLOTEN-PUNT {i}", is_public=False
        )
        document(meeting, agenda_item=item, title=f"Openbaar stuk {i}")
        document(meeting, agenda_item=closed, title=f"{SECRET}-STUK-BIJ-BESLOTEN-PUNT {i}")
        document(meeting, is_public=False, title=f"{SECRET}-STUK {i}")
        Minutes.objects.create(
            meeting=meeting, status=Minutes.Status.APPROVED, approved_at=timezone.now()
        )
        hidden = MeetingFactory(title=f"{SECRET}-VERGADERING {i}", is_public=False, start=at(-3))
        AgendaItemFactory(meeting=hidden, title=f"{SECRET}-PUNT-BESLOTEN-VERGADERING {i}")
        document(hidden, title=f"{SECRET}-STUK-BESLOTEN-VERGADERING {i}")

        advice = published_advice(
            title=f"Openbaar advies {i}",
            letter_pdf=ContentFile(PDF_BYTES, name="brief.pdf"),
            request_document=ContentFile(PDF_BYTES, name="aanvraag.pdf"),
            dossier=None,
        )
        college_response(advice, document=ContentFile(PDF_BYTES, name="reactie.pdf"))
        found["advices"].append(advice)
        AdviceFactory(title=f"{SECRET}-CONCEPT {i}", status=Advice.Status.DRAFT)
        AdviceFactory(title=f"{SECRET}-VASTGESTELD {i}", status=Advice.Status.APPROVED)
        published_advice(title=f"{SECRET}-NIET-OPENBAAR {i}", is_public=False)

        for kind, title in (("annual_plan", "Jaarplan"), ("research", "Onderzoek")):
            Publication.objects.create(
                kind=kind,
                year=2020 + i,
                title=f"{title} {i}",
                file=ContentFile(PDF_BYTES, name="p.pdf"),
                published_at=timezone.now() - datetime.timedelta(days=1),
            )
        Publication.objects.create(
            kind="annual_report",
            year=2000 + i,
            title=f"{SECRET}-INGETROKKEN {i}",
            file=ContentFile(PDF_BYTES, name="p.pdf"),
            published_at=timezone.now(),
            is_public=False,
        )
        DossierFactory(title=f"Openbaar dossier {i}", is_public=True, working_group=group)
        DossierFactory(title=f"{SECRET}-DOSSIER-INTERN {i}", is_public=False)
        DossierFactory(
            title=f"{SECRET}-VOORGESTELD {i}", is_public=True, status=Dossier.Status.PROPOSED
        )
        DossierFactory(
            title=f"{SECRET}-AFGEWEZEN {i}", is_public=True, status=Dossier.Status.REJECTED
        )
        found["meetings"].append(meeting)
    return found


@pytest.fixture
def plant(db):
    settings_row(tooi_publisher="gm0439", municipality="Gemeente Purmerend")
    return planted(1)
