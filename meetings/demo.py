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

# What a council's year brings to its plenaries, month by month (January first).
ADVICE_ITEMS = [
    ("Adviesaanvraag minimabeleid 2026", "Werkgroep Inkomen"),
    ("Concept-advies Wmo-verordening", "Werkgroep Wmo"),
    ("Beleidsregels loonwaardebepaling", "Werkgroep Werk"),
    ("Adviesaanvraag inkoop jeugdhulp", "Werkgroep Jeugd"),
    ("Evaluatie schuldhulpverlening", "Werkgroep Inkomen"),
    ("Uitvoeringsplan Participatiewet", "Werkgroep Werk"),
    ("Concept-advies individuele inkomenstoeslag", "Werkgroep Inkomen"),
    ("Adviesaanvraag huishoudelijke hulp", "Werkgroep Wmo"),
    ("Begroting sociaal domein 2027", "Dagelijks bestuur"),
    ("Concept-advies taaleis Participatiewet", "Werkgroep Werk"),
    ("Adviesaanvraag vervoer naar dagbesteding", "Werkgroep Wmo"),
    ("Jaarplan adviesraad 2027", "Dagelijks bestuur"),
]
SIGNAL_ITEMS = [
    "Signaal: lange wachttijd schuldhulp",
    "Signaal: werkende ouders bij de voedselbank",
    "Signaal: stadspas onbekend bij nieuwe inwoners",
    "Signaal: geen bus meer naar het werkplein",
    "Signaal: brieven van de gemeente te moeilijk",
    "Signaal: mantelzorgers krijgen geen respijtzorg",
    "Signaal: keukentafelgesprek duurt te lang",
    "Signaal: jongeren met schulden buiten beeld",
    "Signaal: digitale aanvraag bijzondere bijstand",
    "Signaal: reiskosten naar re-integratietraject",
    "Signaal: wachtlijst beschut werk",
    "Signaal: energietoeslag niet aangevraagd",
]
UPDATES = [
    "- Bijeenkomst cliëntenraad bijgewoond\n- Gesprek met het wijkteam gepland",
    "- Inloopochtend bij de voedselbank bezocht\n- Vragen over de stadspas verzameld",
    "- Regionaal overleg adviesraden bijgewoond",
    "- Gesprek met de klantmanagers van het werkplein\n- Verslag volgt in de werkgroep",
    "- Webinar over de nieuwe Participatiewet gevolgd",
    "- Met twee ervaringsdeskundigen gesproken over schuldhulp",
]
MINUTES = [
    "Het advies is besproken en met enkele aanvullingen vastgesteld.",
    "De wethouder lichtte de plannen toe; de werkgroep werkt een reactie uit.",
    "Goed gesprek over de signalen; twee ervan gaan naar de werkgroep Inkomen.",
    "Het overleg verliep constructief; de afspraken staan in de actielijst.",
    "De adviesaanvraag is verdeeld over de werkgroepen; eerste concept in de volgende vergadering.",
    "Korte vergadering: de begroting is besproken, de rest schuift door.",
]
# Follow-up actions: what to do and how many days after the meeting it is due.
ACTIONS = [
    ("Reactie op het signaal over schuldhulp voorbereiden", 21),
    ("Wethouder uitnodigen voor de plenaire vergadering", 14),
    ("Verslag werkbezoek rondsturen", 7),
    ("Vragen over de begroting naar de beleidsadviseur sturen", 10),
    ("Concept-advies Wmo-verordening herschrijven na de bespreking", 28),
    ("Cliëntenraad uitnodigen voor een gesprek over de stadspas", 35),
    ("Agenda kwartaaloverleg werkgroep Werk opstellen", 12),
    ("Nieuwsbrief voor de achterban schrijven", 18),
    ("Terugkoppeling aan de melder van het signaal over de bus", 9),
    ("Trainingsdata met de nieuwe leden afstemmen", 24),
    ("Jaarverslag: hoofdstuk signalen aanvullen", 42),
    ("Voorzitter informeren over de reactie van het college", 5),
]
# Open actions from the latest plenary (if one was held yet this year), due over the coming
# weeks (days from today; one late).
OPEN_ACTIONS = [
    ("Cijfers wachttijden schuldhulp opvragen bij de gemeente", -3),
    ("Ervaringsverhalen verzamelen voor het advies minimabeleid", 4),
    ("Afspraak maken met de klantmanagers van het werkplein", 9),
    ("Reactie op de concept-begroting sociaal domein opstellen", 15),
    ("Werkbezoek aan het wijkteam Noord voorbereiden", 22),
    ("Jaarplan 2027: paragraaf achterbanraadpleging schrijven", 31),
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


def _workday(day: datetime.date) -> datetime.date:
    """``day``, or the Monday after it when it falls in a weekend (deadlines are workdays)."""
    return day + datetime.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


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
            month = timezone.localtime(m.start).month - 1
            advice_title, presenter = ADVICE_ITEMS[month]
            services.agenda_item_add(
                meeting=m,
                by=secretary,
                title=advice_title,
                section="advices",
                presenter=presenter,
                duration_minutes=30,
            )
            services.agenda_item_add(
                meeting=m,
                by=secretary,
                title=SIGNAL_ITEMS[month],
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
                upload=SimpleUploadedFile("stuk.pdf", PDF),
                title=advice_title,
                is_public=True,
            )
            if "lid" in people:
                services.update_post(
                    meeting=m, author=people["lid"], text=UPDATES[month % len(UPDATES)]
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
        n = sum(1 for earlier in all_meetings if earlier.start < m.start)
        services.minutes_save(meeting=m, by=secretary, notes=MINUTES[n % len(MINUTES)])
        if members:
            description, days = ACTIONS[n % len(ACTIONS)]
            due = _workday(timezone.localdate(m.start) + datetime.timedelta(days=days))
            action = services.action_item_add(
                by=secretary,
                meeting=m,
                description=description,
                owner=members[n % len(members)],
                due_date=due,
            )
            if due < today - datetime.timedelta(days=10):  # long done; a few recent ones late
                services.action_item_set_done(action=action, by=secretary)
        if m.kind == Meeting.Kind.PLENARY:
            previous_plenary = m
    for n, (description, days) in enumerate(OPEN_ACTIONS if members else []):
        services.action_item_add(
            by=secretary,
            meeting=previous_plenary,
            description=description,
            owner=members[(n + 2) % len(members)],
            due_date=_workday(today + datetime.timedelta(days=days)),
        )
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
