"""The objects the access matrix asks for: someone else's and non-public ones.

Every object belongs to ``other`` (a member who is none of the six roles tested) or is not
public: a confidential meeting, item and document, a public document on a confidential item,
an unpublished advice and its versions, a resident's signal with contact details, another
member's declaration, receipt and onboarding tasks, an applicant's CV, a draft vacancy, a
withdrawn publication. ``build()`` returns the values that fill the URL kwargs, by name.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from adviesraad.background.models import OutboxMessage
from adviesraad.notifications.models import Notification
from adviezen.models import Advice, Ballot, Dossier
from budget.models import DeclarationExport, Publication, Receipt
from meetings.models import ActionItem, Guest
from members.models import Application, Appointment, OnboardingTask, Term, Vacancy
from members.selectors import council_settings_get
from tests.factories.adviezen import (
    AdviceFactory,
    DossierFactory,
    SignalFactory,
    VersionFactory,
    college_response,
    published_advice,
)
from tests.factories.budget import (
    BudgetYearFactory,
    DeclarationFactory,
    DeclarationLineFactory,
    pdf_bytes,
)
from tests.factories.meetings import AgendaItemFactory, MeetingFactory, at, document
from tests.factories.members import (
    MembershipFactory,
    TermFactory,
    WorkingGroupFactory,
    role_user,
)
from tests.factories.recruitment import (
    PDF,
    ApplicationFactory,
    OnboardingStepFactory,
    VacancyFactory,
)

ROLES = ("anonymous", "member", "advisor", "secretary", "treasurer", "chair")


def _people() -> dict:
    member = role_user("Leden", email="lid@matrix.example")
    TermFactory(member=member)
    advisor = role_user("Bestuursadviseurs", email="adviseur@matrix.example")
    secretary = role_user("Secretariaat", email="secretaris@matrix.example")
    treasurer = role_user("Penningmeester", "Leden", email="penning@matrix.example")
    TermFactory(member=treasurer)
    chair = role_user("Voorzitter", "Leden", email="voorzitter@matrix.example")
    TermFactory(member=chair, role=Term.Role.CHAIR)
    other = role_user("Leden", email="ander@matrix.example", iban="NL91ABNA0417164300")
    TermFactory(member=other)
    return {
        "member": member,
        "advisor": advisor,
        "secretary": secretary,
        "treasurer": treasurer,
        "chair": chair,
        "other": other,
    }


def _meetings(p: dict) -> dict:
    public = MeetingFactory(title="Openbare vergadering", is_public=True)
    public_item = AgendaItemFactory(meeting=public, title="Openbaar punt")
    secret_item = AgendaItemFactory(meeting=public, title="Geheim punt", is_public=False)
    public_doc = document(public, agenda_item=public_item, title="Openbaar stuk", by=p["secretary"])
    doc_on_secret_item = document(
        public, agenda_item=secret_item, title="Stuk bij geheim punt", by=p["secretary"]
    )
    secret_doc = document(public, is_public=False, title="Vertrouwelijk stuk", by=p["secretary"])
    closed = MeetingFactory(title="Besloten vergadering", is_public=False, start=at(21))
    closed_item = AgendaItemFactory(meeting=closed, title="Besloten punt", is_public=False)
    guest = Guest.objects.create(meeting=public, name="Gast", email="gast@extern.example")
    action = ActionItem.objects.create(
        meeting=public, description="Actie van een ander", owner=p["other"], due_date=at(30).date()
    )
    return {
        "public_meeting": public.pk,
        "public_item": public_item.pk,
        "location": public.location_id,
        "public_agenda_doc": f"agenda-{public.pk}",
        "closed_agenda_doc": f"agenda-{closed.pk}",
        "closed_meeting": closed.pk,
        "secret_item": secret_item.pk,
        "closed_item": closed_item.pk,
        "public_doc": public_doc.pk,
        "doc_on_secret_item": doc_on_secret_item.pk,
        "secret_doc": secret_doc.pk,
        "guest": guest.pk,
        "action": action.pk,
    }


def _adviezen(p: dict) -> dict:
    signal = SignalFactory(
        title="Signaal met contactgegevens", contact_phone="06-11111111", contact_email="a@b.nl"
    )
    dossier = DossierFactory(title="Voorgesteld dossier", status=Dossier.Status.PROPOSED)
    draft = AdviceFactory(title="Ongepubliceerd concept", status=Advice.Status.DRAFT)
    VersionFactory(advice=draft, number=1, author=p["other"])
    VersionFactory(advice=draft, number=2, author=p["other"])
    draft.request_document.save("aanvraag.pdf", ContentFile(PDF), save=True)
    consulted = AdviceFactory(title="In consultatie", status=Advice.Status.CONSULTATION)
    VersionFactory(advice=consulted, number=1)
    VersionFactory(advice=consulted, number=2)
    consulted.request_document.save("aanvraag2.pdf", ContentFile(PDF), save=True)
    voting = AdviceFactory(title="In stemming", status=Advice.Status.VOTING)
    version = VersionFactory(advice=voting, number=1)
    ballot = Ballot.objects.create(
        advice=voting,
        version=version,
        opened_by=p["chair"],
        opened_on=timezone.localdate(),
        deadline=timezone.now() + datetime.timedelta(days=7),
        threshold_percent=50,
        basis="eligible",
        quorum_percent=50,
    )
    published = published_advice(title="Gepubliceerd advies")
    published.request_document.save("aanvraag3.pdf", ContentFile(PDF), save=True)
    response = college_response(published)
    response.document.save("reactie.pdf", ContentFile(PDF), save=True)
    draft_response = college_response(draft)
    draft_response.document.save("reactie2.pdf", ContentFile(PDF), save=True)
    return {
        "signal": signal.pk,
        "dossier": dossier.pk,
        "draft_advice": draft.pk,
        "unpublished_slug": draft.slug,
        "published_slug": published.slug,
        "published_advice_doc": f"advies-{published.pk}",
        "unpublished_advice_doc": f"advies-{draft.pk}",
        "voting_advice": voting.pk,
        "consulted_advice": consulted.pk,
        "ballot": ballot.pk,
    }


def _budget(p: dict) -> dict:
    year = BudgetYearFactory()
    declaration = DeclarationFactory(claimant=p["other"], budget_year=year, status="submitted")
    line = DeclarationLineFactory(declaration=declaration)
    receipt = Receipt(
        declaration=declaration,
        line=line,
        file_kind="pdf",
        content_type="application/pdf",
        original_name="bon.pdf",
        size=100,
        uploaded_by=p["other"],
    )
    receipt.file.save("bon-ander.pdf", ContentFile(pdf_bytes()), save=True)
    export = DeclarationExport(
        start=datetime.date(year.year, 1, 1),
        end=datetime.date(year.year, 12, 31),
        requested_by=p["treasurer"],
        status=DeclarationExport.Status.DONE,
        total=1,
        done=1,
        amount_total=Decimal("12.50"),
        finished_at=timezone.now(),
    )
    export.file.save("export.pdf", ContentFile(pdf_bytes()), save=False)
    export.summary_file.save("export.csv", ContentFile(b"iban;bedrag\n"), save=False)
    export.save()
    export.declarations.add(declaration)
    withdrawn = Publication(
        kind=Publication.Kind.RESEARCH,
        year=year.year,
        title="Ingetrokken rapport",
        published_at=timezone.now(),
        is_public=False,
    )
    withdrawn.file.save("rapport.pdf", ContentFile(pdf_bytes()), save=True)
    public = Publication(
        kind=Publication.Kind.RESEARCH,
        year=year.year,
        title="Openbaar rapport",
        published_at=timezone.now(),
        is_public=True,
    )
    public.file.save("rapport2.pdf", ContentFile(pdf_bytes()), save=True)
    return {
        "year": year.year,
        "declaration": declaration.pk,
        "line": line.pk,
        "receipt": receipt.pk,
        "export": export.pk,
        "withdrawn_publication": withdrawn.pk,
        "public_publication": public.pk,
    }


def _recruitment(p: dict) -> dict:
    draft = VacancyFactory(status=Vacancy.Status.DRAFT, published_at=None, title="Conceptvacature")
    published = VacancyFactory(title="Open vacature")
    application = ApplicationFactory(
        vacancy=published,
        first_name="Zwaantje",
        last_name="Kandidaatsma",
        email="zwaantje@kandidaat.example",
    )
    application.cv.save("cv.pdf", ContentFile(PDF), save=True)
    Application.objects.filter(pk=application.pk).update(
        cv_original_name="cv.pdf", cv_size=len(PDF)
    )
    appointment = Appointment(
        vacancy=published,
        member=p["other"],
        decided_on=timezone.localdate(),
        decision_original_name="besluit.pdf",
    )
    appointment.decision_document.save("besluit.pdf", ContentFile(PDF), save=True)
    step = OnboardingStepFactory()
    task = OnboardingTask.objects.create(
        member=p["other"], step=step, title=step.title, due_on=timezone.localdate()
    )
    return {
        "draft_vacancy": draft.pk,
        "draft_vacancy_slug": draft.slug,
        "published_vacancy_slug": published.slug,
        "application": application.pk,
        "appointment": appointment.pk,
        "step": step.pk,
        "task": task.pk,
    }


def build() -> dict:
    council = council_settings_get()  # the settings row exists, as in production
    # Everything open data can publish is published: meetings under the Woo, and requests.
    council.tooi_publisher = "gm0363"
    council.meetings_under_woo = True
    council.publish_requests = True
    council.save()
    people = _people()
    group = WorkingGroupFactory(contact_person=people["other"])
    membership = MembershipFactory(group=group, member=people["other"])
    # Someone else's second factor: nothing in the URLconf may reach it.
    TOTPDevice.objects.create(user=people["other"], name="app", confirmed=True)
    outbox = OutboxMessage.objects.create(
        task_name="adviesraad.background.tasks.selftest_write",
        args=["matrix"],
        state=OutboxMessage.State.FAILED,
    )
    notification = Notification.objects.create(
        recipient=people["other"], kind="general", title="Melding van een ander", url="/"
    )
    other = people["other"]
    values = {
        "people": people,
        "other": other.pk,
        "other_term": other.terms.get().pk,
        "group": group.pk,
        "membership": membership.pk,
        "outbox": outbox.pk,
        "notification": notification.pk,
        "other_calendar_token": other.calendar_token,
        "bogus_token": "0" * 40,
        "bogus_uid": "MQ",
        "bogus_reset_token": "abc-123",
        "pdf": "pdf",
        "csv": "csv",
        "unknown": "onbekend",
        "advices_category": "adviezen",
        "meetings_category": "vergaderstukken",
        "one": 1,
        "accept": "accepteren",
    }
    values.update(_meetings(people))
    values.update(_adviezen(people))
    values.update(_budget(people))
    values.update(_recruitment(people))
    return values
