"""Demo data for a werk-en-inkomen council: dossiers, signals and advices in every state,
with ballots, votes and college responses. Idempotent: runs nothing when the dossiers exist."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from adviesraad.notifications.models import Notification
from meetings.models import Meeting
from members.models import WorkingGroup
from members.selectors import voters_on

from . import services
from .models import Advice, Ballot, CollegeResponse, Dossier, Signal

DOSSIERS = [
    ("Werk", "werk", "Scalabor en beschut werk"),
    ("Werk", "werk", "Doorbraak naar werk"),
    ("Werk", "werk", "Regionale arbeidsmarkt"),
    ("Werk", "werk", "Taal en loonwaardebepaling"),
    ("Werk", "werk", "SROI: social return bij aanbestedingen"),
    ("Inkomen", "inkomen", "Armoede en schulden"),
    ("Inkomen", "inkomen", "Werkende armen"),
    ("Inkomen", "inkomen", "Inkomensondersteuning"),
    ("Inkomen", "inkomen", "Stadspas"),
    ("Inkomen", "inkomen", "Mobiliteit en reiskosten"),
]

MORE_SIGNALS = [
    (
        "Brieven van de gemeente te moeilijk",
        "Ik begrijp de brieven over mijn bijstand niet. Er staan veel moeilijke woorden in.",
        "inkomen",
    ),
    (
        "Energietoeslag niet aangevraagd",
        "Bij het spreekuur in de wijk bleek dat veel ouderen de energietoeslag niet kennen.",
        "inkomen",
    ),
    (
        "Wachtlijst beschut werk",
        "Mijn zoon staat al een jaar op de wachtlijst voor beschut werk.",
        "werk",
    ),
]
SIGNAL_AGES = {  # days since each signal came in
    "Lange wachttijd schuldhulp": 3,
    "Energietoeslag niet aangevraagd": 11,
    "Werkende ouders bij de voedselbank": 26,
    "Brieven van de gemeente te moeilijk": 39,
    "Mijn uitkering is gestopt": 58,
    "Wachtlijst beschut werk": 74,
    "Stadspas onbekend": 160,
    "Busverbinding naar het werkplein": 118,
}

TEXT = (
    "De adviesraad heeft de stukken besproken met inwoners en organisaties.\n\n"
    "Wij adviseren het college om {onderwerp} toegankelijker te maken voor inwoners met een "
    "laag inkomen, en de regeling eenvoudig uit te leggen.\n\n"
    "Wij vragen het college om binnen zes weken te reageren."
)


def seed(log, today: datetime.date, people: dict) -> None:
    if Dossier.objects.exists():
        log("adviezen: demo data already present")
        return
    secretary = people["secretaris"]
    chair = people["voorzitter"]
    member = people["lid"]
    voters = voters_on(today)  # who the ballots will freeze as eligible
    with transaction.atomic():
        _seed(log, today, people, secretary, chair, member, voters)


def _seed(log, today, people, secretary, chair, member, voters):
    groups = {g.name: g for g in WorkingGroup.objects.all()}
    dossiers = {}
    for group_name, domain, title in DOSSIERS:
        group = groups.get(group_name)
        d = services.dossier_propose(
            by=member,
            title=title,
            domain=domain,
            working_group=group,
            description=f"Themadossier {title.lower()} van de werkgroep {group_name}.",
        )
        if group is not None:
            d = services.dossier_accept(dossier=d, by=chair, working_group=group)
        dossiers[title] = d
    dup = services.dossier_propose(
        by=member, title="Schulden en armoede bij jongeren", domain="inkomen"
    )
    services.dossier_reject_duplicate(
        dossier=dup,
        by=chair,
        duplicate_of=dossiers["Armoede en schulden"],
        note="Valt onder het dossier armoede en schulden.",
    )
    services.dossier_propose(by=member, title="Werkgeversdienstverlening", domain="werk")

    # Signals in every state.
    services.signal_submit(
        title="Lange wachttijd schuldhulp",
        description="Ik wacht al tien weken op een eerste gesprek bij de schuldhulp.",
        domain="inkomen",
        contact_name="A. Inwoner",
        contact_email="inwoner@example.org",
    )
    s_inv = services.signal_record(
        by=member,
        source="organisation",
        organisation="Voedselbank",
        title="Werkende ouders bij de voedselbank",
        description="Steeds meer werkende ouders melden zich bij de voedselbank.",
        domain="inkomen",
    )
    services.signal_investigate(signal=s_inv, by=secretary, note="Navragen bij de voedselbank.")
    s_link = services.signal_submit(
        title="Stadspas onbekend",
        description="Veel mensen weten niet dat de stadspas bestaat.",
        domain="inkomen",
    )
    services.signal_link_dossier(signal=s_link, by=secretary, dossier=dossiers["Stadspas"])
    s_ref = services.signal_submit(
        title="Mijn uitkering is gestopt",
        description="Mijn uitkering is stopgezet en ik weet niet waarom.",
        domain="inkomen",
        contact_email="bezorgd@example.org",
    )
    services.signal_refer(signal=s_ref, by=secretary, note="Individuele situatie.")
    s_closed = services.signal_submit(
        title="Busverbinding naar het werkplein",
        description="Er rijdt geen bus meer naar het werkplein.",
        domain="werk",
    )
    services.signal_close(signal=s_closed, by=chair, note="Besproken met de gemeente.")
    for title, description, domain in MORE_SIGNALS:
        services.signal_submit(title=title, description=description, domain=domain)
    # Signals come in over the months, not all today (newest first).
    for title, days_ago in SIGNAL_AGES.items():
        Signal.objects.filter(title=title).update(
            received_at=timezone.now() - datetime.timedelta(days=days_ago, hours=days_ago % 9)
        )

    def advice(
        title, dossier, *, origin="requested", kind="formal", ago=60, deadline_in=20, signal=None
    ):
        d = dossiers[dossier]
        return services.advice_create(
            by=secretary,
            title=title,
            origin=origin,
            kind=kind,
            domain=d.domain,
            dossier=d,
            signal=signal,
            request_date=today - datetime.timedelta(days=ago) if origin == "requested" else None,
            deadline=today + datetime.timedelta(days=deadline_in),
        )

    def drafted(a, versions=2):
        services.advice_transition(advice=a, by=secretary, to="preparation")
        for n in range(versions):
            services.advice_version_add(
                advice=a,
                by=member,
                text=TEXT.format(onderwerp=a.title.lower())
                + ("" if n == 0 else "\n\nAanvulling na bespreking in de werkgroep."),
                change_note="Eerste opzet" if n == 0 else "Reacties verwerkt",
            )
        return a

    def approved_by_vote(a, *, carried=True):
        b = services.ballot_open(
            advice=a, by=chair, deadline=timezone.now() + datetime.timedelta(days=7)
        )
        yes = len(voters) if carried else 1
        for i, v in enumerate(voters):
            services.vote_cast(ballot=b, member=v, choice="yes" if i < yes else "against")
        services.ballot_close(ballot=b, by=chair)
        return b

    def sent(a):
        services.advice_sign(advice=a, by=chair)
        services.advice_send(advice=a, by=secretary)
        services.advice_letter_deliver(advice_id=a.pk)

    advice(
        "Verordening maatschappelijke participatie", "Doorbraak naar werk", ago=12, deadline_in=38
    )  # requested
    advice(
        "Werkgeversbenadering in de regio",
        "Regionale arbeidsmarkt",
        origin="unsolicited",
        deadline_in=52,
    )  # initiated
    a = advice("Beleidsregels loonwaardebepaling", "Taal en loonwaardebepaling", deadline_in=10)
    services.advice_transition(advice=a, by=secretary, to="preparation")
    a = drafted(
        advice("Taaleis in de Participatiewet", "Taal en loonwaardebepaling", deadline_in=25), 1
    )
    plenary = (
        Meeting.objects.filter(kind=Meeting.Kind.PLENARY, start__gte=timezone.now())
        .order_by("start")
        .first()
    )
    if plenary is not None:  # a show of hands in the next plenary: the secretary counts
        services.ballot_open(advice=a, by=chair, meeting=plenary, tally="counts")
    a = drafted(
        advice(
            "SROI in nieuwe aanbestedingen",
            "SROI: social return bij aanbestedingen",
            ago=45,
            deadline_in=17,
        )
    )
    services.advice_transition(advice=a, by=secretary, to="consultation")
    a = drafted(advice("Toekomst van Scalabor", "Scalabor en beschut werk", deadline_in=31))
    services.ballot_open(advice=a, by=chair, deadline=timezone.now() + datetime.timedelta(days=5))
    a = drafted(
        advice(
            "Minimaregeling werkende armen", "Werkende armen", origin="unsolicited", deadline_in=44
        )
    )
    approved_by_vote(a, carried=False)  # back to draft, result kept
    a = drafted(advice("Individuele inkomenstoeslag", "Inkomensondersteuning", deadline_in=6))
    approved_by_vote(a)  # approved, waiting for signature
    a = drafted(
        advice(
            "Reiskostenvergoeding werkzoekenden",
            "Mobiliteit en reiskosten",
            ago=90,
            deadline_in=-52,
        )
    )
    services.advice_chair_approve(
        advice=a, by=chair, reason="Spoed: de deadline valt voor de volgende vergadering."
    )
    sent(a)  # sent seven weeks ago, the college's response is overdue
    Advice.objects.filter(pk=a.pk).update(sent_at=timezone.now() - datetime.timedelta(weeks=7))
    # Published advices with a history: sent weeks or months ago (the dates are set back
    # after the services ran, so the public list and the annual report look lived-in).
    for title, dossier, sent_days_ago, answered_after in [
        ("Vereenvoudiging stadspas", "Stadspas", 150, 41),
        ("Schuldhulpverlening sneller en dichterbij", "Armoede en schulden", 95, 36),
        ("Armoedebeleid 2025-2028", "Armoede en schulden", 20, None),
    ]:
        a = drafted(
            advice(
                title,
                dossier,
                ago=sent_days_ago + 60,
                deadline_in=-sent_days_ago - 4,  # sent just before the deadline
                signal=s_link if dossier == "Stadspas" else None,
            )
        )
        approved_by_vote(a)
        sent(a)
        services.advice_publish(advice=a, by=secretary)
        sent_on = timezone.now() - datetime.timedelta(days=sent_days_ago)
        Advice.objects.filter(pk=a.pk).update(
            sent_at=sent_on, published_at=sent_on + datetime.timedelta(days=2)
        )
        if answered_after is not None:
            services.college_response_register(
                advice=a,
                by=secretary,
                received_on=today,
                summary="Het college neemt het advies grotendeels over en past de regeling per 1 januari aan.",
            )
            CollegeResponse.objects.filter(advice=a).update(
                received_on=timezone.localdate(sent_on) + datetime.timedelta(days=answered_after)
            )
    a = drafted(
        advice(
            "Tips voor de werkgeversdag",
            "Regionale arbeidsmarkt",
            origin="unsolicited",
            kind="informal",
            deadline_in=-9,
        )
    )
    services.advice_chair_approve(
        advice=a, by=chair, reason="Korte aanbeveling, besproken in de werkgroep."
    )
    services.advice_publish(
        advice=a,
        by=secretary,
        public_note=True,
        summary="Nodig ook werkgevers uit die nog geen ervaring hebben met mensen met een afstand tot werk.",
    )
    a = advice("Re-integratie statushouders", "Taal en loonwaardebepaling", ago=70, deadline_in=3)
    services.advice_transition(
        advice=a, by=secretary, to="withdrawn", note="Aanvraag ingetrokken door het college."
    )
    # What the seeding told people and already dealt with is read; the bell shows what is
    # still to do: the open ballot, a dossier to review, an approved advice to send.
    to_do = [
        *(
            reverse("adviezen:ballot", args=[b.advice_id, b.pk])
            for b in Ballot.objects.filter(status=Ballot.Status.OPEN)
        ),
        *(
            reverse("adviezen:dossier", args=[pk])
            for pk in Dossier.objects.filter(status=Dossier.Status.PROPOSED).values_list(
                "pk", flat=True
            )
        ),
        *(
            reverse("adviezen:detail", args=[pk])
            for pk in Advice.objects.filter(status=Advice.Status.APPROVED).values_list(
                "pk", flat=True
            )
        ),
    ]
    Notification.objects.filter(
        kind__in=["ballot_opened", "dossier_proposed", "advice_approved"]
    ).exclude(url__in=to_do).update(read_at=timezone.now())
    log(
        f"adviezen: {Dossier.objects.count()} dossiers, {Advice.objects.count()} advices, "
        f"{Ballot.objects.count()} ballots"
    )
