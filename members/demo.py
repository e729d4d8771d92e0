"""Demo data for members: a council of nine members and a chair, a secretary, a treasurer,
policy advisors and working groups (persons are invented)."""

import datetime

from django.contrib.auth.models import Group

from adviesraad.models import AuditEntry

from . import roles, rules
from .models import CouncilSettings, Term, User, WorkingGroup, WorkingGroupMembership

DEMO_PASSWORD = "demo-adviesraad"  # noqa: S105 (published demo log-in)

LOGINS = [
    ("secretaris@adviesraad.example", "Sanne", "de Vries", [roles.SECRETARY]),
    ("voorzitter@adviesraad.example", "Henk", "Bakker", [roles.CHAIR, roles.MEMBER]),
    ("lid@adviesraad.example", "Fatima", "El Amrani", [roles.MEMBER]),
    ("penningmeester@adviesraad.example", "Johan", "Visser", [roles.TREASURER, roles.MEMBER]),
    ("adviseur@gemeente.example", "Ingrid", "Mulder", [roles.ADVISOR]),
]
OTHER_MEMBERS = [
    ("p.jansen@adviesraad.example", "Piet", "Jansen"),
    ("m.smit@adviesraad.example", "Marieke", "Smit"),
    ("a.yilmaz@adviesraad.example", "Ahmet", "Yilmaz"),
    ("e.dekker@adviesraad.example", "Els", "Dekker"),
    ("r.bos@adviesraad.example", "Ruud", "Bos"),
    ("w.meijer@adviesraad.example", "Wendy", "Meijer"),
]


def seed(log, today: datetime.date) -> dict:
    cs, _ = CouncilSettings.objects.get_or_create(pk=1)
    cs.name = "Adviesraad Sociaal Domein Voorbeeld"
    cs.municipality = "Gemeente Voorbeeld"
    # The demo log-ins work with the password alone; a real council keeps the second factor
    # required for its secretary, treasurer and chair (on by default for a new install).
    cs.second_factor_required = False
    cs.save()

    people = {}
    for email, first, last, role_names in LOGINS:
        user, created = User.objects.get_or_create(
            email=email, defaults={"first_name": first, "last_name": last}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.iban = "NL91ABNA0417164300" if roles.MEMBER in role_names else ""
            user.organisation = "Gemeente Voorbeeld" if roles.ADVISOR in role_names else ""
            user.save()
        user.groups.set(Group.objects.filter(name__in=role_names))
        people[email.split("@")[0]] = user
    for email, first, last in OTHER_MEMBERS:
        user, created = User.objects.get_or_create(
            email=email, defaults={"first_name": first, "last_name": last}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.set(Group.objects.filter(name=roles.MEMBER))
        people[email.split("@")[0]] = user

    # Terms: staggered so the seat planning shows terms ending and a recruitment need.
    term_starts = {
        "voorzitter": (datetime.date(today.year - 5, 1, 1), Term.Role.CHAIR),
        "lid": (datetime.date(today.year - 2, 3, 1), Term.Role.MEMBER),
        "penningmeester": (datetime.date(today.year - 3, 9, 1), Term.Role.MEMBER),
        "p.jansen": (datetime.date(today.year - 7, 6, 1), Term.Role.MEMBER),
        "m.smit": (datetime.date(today.year - 1, 1, 1), Term.Role.MEMBER),
        "a.yilmaz": (
            datetime.date(today.year - 4, 1, 1) + datetime.timedelta(days=200),
            Term.Role.MEMBER,
        ),
        "e.dekker": (datetime.date(today.year - 6, 2, 1), Term.Role.MEMBER),
        "r.bos": (datetime.date(today.year - 1, 9, 1), Term.Role.MEMBER),
        "w.meijer": (datetime.date(today.year - 2, 11, 1), Term.Role.MEMBER),
    }
    years = cs.term_length_years
    for key, (start, role) in term_starts.items():
        user = people[key]
        if user.terms.exists():
            continue
        seq, s = 1, start
        while True:
            end = rules.term_default_end(start=s, years=years)
            Term.objects.create(member=user, role=role, start=s, end=end, sequence=seq)
            if end >= today or rules.is_final_term(sequence=seq, max_terms=cs.max_terms):
                break
            seq, s = seq + 1, end + datetime.timedelta(days=1)
        if not user.joined_on:
            user.joined_on = start
            user.save(update_fields=["joined_on"])

    groups = [
        (
            "Werk",
            WorkingGroup.Domain.WERK,
            "lid",
            ["lid", "p.jansen", "a.yilmaz", "r.bos"],
            "Scalabor, doorbraak naar werk, regionale arbeidsmarkt, taal en loonwaardebepaling, SROI.",
        ),
        (
            "Inkomen",
            WorkingGroup.Domain.INKOMEN,
            "m.smit",
            ["m.smit", "penningmeester", "e.dekker", "w.meijer"],
            "Armoede en schulden, werkende armen, inkomensondersteuning, stadspas, mobiliteit.",
        ),
        (
            "Wmo en Jeugd",
            WorkingGroup.Domain.WMO,
            "e.dekker",
            ["e.dekker", "voorzitter"],
            "Maatschappelijke ondersteuning, jeugdhulp en de toegang via het wijkteam.",
        ),
    ]
    for name, domain, contact, members, description in groups:
        group, _ = WorkingGroup.objects.get_or_create(
            name=name,
            defaults={
                "domain": domain,
                "contact_person": people[contact],
                "description": description,
            },
        )
        for key in members:
            WorkingGroupMembership.objects.get_or_create(
                group=group,
                member=people[key],
                defaults={"start": datetime.date(today.year - 1, 1, 1)},
            )
    sub = WorkingGroup.objects.get(name="Werk")
    WorkingGroupMembership.objects.get_or_create(
        group=sub,
        member=people["w.meijer"],
        defaults={
            "start": today - datetime.timedelta(days=30),
            "end": today + datetime.timedelta(days=60),
            "note": "Tijdelijk: subgroep SROI",
        },
    )
    if not AuditEntry.objects.filter(action="demo.seeded").exists():
        AuditEntry.objects.create(actor_label="seed_demo", action="demo.seeded")
    log(
        f"  members: {User.objects.count()} people, {Term.objects.count()} terms, {WorkingGroup.objects.count()} working groups"
    )
    return people
