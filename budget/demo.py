"""Demo data for the budget: last year's and this year's plan with a budget like a real
council's, declarations in every state with receipts, other expenses, an annual report."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from . import services
from .models import BudgetYear, Declaration

AMOUNTS = {
    "meetings": Decimal("3500.00"),
    "allowances": Decimal("14500.00"),
    "training": Decimal("2500.00"),
    "research": Decimal("4000.00"),
    "pr": Decimal("1500.00"),
    "work_visits": Decimal("1200.00"),
    "secretariat": Decimal("9000.00"),
    "team": Decimal("750.00"),
    "other": Decimal("500.00"),
}
PLAN = (
    "De adviesraad adviseert het college gevraagd en ongevraagd over werk, inkomen, de Wmo en "
    "de jeugdhulp, vanuit wat inwoners ervaren. Dit jaar richten wij ons op armoede onder "
    "werkende inwoners, de toegang tot het wijkteam en de doorbraak naar werk."
)
GOALS = (
    "Twaalf plenaire vergaderingen, twee keer overleg met de wethouder en twee keer met het "
    "management.\nVier werkbezoeken en een training voor nieuwe leden.\nEen "
    "achterbanraadpleging over de stadspas."
)


def _png(color=(220, 220, 200)) -> SimpleUploadedFile:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (600, 800), color)
    draw = ImageDraw.Draw(img)
    draw.text((40, 40), "KASSABON - Parkeergarage Centrum", fill=(0, 0, 0))
    draw.text((40, 80), "Totaal EUR 7,50 - PIN", fill=(0, 0, 0))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return SimpleUploadedFile("kassabon.png", buf.getvalue(), content_type="image/png")


def _pdf() -> SimpleUploadedFile:
    from adviesraad.pdf import render_pdf

    data = render_pdf(
        "pdf/base.html",
        {"council": {"name": "Boekhandel De Letter - factuur"}},
    )
    return SimpleUploadedFile("factuur.pdf", data, content_type="application/pdf")


def _year(year: int, people, status: str) -> BudgetYear:
    treasurer = people["penningmeester"]
    by = BudgetYear.objects.filter(year=year).first()
    if by is None:
        by = services.budget_year_create(
            by=treasurer,
            year=year,
            data={"plan_text": PLAN, "goals": GOALS, "target_research": year % 2},
            amounts=AMOUNTS,
        )
        if status in ("requested", "granted"):
            services.budget_year_transition(
                budget_year=by, by=treasurer, to="requested", on=datetime.date(year - 1, 10, 1)
            )
        if status == "granted":
            services.budget_year_transition(
                budget_year=by,
                by=treasurer,
                to="granted",
                on=datetime.date(year - 1, 12, 1),
                granted_amount=Decimal("37000.00"),
            )
    return by


def _declaration(people, key, by_year, description, day, final_status, *, km=None):
    claimant = people[key]
    if Declaration.objects.filter(claimant=claimant, description=description).exists():
        return
    if not claimant.iban:
        claimant.iban = "NL20INGB0001234567"
        claimant.save(update_fields=["iban"])
    d = services.declaration_create(
        claimant=claimant, by=claimant, year=by_year.year, description=description
    )
    lines = {line.category: line for line in by_year.lines.all()}
    services.declaration_line_add_expense(
        declaration=d,
        by=claimant,
        date=day,
        budget_line=lines["meetings"],
        description="Parkeren bij het gemeentehuis",
        amount=Decimal("7.50"),
        invoices=[_png()],
    )
    services.declaration_line_add_expense(
        declaration=d,
        by=claimant,
        date=day,
        budget_line=lines["training"],
        description="Boek 'De Participatiewet in de praktijk'",
        amount=Decimal("34.95"),
        invoices=[_pdf()],
    )
    if km:
        services.declaration_line_add_journey(
            declaration=d,
            by=claimant,
            date=day,
            budget_line=lines["work_visits"],
            description="Werkbezoek sociale werkplaats",
            kilometres=Decimal(km),
        )
    if final_status == "draft":
        return
    services.declaration_submit(declaration=d, by=claimant)
    if final_status == "submitted":
        return
    if final_status == "rejected":
        services.declaration_reject(
            declaration=d,
            by=people["penningmeester"],
            reason="Het boek valt niet onder de vergoedingsregeling. Dien het parkeren opnieuw in.",
        )
        return
    services.declaration_check(declaration=d, by=people["secretaris"])
    if final_status == "checked":
        return
    services.declaration_approve(declaration=d, by=people["penningmeester"])
    if final_status == "approved":
        return
    services.declaration_mark_sent(declaration=d, by=people["penningmeester"])
    if final_status == "sent":
        return
    services.declaration_mark_paid(declaration=d, by=people["penningmeester"])


def seed(log, today: datetime.date, people) -> None:
    last = _year(today.year - 1, people, "granted")
    current = _year(today.year, people, "granted")
    _year(today.year + 1, people, "draft")
    last_day = datetime.date(today.year - 1, 11, 12)
    day = max(datetime.date(today.year, 1, 2), today - datetime.timedelta(days=20))
    day = min(day, today)
    _declaration(people, "lid", last, "Kosten november", last_day, "paid", km="42")
    _declaration(people, "p.jansen", current, "Werkbezoek en parkeren", day, "paid", km="18.5")
    _declaration(people, "m.smit", current, "Training en parkeren", day, "sent")
    _declaration(people, "lid", current, "Kosten eerste helft", day, "approved", km="12.5")
    _declaration(people, "a.yilmaz", current, "Parkeren en boek", day, "checked")
    _declaration(people, "voorzitter", current, "Kosten voorzitter", day, "submitted", km="30")
    _declaration(people, "e.dekker", current, "Boek en parkeren", day, "rejected")
    _declaration(people, "lid", current, "Nog in te dienen", day, "draft")
    _declaration(people, "penningmeester", current, "Kosten penningmeester", day, "checked")
    lid = people["lid"]
    draft = Declaration.objects.filter(claimant=lid, description="Nog in te dienen").first()
    if draft is not None and draft.status == "draft":
        try:
            services.declaration_prefill_allowances(
                declaration=draft, by=lid, start=datetime.date(today.year, 1, 1), end=today
            )
        except services.BudgetError:
            pass
    for by_year, desc, amount, cat in [
        (current, "Zaalhuur wijkcentrum De Brug", Decimal("450.00"), "meetings"),
        (current, "Drukwerk folder signalen", Decimal("1875.40"), "pr"),
        (current, "Ondersteuning secretariaat", Decimal("4500.00"), "secretariat"),
        (last, "Zaalhuur wijkcentrum De Brug", Decimal("1800.00"), "meetings"),
        (last, "Teamdag", Decimal("820.00"), "team"),
    ]:
        if not by_year.expenses.filter(description=desc).exists():
            services.expense_record(
                budget_year=by_year,
                by=people["penningmeester"],
                budget_line=by_year.lines.get(category=cat),
                date=min(datetime.date(by_year.year, 3, 14), today),
                description=desc,
                amount=amount,
            )
    if not hasattr(last, "annual_report") or not last.publications.exists():
        services.annual_report_save(
            budget_year=last,
            by=people["secretaris"],
            introduction=(
                "Een jaar waarin de adviesraad vaker ongevraagd adviseerde en de signalen van "
                "inwoners over de stadspas een plek kregen in het beleid."
            ),
        )
        services.annual_report_publish(budget_year=last, by=people["secretaris"])
        services.annual_plan_publish(budget_year=current, by=people["penningmeester"])
    log(
        f"  budget: {BudgetYear.objects.count()} budget years, "
        f"{Declaration.objects.count()} declarations"
    )
