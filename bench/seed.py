"""Scaled benchmark data, inserted with ``bulk_create`` (services would take an hour).

The rows are what the services would have produced: published advices have a slug, a
reference, a text, status *published*, ``is_public`` and ``published_at``; meetings have
30 agenda items and 20 documents; members have terms; declarations have lines, totals that
add up, status histories in their timestamps and a receipt file on disk.

Run inside a process whose settings are ``bench.settings`` (``bench/run.py`` does that).
"""

from __future__ import annotations

import datetime
import io
import json
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

SEED_VERSION = 4
MARKER_TABLE = "bench_marker"

SIZES = {
    # the measured data set (issue 7)
    "full": {"advices": 10_000, "meetings": 500, "members": 100, "declarations": 2_000},
    # the two small sets for SQL queries per request at 1x and 10x
    "q1": {"advices": 40, "meetings": 6, "members": 10, "declarations": 30},
    "q10": {"advices": 400, "meetings": 60, "members": 100, "declarations": 300},
}
ITEMS_PER_MEETING = 30
DOCUMENTS_PER_MEETING = 20
BATCH_DECLARATIONS = 200
PASSWORD = "bench-password"  # noqa: S105 (local benchmark database only)

TOPICS = [
    "mantelzorg",
    "jeugdhulp",
    "armoedebeleid",
    "schuldhulpverlening",
    "Wmo-voorzieningen",
    "participatie",
    "beschermd wonen",
    "inburgering",
    "toegankelijkheid",
    "dagbesteding",
    "huishoudelijke hulp",
    "eenzaamheid",
]
OPENERS = ["Advies over", "Ongevraagd advies over", "Reactie op het beleid voor", "Aanbevelingen"]
PARAGRAPH = (
    "De adviesraad heeft de conceptnota besproken met inwoners, cliëntorganisaties en de "
    "werkgroep. Wij zien dat de gemeente stappen zet, maar de toegang tot {t} blijft voor veel "
    "inwoners ingewikkeld. Wij adviseren het college om de aanvraag te vereenvoudigen, de "
    "wachttijden te publiceren en inwoners actief te informeren over hun rechten."
)
SECTIONS = [("opening", 1), ("updates", 3), ("knowledge", 4), ("advices", 10)] + [
    ("signals", 6),
    ("other", 5),
    ("closing", 1),
]


def db_marker() -> dict | None:
    tables = connection.introspection.table_names()
    if MARKER_TABLE not in tables:
        return None
    with connection.cursor() as cur:
        cur.execute(f"SELECT payload FROM {MARKER_TABLE} WHERE version = %s", [SEED_VERSION])
        row = cur.fetchone()
    return json.loads(row[0]) if row else None


def _write_marker(payload: dict) -> None:
    with connection.cursor() as cur:
        cur.execute(f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (version integer, payload text)")
        cur.execute(f"DELETE FROM {MARKER_TABLE}")
        cur.execute(
            f"INSERT INTO {MARKER_TABLE} (version, payload) VALUES (%s, %s)",
            [SEED_VERSION, json.dumps(payload)],
        )


def _pdf_bytes(text: str) -> bytes:
    """A one-page PDF (what a scanned receipt or an agenda document would be, but small)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    stream = DecodedStreamObject()
    stream.set_data(f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _png_bytes() -> bytes:
    """A photographed receipt: 1200 x 1800 pixels of noise-free grey with dark lines."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (1200, 1800), (235, 235, 230))
    draw = ImageDraw.Draw(img)
    for y in range(100, 1700, 60):
        draw.line((100, y, 1100, y), fill=(40, 40, 40), width=4)
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def _save_file(name: str, data: bytes) -> str:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    if default_storage.exists(name):
        default_storage.delete(name)
    return default_storage.save(name, ContentFile(data))


def _aware(d: datetime.date, hour: int = 19, minute: int = 30) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(d, datetime.time(hour, minute)))


