import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from budget import services
from budget.models import Declaration, DeclarationExport, Publication
from tests.factories.budget import (
    VALID_IBAN,
    DeclarationFactory,
    DeclarationLineFactory,
    ExpenseFactory,
    declaration_with_total,
    receipt_pdf,
    upload,
)
from tests.factories.members import role_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(claimant, budget_year):
    d = services.declaration_create(
        claimant=claimant, by=claimant, year=budget_year.year, description="Geheime kosten"
    )
    services.declaration_line_add_expense(
        declaration=d,
        by=claimant,
        date=datetime.date.today(),
        budget_line=budget_year.lines.get(category="other"),
        description="Bon van B",
        amount=Decimal("10.00"),
        invoices=[receipt_pdf()],
    )
    services.declaration_submit(declaration=d, by=claimant)
    return d


# --- access --------------------------------------------------------------------------------


def test_other_members_declaration_receipt_pdf_and_forms_are_404(client, submitted, other_member):
    client.force_login(other_member)
    receipt = submitted.receipts.get()
    urls = [
        reverse("budget:declaration_detail", args=[submitted.pk]),
        reverse("budget:declaration_pdf", args=[submitted.pk]),
        reverse("budget:receipt_download", args=[receipt.pk]),
        reverse("budget:line_expense", args=[submitted.pk]),
        reverse("budget:line_journey", args=[submitted.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"Geheime kosten" not in response.content
    response = client.post(reverse("budget:line_allowances", args=[submitted.pk]), {})
    assert response.status_code == 404


def test_export_of_treasurer_is_404_for_secretary_and_403_list_for_member(
    client, treasurer, secretary, member
):
    export = DeclarationExport.objects.create(
        start=datetime.date.today(), end=datetime.date.today(), requested_by=treasurer
    )
    client.force_login(member)
    assert client.get(reverse("budget:export_list")).status_code == 403
    assert client.get(reverse("budget:export_detail", args=[export.pk])).status_code == 403
    client.force_login(treasurer)
    assert client.get(reverse("budget:export_detail", args=[export.pk])).status_code == 200
    assert client.get(reverse("budget:export_download", args=[export.pk, "pdf"])).status_code == 404


@pytest.mark.parametrize(
    "name", ["declaration_approve", "declaration_check", "declaration_sent", "declaration_paid"]
)
def test_member_posting_to_treasurer_actions_gets_403(client, submitted, other_member, name):
    client.force_login(other_member)
    response = client.post(reverse(f"budget:{name}", args=[submitted.pk]))
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == Declaration.Status.SUBMITTED


def test_member_posting_export_gets_403(client, member):
    client.force_login(member)
    today = datetime.date.today().isoformat()
    response = client.post(reverse("budget:export_list"), {"start": today, "end": today})
    assert response.status_code == 403
    assert not DeclarationExport.objects.exists()


def test_no_state_change_on_get(client, submitted, secretary):
    client.force_login(secretary)
    assert client.get(reverse("budget:declaration_check", args=[submitted.pk])).status_code == 405


def test_receipt_served_to_claimant_secretary_treasurer_as_attachment(
    client, submitted, claimant, secretary, treasurer
):
    receipt = submitted.receipts.get()
    for user in (claimant, secretary, treasurer):
        client.force_login(user)
        response = client.get(reverse("budget:receipt_download", args=[receipt.pk]))
        assert response.status_code == 200
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in response["Cache-Control"]
        assert response["Content-Disposition"].startswith("attachment")


def test_anonymous_is_sent_to_login(client, submitted):
    response = client.get(reverse("budget:declaration_detail", args=[submitted.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_iban_is_masked_on_the_page(client, submitted, secretary):
    client.force_login(secretary)
    body = client.get(reverse("budget:declaration_detail", args=[submitted.pk])).content.decode()
    assert VALID_IBAN not in body and "4300" in body


# --- flow through the pages ----------------------------------------------------------------


def test_check_approve_through_pages(client, submitted, secretary, treasurer):
    client.force_login(secretary)
    client.post(reverse("budget:declaration_check", args=[submitted.pk]))
    client.force_login(treasurer)
    client.post(reverse("budget:declaration_approve", args=[submitted.pk]))
    submitted.refresh_from_db()
    assert submitted.status == Declaration.Status.APPROVED
    assert submitted.approved_by == treasurer


def test_treasurer_cannot_approve_own_via_page(client, treasurer, secretary, budget_year):
    d = declaration_with_total(
        claimant=treasurer, status=Declaration.Status.CHECKED, budget_year=budget_year
    )
    client.force_login(treasurer)
    response = client.post(reverse("budget:declaration_approve", args=[d.pk]), follow=True)
    assert "eigen declaratie" in response.content.decode()
    d.refresh_from_db()
    assert d.status == Declaration.Status.CHECKED


def test_extra_posted_fields_change_nothing(client, claimant, budget_year):
    client.force_login(claimant)
    response = client.post(
        reverse("budget:declaration_create"),
        {
            "year": budget_year.year,
            "description": "Nieuw",
            "status": "approved",
            "claimant": 999,
            "total": "1000",
        },
    )
    d = Declaration.objects.get()
    assert response.status_code == 302
    assert d.status == "draft" and d.claimant == claimant and d.total == 0


def test_forged_upload_via_page_shows_dutch_error_and_keeps_input(client, claimant, budget_year):
    d = services.declaration_create(
        claimant=claimant, by=claimant, year=budget_year.year, description="x"
    )
    client.force_login(claimant)
    response = client.post(
        reverse("budget:line_expense", args=[d.pk]),
        {
            "budget_line": budget_year.lines.get(category="other").pk,
            "date": datetime.date.today().isoformat(),
            "description": "Mijn omschrijving",
            "amount": "12,50",
            "invoices": [upload("bon.pdf", b"<html><script>x</script>", "application/pdf")],
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "geen toegestaan bestand" in body
    assert "Mijn omschrijving" in body
    assert not d.lines.exists()


def test_iban_page_validates_checksum(client, claimant):
    client.force_login(claimant)
    response = client.post(reverse("budget:iban"), {"iban": "NL91ABNA0417164301"})
    assert "geen geldig IBAN" in response.content.decode()
    response = client.post(reverse("budget:iban"), {"iban": "NL20 INGB 0001 2345 67"})
    assert response.status_code == 302
    claimant.refresh_from_db()
    assert claimant.iban == "NL20INGB0001234567"


def test_export_progress_fragment_and_download_recorded(client, treasurer):
    from adviesraad.models import AuditEntry

    export = DeclarationExport.objects.create(
        start=datetime.date.today(),
        end=datetime.date.today(),
        requested_by=treasurer,
        total=4,
        done=1,
        status="running",
    )
    client.force_login(treasurer)
    response = client.get(reverse("budget:export_detail", args=[export.pk]), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert 'hx-trigger="every 1s"' in body and "25%" in body and "<html" not in body
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    export.file = default_storage.save("exports/t.pdf", ContentFile(b"%PDF-1.4"))
    export.status = "done"
    export.save()
    body = client.get(
        reverse("budget:export_detail", args=[export.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "every 1s" not in body and "100%" in body
    response = client.get(reverse("budget:export_download", args=[export.pk, "pdf"]))
    assert response.status_code == 200
    assert AuditEntry.objects.filter(
        action="declaration_export.downloaded", object_id=str(export.pk), actor=treasurer
    ).exists()
    export.refresh_from_db()
    assert export.download_count == 1


def test_publications_public_list_shows_only_public(client, secretary, budget_year):
    from django.utils import timezone

    Publication.objects.create(
        kind="research",
        year=2025,
        title="Openbaar rapport",
        file="x.pdf",
        published_at=timezone.now(),
    )
    Publication.objects.create(
        kind="research",
        year=2025,
        title="Ingetrokken rapport",
        file="y.pdf",
        published_at=timezone.now(),
        is_public=False,
    )
    body = client.get("/publicaties/").content.decode()
    assert "Openbaar rapport" in body and "Ingetrokken rapport" not in body
    hidden = Publication.objects.get(is_public=False)
    assert client.get(reverse("budget_public:file", args=[hidden.pk])).status_code == 404


def test_annual_report_publish_puts_pdf_on_publicaties(client, secretary, budget_year):
    client.force_login(secretary)
    client.post(
        reverse("budget:annual_report_update", args=[budget_year.year]),
        {"introduction": "Een goed jaar."},
    )
    client.post(reverse("budget:annual_report_publish", args=[budget_year.year]))
    pub = Publication.objects.get(kind="annual_report")
    client.logout()
    assert pub.title in client.get("/publicaties/").content.decode()
    response = client.get(reverse("budget_public:file", args=[pub.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_research_report_must_be_a_pdf(client, secretary):
    client.force_login(secretary)
    response = client.post(
        reverse("budget:publications"),
        {"title": "Onderzoek", "year": 2025, "file": upload("r.pdf", b"<html>", "application/pdf")},
    )
    assert "geen toegestaan bestand" in response.content.decode()
    assert not Publication.objects.exists()


# --- query counts ---------------------------------------------------------------------------


def _declarations(n, budget_year, claimant):
    for i in range(n):
        d = declaration_with_total(
            claimant=claimant if i % 2 == 0 else role_user("Leden"), budget_year=budget_year
        )
        DeclarationLineFactory(declaration=d, amount=Decimal("1.00"))
        ExpenseFactory(budget_year=budget_year)


def _count(django_assert_max_num_queries, client, url, n):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("who", "url_name", "args"),
    [
        ("treasurer", "budget:year_detail", "year"),
        ("treasurer", "budget:declaration_list", None),
        ("claimant", "budget:declaration_list", None),
        ("secretary", "budget:annual_report", "year"),
        ("treasurer", "budget:year_list", None),
        ("treasurer", "budget:export_list", None),
    ],
)
def test_query_count_same_at_1x_and_10x(
    client, request, budget_year, claimant, django_assert_max_num_queries, who, url_name, args
):
    user = request.getfixturevalue(who)
    url = reverse(url_name, args=[budget_year.year] if args else [])
    client.force_login(user)
    _declarations(1, budget_year, claimant)
    client.get(url)  # warm caches (council settings, sessions)
    one = _count(django_assert_max_num_queries, client, url, 1)
    _declarations(9, budget_year, claimant)
    client.get(url)  # warm again: new people's roles invalidated the cached permissions
    with django_assert_max_num_queries(one):
        client.get(url)
    assert one <= 30


def test_declaration_detail_query_count_pinned(
    client, claimant, budget_year, django_assert_max_num_queries
):
    d = DeclarationFactory(claimant=claimant, budget_year=budget_year)
    for _ in range(10):
        DeclarationLineFactory(declaration=d)
    client.force_login(claimant)
    client.get(reverse("budget:declaration_detail", args=[d.pk]))
    with django_assert_max_num_queries(18):
        assert client.get(reverse("budget:declaration_detail", args=[d.pk])).status_code == 200


def test_budget_page_shows_warning_when_exceeded(client, treasurer, claimant, budget_year):
    line = budget_year.lines.get(category="meetings")
    line.amount = Decimal("50.00")
    line.save()
    ExpenseFactory(budget_year=budget_year, amount=Decimal("60.00"))
    client.force_login(treasurer)
    body = client.get(reverse("budget:year_detail", args=[budget_year.year])).content.decode()
    assert "overschreden" in body and 'id="overschrijding"' in body
    assert "€\u00a060,00" in body


def test_budget_page_overview_follows_every_change_of_its_data(
    client, treasurer, secretary, claimant, budget_year
):
    """The realisation and plan part of the page follows its data: a new expense, a changed
    amount or plan text shows on the next request."""
    from budget.models import Expense

    client.force_login(treasurer)
    url = reverse("budget:year_detail", args=[budget_year.year])
    assert "Zaalhuur Bibliotheek" not in client.get(url).content.decode()
    line = budget_year.lines.get(category="meetings")
    Expense.objects.create(
        budget_year=budget_year,
        budget_line=line,
        date=datetime.date(budget_year.year, 3, 1),
        description="Zaalhuur Bibliotheek",
        amount=Decimal("123.45"),
        recorded_by=treasurer,
    )
    body = client.get(url).content.decode()
    assert "Zaalhuur Bibliotheek" in body and "€\u00a0123,45" in body
    line.amount = Decimal("100.00")
    line.save()
    body = client.get(url).content.decode()
    assert 'id="overschrijding"' in body
    budget_year.plan_text = "Nieuw voornemen voor het jaar"
    budget_year.save()
    assert "Nieuw voornemen voor het jaar" in client.get(url).content.decode()
