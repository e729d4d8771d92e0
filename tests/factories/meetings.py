import datetime

import factory
from django.utils import timezone

from meetings.models import ActionItem, AgendaItem, Attendance, Document, Location, Meeting


def at(days: int, hour: int = 19, minute: int = 30) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Wijkcentrum {n}")
    address = "Dorpsstraat 1"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    kind = Meeting.Kind.PLENARY
    title = factory.Sequence(lambda n: f"Plenaire vergadering {n}")
    start = factory.LazyFunction(lambda: at(14))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2, minutes=30))
    location = factory.SubFactory(LocationFactory)
    is_public = True


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    section = AgendaItem.Section.OTHER
    position = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Agendapunt {n}")
    duration_minutes = 10
    is_public = True


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    status = Attendance.Status.PRESENT


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    meeting = factory.SubFactory(MeetingFactory)
    description = factory.Sequence(lambda n: f"Actie {n}")


PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
    b"0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n164\n%%EOF\n"
)


def document(meeting, *, is_public=True, agenda_item=None, title="Stuk", by=None) -> Document:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from meetings.services import document_add

    upload = SimpleUploadedFile("stuk.pdf", PDF_BYTES, content_type="application/pdf")
    return document_add(
        meeting=meeting,
        by=by,
        upload=upload,
        title=title,
        is_public=is_public,
        agenda_item=agenda_item,
    )