@transaction.atomic
def seed(size: str, log=print) -> dict:  # noqa: PLR0915 (one straight-line script)
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group

    from adviezen.models import (
        Advice,
        AdviceVersion,
        Ballot,
        BallotVoter,
        CollegeResponse,
        Dossier,
        Vote,
    )
    from budget.models import BudgetLine, BudgetYear, Declaration, DeclarationLine, Receipt
    from meetings.models import AgendaItem, Attendance, Document, Location, Meeting, Update
    from members import roles
    from members.models import CouncilSettings, Term, User, WorkingGroup, WorkingGroupMembership

    n = SIZES[size]
    today = timezone.localdate()
    now = timezone.now()
    password = make_password(PASSWORD)
    groups = {g.name: g for g in Group.objects.all()}

    CouncilSettings.objects.update_or_create(
        pk=1, defaults={"name": "Adviesraad Sociaal Domein Bench", "max_members": n["members"]}
    )

    # --- people -----------------------------------------------------------------------
    logins = {
        "secretaris": ("Sanne", "de Vries", [roles.SECRETARY]),
        "voorzitter": ("Henk", "Bakker", [roles.CHAIR, roles.MEMBER]),
        "penningmeester": ("Johan", "Visser", [roles.TREASURER, roles.MEMBER]),
        "lid": ("Fatima", "El Amrani", [roles.MEMBER]),
    }
    people = {}
    for key, (first, last, role_names) in logins.items():
        user = User.objects.create(
            email=f"{key}@bench.example",
            first_name=first,
            last_name=last,
            password=password,
            iban="NL91ABNA0417164300",
            joined_on=today - datetime.timedelta(days=900),
        )
        user.groups.set([groups[r] for r in role_names])
        people[key] = user
    first_names = ["Piet", "Marieke", "Ahmet", "Els", "Ruud", "Wendy", "Sara", "Youssef", "Anna"]
    last_names = ["Jansen", "Smit", "Yilmaz", "Dekker", "Bos", "Meijer", "de Boer", "Mulder"]
    members = User.objects.bulk_create(
        [
            User(
                email=f"lid{i:04d}@bench.example",
                first_name=first_names[i % len(first_names)],
                last_name=f"{last_names[i % len(last_names)]} {i}",
                password=password,
                iban="NL91ABNA0417164300",
                joined_on=today - datetime.timedelta(days=30 * (i % 90)),
            )
            for i in range(n["members"] - 3)  # with voorzitter, penningmeester, lid
        ]
    )
    member_group = groups[roles.MEMBER]
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=u.pk, group_id=member_group.pk) for u in members]
    )
    council = [people["voorzitter"], people["penningmeester"], people["lid"], *members]
    terms = []
    for i, u in enumerate(council):
        start = today - datetime.timedelta(days=120 * (i % 20) + 30)
        if i % 3 == 0:  # a second term after a first of four years
            terms.append(
                Term(
                    member=u,
                    sequence=1,
                    start=start - datetime.timedelta(days=1461),
                    end=start - datetime.timedelta(days=1),
                )
            )
            terms.append(
                Term(member=u, sequence=2, start=start, end=start + datetime.timedelta(days=1460))
            )
        else:
            role = Term.Role.CHAIR if u == people["voorzitter"] else Term.Role.MEMBER
            terms.append(
                Term(
                    member=u,
                    role=role,
                    sequence=1,
                    start=start,
                    end=start + datetime.timedelta(days=1460),
                )
            )
    Term.objects.bulk_create(terms)
    wgs = WorkingGroup.objects.bulk_create(
        [
            WorkingGroup(name=f"Werkgroep {label}", domain=value, contact_person=council[i])
            for i, (value, label) in enumerate(WorkingGroup.Domain.choices)
        ]
    )
    WorkingGroupMembership.objects.bulk_create(
        [
            WorkingGroupMembership(group=wgs[i % len(wgs)], member=u, start=today.replace(day=1))
            for i, u in enumerate(council)
        ]
    )
    log(f"  {len(council) + 1} people, {len(terms)} terms")

    # --- advices ----------------------------------------------------------------------
    domains = [v for v, _ in WorkingGroup.Domain.choices]
    dossiers = Dossier.objects.bulk_create(
        [
            Dossier(
                title=f"Dossier {t}",
                description=PARAGRAPH.format(t=t),
                domain=domains[i % len(domains)],
                working_group=wgs[i % len(wgs)],
                status=Dossier.Status.ACCEPTED,
                proposed_by=people["lid"],
                reviewed_by=people["voorzitter"],
                reviewed_at=now,
            )
            for i, t in enumerate(TOPICS)
        ]
    )
    # published_at runs back from yesterday, about one advice a day (10,000 ≈ 27 years)
    span_days = max(n["advices"], 365)
    advices = []
    for i in range(n["advices"]):
        topic = TOPICS[i % len(TOPICS)]
        published = now - datetime.timedelta(days=1 + i * span_days // n["advices"], hours=i % 7)
        formal = i % 5 != 0
        title = f"{OPENERS[i % len(OPENERS)]} {topic} ({i + 1})"
        text = "".join(f"<p>{PARAGRAPH.format(t=topic)}</p>" for _ in range(4))
        advices.append(
            Advice(
                title=title,
                slug=f"{slugify(title)[:70]}-{i + 1}",
                reference=f"AR-{published.year}-{i + 1:05d}",
                origin=Advice.Origin.REQUESTED if i % 2 else Advice.Origin.UNSOLICITED,
                kind=Advice.Kind.FORMAL if formal else Advice.Kind.INFORMAL,
                domain=domains[i % len(domains)],
                status=Advice.Status.PUBLISHED,
                dossier=dossiers[i % len(dossiers)],
                working_group=wgs[i % len(wgs)],
                request_date=(published - datetime.timedelta(days=60)).date() if i % 2 else None,
                summary=f"Samenvatting: de raad adviseert over {topic}. " * 3,
                final_text=text,
                approved_at=published - datetime.timedelta(days=7),
                chair_approved_by=people["voorzitter"],
                signed_by=people["voorzitter"] if formal else None,
                signed_at=published - datetime.timedelta(days=6) if formal else None,
                letter_date=(published - datetime.timedelta(days=5)).date() if formal else None,
                sent_at=published - datetime.timedelta(days=5) if formal else None,
                published_at=published,
                is_public=True,
                created_by=people["secretaris"],
            )
        )
    for i, (status, days) in enumerate(
        [("preparation", 30), ("draft", 20), ("consultation", 10), ("voting", 5)] * 5
    ):
        advices.append(
            Advice(
                title=f"Concept: {TOPICS[i % len(TOPICS)]} {i}",
                slug=f"concept-{i}",
                reference=f"AR-C-{i:04d}",
                origin=Advice.Origin.REQUESTED,
                kind=Advice.Kind.FORMAL,
                domain=domains[i % len(domains)],
                status=status,
                deadline=today + datetime.timedelta(days=days),
                summary="In voorbereiding.",
                created_by=people["secretaris"],
            )
        )
    advices = Advice.objects.bulk_create(advices, batch_size=2000)
    published = [a for a in advices if a.status == Advice.Status.PUBLISHED]
    AdviceVersion.objects.bulk_create(
        [
            AdviceVersion(advice=a, number=1, text=a.final_text, author=people["secretaris"])
            for a in published
        ],
        batch_size=2000,
    )
    CollegeResponse.objects.bulk_create(
        [
            CollegeResponse(
                advice=a,
                received_on=(a.published_at + datetime.timedelta(days=40)).date(),
                summary="Het college neemt het advies grotendeels over.",
                registered_by=people["secretaris"],
            )
            for i, a in enumerate(published)
            if i % 5 in (1, 2, 3) and a.published_at < now - datetime.timedelta(days=60)
        ],
        batch_size=2000,
    )
    # an open ballot on the first advice in voting: every council member may vote, a third did
    voting = next(a for a in advices if a.status == Advice.Status.VOTING)
    version = AdviceVersion.objects.create(
        advice=voting, number=1, text="<p>Conceptadvies.</p>" * 20, author=people["secretaris"]
    )
    ballot = Ballot.objects.create(
        advice=voting,
        version=version,
        opened_by=people["voorzitter"],
        opened_on=today,
        deadline=now + datetime.timedelta(days=5),
        threshold_percent=50,
        basis="eligible",
        quorum_percent=0,
        eligible_count=len(council),
    )
    BallotVoter.objects.bulk_create([BallotVoter(ballot=ballot, member=u) for u in council])
    Vote.objects.bulk_create([Vote(ballot=ballot, member=u, choice="yes") for u in council[3::3]])
    log(f"  {len(published)} published advices (+{len(advices) - len(published)} in progress)")

    # --- meetings ---------------------------------------------------------------------
    locations = Location.objects.bulk_create(
        [
            Location(name=name, address=f"Raadhuisplein {i + 1}")
            for i, name in enumerate(
                ["Stadhuis, raadzaal", "Wijkcentrum De Brug", "Buurthuis Het Anker", "Bibliotheek"]
            )
        ]
    )
    doc_pdf = _save_file("bench/document.pdf", _pdf_bytes("Vergaderstuk"))
    kinds = [v for v, _ in Meeting.Kind.choices]
    meetings = []
    future = max(2, n["meetings"] // 10)  # a tenth lies ahead
    for i in range(n["meetings"]):
        day = today + datetime.timedelta(days=7 * (future - i))
        start = _aware(day)
        past = day < today
        kind = Meeting.Kind.PLENARY if i % 3 else kinds[i % len(kinds)]
        meetings.append(
            Meeting(
                kind=kind,
                title=f"{Meeting.Kind(kind).label} {day:%d-%m-%Y}",
                start=start,
                end=start + datetime.timedelta(hours=2),
                location=locations[i % len(locations)],
                is_public=kind == Meeting.Kind.PLENARY,
                status=(
                    Meeting.Status.MINUTES_APPROVED
                    if past
                    else (Meeting.Status.AGENDA_SENT if i == future - 1 else Meeting.Status.DRAFT)
                ),
                agenda_sent_at=start - datetime.timedelta(days=7) if past else None,
                description="Openbare vergadering van de adviesraad.",
            )
        )
    meetings = Meeting.objects.bulk_create(meetings, batch_size=1000)
    items = []
    for m in meetings:
        k = 0
        for section, count in SECTIONS:
            for pos in range(count):
                advice = (
                    published[(m.pk * 7 + k) % len(published)] if section == "advices" else None
                )
                items.append(
                    AgendaItem(
                        meeting=m,
                        section=section,
                        position=pos,
                        title=(f"Bespreking {advice.title}" if advice else f"Agendapunt {k + 1}"),
                        presenter=council[k % len(council)].first_name,
                        duration_minutes=5 + (k % 4) * 5,
                        is_public=k % 10 != 9,
                        description="Toelichting bij het agendapunt." if k % 2 else "",
                        advice=advice,
                    )
                )
                k += 1
    items = AgendaItem.objects.bulk_create(items, batch_size=5000)
    by_meeting: dict[int, list] = {}
    for it in items:
        by_meeting.setdefault(it.meeting_id, []).append(it)
    documents = []
    for m in meetings:
        its = by_meeting[m.pk]
        for d in range(DOCUMENTS_PER_MEETING):
            documents.append(
                Document(
                    meeting=m,
                    agenda_item=its[(d * 3) % len(its)] if d % 2 == 0 else None,
                    title=f"Vergaderstuk {d + 1}",
                    file=doc_pdf,
                    original_name=f"stuk-{d + 1}.pdf",
                    content_type="application/pdf",
                    size=1200,
                    is_public=d % 2 == 0,
                    uploaded_by=people["secretaris"],
                )
            )
    Document.objects.bulk_create(documents, batch_size=5000)
    Update.objects.bulk_create(
        [
            Update(
                meeting=m,
                author=council[(m.pk + j) % len(council)],
                working_group=wgs[(m.pk + j) % len(wgs)],
                text="Werkbezoek afgelegd.\nSignaal over wachtlijsten besproken.",
            )
            for m in meetings
            for j in range(2)
        ],
        batch_size=5000,
    )
    demo_members = [people["voorzitter"], people["penningmeester"], people["lid"]]
    Attendance.objects.bulk_create(
        [
            Attendance(meeting=m, member=u, status="present")
            for m in meetings
            if m.start.date() < today
            for u in demo_members
        ],
        batch_size=5000,
    )
    log(f"  {len(meetings)} meetings, {len(items)} agenda items, {len(documents)} documents")

    # --- budget -----------------------------------------------------------------------
    years = {}
    for y in range(today.year - 3, today.year + 1):
        by = BudgetYear.objects.create(
            year=y,
            status=BudgetYear.Status.GRANTED,
            granted_amount=Decimal("60000.00"),
            granted_on=datetime.date(y, 1, 15),
            plan_text="Jaarplan van de adviesraad.",
        )
        lines = BudgetLine.objects.bulk_create(
            [
                BudgetLine(budget_year=by, category=c, amount=Decimal("6000.00"))
                for c, _ in BudgetLine.Category.choices
            ]
        )
        years[y] = (by, {bl.category: bl for bl in lines})
    receipt_pdf = _pdf_bytes("Kassabon")
    S = Declaration.Status
    declarations = []
    n_decl = n["declarations"]
    batch = min(BATCH_DECLARATIONS, n_decl // 10)
    for i in range(n_decl):
        day = today - datetime.timedelta(days=(i * 3 * 365) // n_decl + 1)
        if day.year not in years:
            day = datetime.date(today.year - 3, 1, 2 + i % 300)
        if i < batch:
            status = S.APPROVED
        else:
            status = [S.PAID] * 6 + [S.SENT, S.SUBMITTED, S.CHECKED, S.REJECTED, S.DRAFT][:5]
            status = status[i % len(status)]
        at = _aware(day, 12, 0)
        declarations.append(
            Declaration(
                claimant=council[i % len(council)],
                budget_year=years[day.year][0],
                description=f"Onkosten {day:%B %Y}",
                status=status,
                submitted_at=at if status != S.DRAFT else None,
                checked_by=people["secretaris"]
                if status in (S.CHECKED, *Declaration.SPENT)
                else None,
                checked_at=at if status in (S.CHECKED, *Declaration.SPENT) else None,
                approved_by=people["penningmeester"] if status in Declaration.SPENT else None,
                approved_at=(now - datetime.timedelta(days=1 + i % 20))
                if status == S.APPROVED
                else (at if status in Declaration.SPENT else None),
                rejected_by=people["penningmeester"] if status == S.REJECTED else None,
                rejected_at=at if status == S.REJECTED else None,
                rejection_reason="Bon ontbreekt." if status == S.REJECTED else "",
                sent_at=at if status in (S.SENT, S.PAID) else None,
                paid_at=at if status == S.PAID else None,
            )
        )
    declarations = Declaration.objects.bulk_create(declarations, batch_size=2000)
    dlines = []
    for i, d in enumerate(declarations):
        day = d.submitted_at.date() if d.submitted_at else today
        cats = years[d.budget_year.year][1]
        amount = Decimal(1250 + (i * 37) % 9000) / 100
        km = Decimal(10 + i % 50)
        rate = Decimal("0.23")
        dlines.append(
            DeclarationLine(
                declaration=d,
                kind="expense",
                date=day,
                budget_line=cats["meetings"],
                description="Parkeren en koffie",
                amount=amount,
                claim_active=d.status != S.REJECTED,
            )
        )
        dlines.append(
            DeclarationLine(
                declaration=d,
                kind="journey",
                date=day,
                budget_line=cats["other"],
                description="Reis naar het stadhuis",
                kilometres=km,
                rate=rate,
                amount=(km * rate).quantize(Decimal("0.01")),
                claim_active=d.status != S.REJECTED,
            )
        )
        d.total = dlines[-2].amount + dlines[-1].amount
    dlines = DeclarationLine.objects.bulk_create(dlines, batch_size=5000)
    Declaration.objects.bulk_update(declarations, ["total"], batch_size=500)
    receipts = []
    for i, d in enumerate(declarations):
        name = _save_file(f"bench/receipts/{d.pk}.pdf", receipt_pdf)
        receipts.append(
            Receipt(
                declaration=d,
                line=dlines[2 * i],
                kind="invoice",
                file=name,
                file_kind="pdf",
                content_type="application/pdf",
                original_name="bon.pdf",
                size=len(receipt_pdf),
                uploaded_by=d.claimant,
            )
        )
    # the declaration with three receipts (two PDFs and a photo) for the PDF timing
    three = next(d for d in declarations if d.status == S.PAID)
    png = _png_bytes()
    receipts.append(
        Receipt(
            declaration=three,
            line=dlines[2 * declarations.index(three)],
            kind="payment",
            file=_save_file(f"bench/receipts/{three.pk}-2.pdf", receipt_pdf),
            file_kind="pdf",
            content_type="application/pdf",
            original_name="betaalbewijs.pdf",
            size=len(receipt_pdf),
            uploaded_by=three.claimant,
        )
    )
    receipts.append(
        Receipt(
            declaration=three,
            kind="invoice",
            file=_save_file(f"bench/receipts/{three.pk}-3.png", png),
            file_kind="png",
            content_type="image/png",
            original_name="foto.png",
            size=len(png),
            uploaded_by=three.claimant,
        )
    )
    Receipt.objects.bulk_create(receipts, batch_size=5000)
    log(f"  {len(declarations)} declarations, {len(dlines)} lines, {len(receipts)} receipts")

    upcoming_public = [m for m in meetings if m.is_public and m.start.date() >= today]
    agenda_meeting = upcoming_public[-1] if upcoming_public else meetings[0]
    builder = next(m for m in meetings if m.status == Meeting.Status.AGENDA_SENT)
    formal = next(a for a in published if a.kind == Advice.Kind.FORMAL)
    marker = {
        "size": size,
        "version": SEED_VERSION,
        "seeded_at": now.isoformat(),
        "counts": {
            "advices_published": len(published),
            "meetings": len(meetings),
            "agenda_items": len(items),
            "documents": len(documents),
            "members": len(council),
            "declarations": len(declarations),
        },
        "advice_slug": published[len(published) // 3].slug,
        "letter_advice_id": formal.pk,
        "public_meeting_id": agenda_meeting.pk,
        "builder_meeting_id": builder.pk,
        "pack_meeting_id": builder.pk,
        "budget_year": today.year,
        "filter_year": published[len(published) // 4].published_at.year,
        "filter_domain": "wmo",
        "search": "mantelzorg",
        "three_receipt_declaration_id": three.pk,
        "ballot_advice_id": voting.pk,
        "batch_declarations": batch,
        "users": {k: u.pk for k, u in people.items()},
    }
    _write_marker(marker)
    return marker
