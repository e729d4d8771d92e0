"""Demo data: a full year of meetings with agendas, documents, attendance and minutes."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.formats import date_format

from . import rules, services
from .models import Attendance, Location, Meeting

MARKER = "Plenaire vergadering"
# The working agreement: plenaries rotate between the town hall and neighbourhood centres.
LOCATIONS = [
    (
        "Gemeentehuis, raadzaal",
        "Markt 1",
        "Ingang zonder drempel aan de zijkant (Kerkstraat). Lift naar de raadzaal, ringleiding, "
        "invalidentoilet op de begane grond.",
    ),
    (
        "Wijkcentrum De Brug",
        "Brugstraat 12",
        "Alles gelijkvloers en drempelvrij. Invalidenparkeerplaats voor de deur. Geen ringleiding.",
    ),
    (
        "Buurthuis Het Anker",
        "Havenweg 3",
        "Zaal op de eerste verdieping, met lift. Bushalte Havenweg op 50 meter.",
    ),
    (
        "Wijkcentrum De Kersenboom",
        "Kersenlaan 40",
        "Drempelvrij, ringleiding in de grote zaal, rustige ruimte beschikbaar.",
    ),
]
APOLOGY_NOTE = "Ik ben die week op vakantie. Mijn update stuur ik vooraf."

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
    locations = _locations()
    if Meeting.objects.filter(title__startswith=MARKER).exists():
        _apology(people, now=timezone.now())
        log("meetings: demo data already present")
        return
    secretary = people.get("secretaris")
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
                "location": locations[i % len(locations)],
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
    _apology(people, now=now)
    _cancelled(secretary, today, locations[1])
    log(f"meetings: {Meeting.objects.count()} meetings for {today.year}")


def _locations() -> list[Location]:
    """The demo's venues with address and accessibility notes (idempotent)."""
    return [
        Location.objects.update_or_create(
            name=name, defaults={"address": address, "accessibility": access}
        )[0]
        for name, address, access in LOCATIONS
    ]


def _apology(people: dict, *, now) -> None:
    """One member has sent apologies for the next plenary (or meeting with the alderman);
    sending again changes nothing."""
    from .services.attendance import apology_send

    member = people.get("lid")
    upcoming = (
        Meeting.objects.filter(
            kind__in=(Meeting.Kind.PLENARY, Meeting.Kind.ALDERMAN),
            start__gt=now,
            status__in=rules.APOLOGY_STATUSES,
        )
        .order_by("start")
        .first()
    )
    if member is None or upcoming is None:
        return
    try:
        apology_send(meeting=upcoming, member=member, note=APOLOGY_NOTE)
    except services.MeetingError:
        pass  # not invited that day, or already recorded by the secretary: nothing to show


def _cancelled(secretary, today: datetime.date, location: Location) -> None:
    """An informal meeting next month, cancelled (it stays visible, marked "Geannuleerd")."""
    from .services.cancel import meeting_cancel

    day = today + datetime.timedelta(days=30)
    meeting = services.meeting_create(
        by=secretary,
        kind=Meeting.Kind.INFORMAL,
        title="Informeel overleg met de cliëntenraad",
        start=_aware(day, 15),
        end=_aware(day, 16, 30),
        location=location,
        is_public=True,
    )
    meeting_cancel(
        meeting=meeting,
        by=secretary,
        note="De cliëntenraad kan deze keer niet. We plannen een nieuwe datum.",
    )
