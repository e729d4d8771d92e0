"""Demo data: a full year of meetings with agendas, documents, attendance and minutes."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.formats import date_format

from . import services
from .models import Attendance, Location, Meeting

MARKER = "Plenaire vergadering"
LOCATIONS = [
    ("Gemeentehuis, raadzaal", "Markt 1"),
    ("Wijkcentrum De Brug", "Brugstraat 12"),
    ("Buurthuis Het Anker", "Havenweg 3"),
]

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
    b"0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n164\n%%EOF\n"
)


def _aware(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def seed(log, today: datetime.date, people: dict) -> None:
    if Meeting.objects.filter(title__startswith=MARKER).exists():
        log("meetings: demo data already present")
        return
    secretary = people.get("secretaris")
    locations = [
        Location.objects.get_or_create(name=n, defaults={"address": a})[0] for n, a in LOCATIONS
    ]
    plenaries = services.meeting_plan_year(
        by=secretary,
        year=today.year,
        kind=Meeting.Kind.PLENARY,
        title=MARKER,
        weekday=1,
        n=2,
        start_time=datetime.time(19, 30),
        duration_minutes=150,
        location=locations[0],
        is_public=True,
    )
    for i, m in enumerate(plenaries):
        services.meeting_update(
            meeting=m,
            by=secretary,
            data={
                "title": f"{MARKER} {date_format(timezone.localtime(m.start), 'F')}",
                "location": locations[i % 3],
            },
        )
    extra = [
        (Meeting.Kind.ALDERMAN, "Overleg met de wethouder", 3, False),
        (Meeting.Kind.ALDERMAN, "Overleg met de wethouder", 10, False),
        (Meeting.Kind.MANAGEMENT, "Overleg met het management sociaal domein", 4, False),
        (Meeting.Kind.MANAGEMENT, "Overleg met het management sociaal domein", 11, False),
        (Meeting.Kind.WORK_VISIT, "Werkbezoek sociaal wijkteam", 5, False),
        (Meeting.Kind.TRAINING, "Training adviesvaardigheden", 6, False),
    ]
    for kind, title, month, public in extra:
        day = datetime.date(today.year, month, 20)
        services.meeting_create(
            by=secretary,
            kind=kind,
            title=title,
            start=_aware(day, 14),
            end=_aware(day, 16),
            location=locations[0],
            is_public=public,
        )
    members = [
        people[k] for k in ("voorzitter", "lid", "p.jansen", "m.smit", "a.yilmaz") if k in people
    ]
    now = timezone.now()
    all_meetings = list(Meeting.objects.order_by("start"))
    for m in all_meetings:
        if m.kind == Meeting.Kind.PLENARY:
            services.agenda_item_add(
                meeting=m,
                by=secretary,
                title="Adviesaanvraag Wmo-verordening",
                section="advices",
                presenter="Werkgroep Wmo",
                duration_minutes=30,
            )
            services.agenda_item_add(
                meeting=m,
                by=secretary,
                title="Signaal over wachttijden schuldhulp",
                section="signals",
                duration_minutes=15,
            )
            services.agenda_item_add(
                meeting=m,
                by=secretary,
                title="Personele zaken secretariaat",
                section="other",
                duration_minutes=10,
                is_public=False,
            )
            services.document_add(
                meeting=m,
                by=secretary,
                upload=SimpleUploadedFile("concept-advies.pdf", PDF),
                title="Concept-advies Wmo-verordening",
                is_public=True,
            )
            if "lid" in people:
                services.update_post(
                    meeting=m,
                    author=people["lid"],
                    text="- Bijeenkomst cliëntenraad bijgewoond\n- Gesprek met het wijkteam gepland",
                )
    previous_plenary = None
    for m in all_meetings:
        if m.end >= now:
            continue
        # The demo records the sending without mailing everyone from seed_demo.
        services.meeting_transition(meeting=m, by=secretary, to_status=Meeting.Status.AGENDA_SENT)
        Meeting.objects.filter(pk=m.pk).update(agenda_sent_at=m.start - datetime.timedelta(days=7))
        if m.kind == Meeting.Kind.PLENARY and previous_plenary is not None:
            services.minutes_schedule_approval(meeting=previous_plenary, by=secretary, at_meeting=m)
        services.meeting_transition(meeting=m, by=secretary, to_status=Meeting.Status.HELD)
        if m.kind == Meeting.Kind.PLENARY and previous_plenary is not None:
            services.minutes_approve(meeting=previous_plenary, by=secretary)
        services.attendance_record(
            meeting=m,
            by=secretary,
            statuses={
                p.pk: (Attendance.Status.EXCUSED if (i + m.start.month) % 5 == 0 else "present")
                for i, p in enumerate(members)
            },
        )
        services.minutes_save(meeting=m, by=secretary, notes="Het overleg verliep constructief.")
        if members:
            services.action_item_add(
                by=secretary,
                meeting=m,
                description="Reactie op het signaal voorbereiden",
                owner=members[m.start.month % len(members)],
                due_date=timezone.localdate(m.start) + datetime.timedelta(days=21),
            )
        if m.kind == Meeting.Kind.PLENARY:
            previous_plenary = m
    log(f"meetings: {Meeting.objects.count()} meetings for {today.year}")
