"""Who sees which declaration, receipt, line, export and publication (``budget.selectors``):
a member their own, the secretary and the treasurer every declaration, only the treasurer the
exports, only the managers withdrawn publications, the public the public ones. Anything else is
a 404, so nobody learns that another person's declaration exists."""

import datetime
from decimal import Decimal

import pytest
from django.http import Http404
from django.utils import timezone

from budget import selectors
from budget.models import (
    Declaration,
    DeclarationExport,
    DeclarationStatusChange,
    Publication,
    Receipt,
)
from tests.factories.budget import DeclarationLineFactory, declaration_with_total

pytestmark = pytest.mark.django_db

Status = Declaration.Status


def _receipt(declaration, *, line=None, name="bon.pdf"):
    return Receipt.objects.create(
        declaration=declaration,
        line=line,
        file=f"bonnen/{name}",
        file_kind="pdf",
        content_type="application/pdf",
        original_name=name,
        size=100,
    )


def _warm(*users):
    """Load each user's permissions, so a query count measures only the selector."""
    for user in users:
        user.has_perm("budget.view_all_declarations")


def _ago(minutes):
    return timezone.now() - datetime.timedelta(minutes=minutes)


# --- declarations ------------------------------------------------------------------------


def test_a_member_lists_only_their_own_declarations(member, other_member, budget_year):
    mine = declaration_with_total(claimant=member, budget_year=budget_year, status="draft")
    declaration_with_total(claimant=other_member, budget_year=budget_year, status="draft")
    assert list(selectors.declaration_list(user=member)) == [mine]


def test_secretary_and_treasurer_list_every_declaration_newest_first(
    member, other_member, secretary, treasurer, budget_year
):
    first = declaration_with_total(claimant=member, budget_year=budget_year)
    second = declaration_with_total(claimant=other_member, budget_year=budget_year)
    third = declaration_with_total(claimant=member, budget_year=budget_year)
    # created_at decides (not the id); a tie goes to the higher id
    Declaration.objects.filter(pk=first.pk).update(created_at=_ago(1))
    Declaration.objects.filter(pk__in=[second.pk, third.pk]).update(created_at=_ago(5))
    for user in (secretary, treasurer):
        assert list(selectors.declaration_list(user=user)) == [first, third, second]


def test_declaration_list_counts_lines_and_loads_claimant_and_year_in_one_query(
    member, other_member, secretary, budget_year, django_assert_num_queries
):
    two = declaration_with_total(claimant=member, budget_year=budget_year)
    DeclarationLineFactory(declaration=two)
    declaration_with_total(claimant=other_member, budget_year=budget_year)
    _warm(secretary)
    with django_assert_num_queries(1):
        rows = [
            (d.claimant.email, d.budget_year.year, d.line_count)
            for d in selectors.declaration_list(user=secretary)
        ]
    assert sorted(rows) == [
        ("lid2@test.example", budget_year.year, 1),
        ("lid@test.example", budget_year.year, 2),
    ]


def test_a_status_without_a_known_name_shows_its_stored_value(member, budget_year):
    d = declaration_with_total(claimant=member, budget_year=budget_year)
    Declaration.objects.filter(pk=d.pk).update(status="archived")
    assert [x.status_label for x in selectors.declaration_list(user=member)] == ["archived"]


def test_secretary_and_treasurer_open_anyones_declaration_a_member_only_their_own(
    member, other_member, secretary, treasurer, budget_year
):
    theirs = declaration_with_total(claimant=other_member, budget_year=budget_year)
    for user in (secretary, treasurer, other_member):
        assert selectors.declaration_get_for_user(user=user, pk=theirs.pk) == theirs
    with pytest.raises(Http404):
        selectors.declaration_get_for_user(user=member, pk=theirs.pk)
    with pytest.raises(Http404):
        selectors.declaration_get_for_user(user=secretary, pk=theirs.pk + 1000)


def test_declaration_page_data_comes_in_a_fixed_number_of_queries(
    member, secretary, treasurer, budget_year, django_assert_num_queries
):
    d = declaration_with_total(claimant=member, budget_year=budget_year)
    d.checked_by, d.approved_by, d.rejected_by = secretary, treasurer, secretary
    d.save()
    for line in [d.lines.get(), DeclarationLineFactory(declaration=d)]:
        _receipt(d, line=line)
    for to in ("submitted", "checked", "approved"):
        DeclarationStatusChange.objects.create(declaration=d, to_status=to, by=treasurer)
    _warm(member)
    with django_assert_num_queries(5):  # declaration, lines, their receipts, receipts, changes
        got = selectors.declaration_get_for_user(user=member, pk=d.pk)
    with django_assert_num_queries(0):  # the page reads it all, as often as it likes
        for _ in range(2):
            seen = [
                got.claimant.email,
                got.budget_year.year,
                got.checked_by.email,
                got.approved_by.email,
                got.rejected_by.email,
                [(ln.budget_line.category, len(ln.receipts.all())) for ln in got.lines.all()],
                len(got.receipts.all()),
                [c.by.email for c in got.status_changes.all()],
            ]
    assert seen[5] == [("other", 1), ("other", 1)] and seen[6] == 2
    assert seen[7] == ["penningmeester@test.example"] * 3


def test_declaration_receipts_in_upload_order_ties_by_id(member, budget_year):
    d = declaration_with_total(claimant=member, budget_year=budget_year)
    a, b, c = (_receipt(d, name=n) for n in ("a.pdf", "b.pdf", "c.pdf"))
    Receipt.objects.filter(pk=a.pk).update(uploaded_at=_ago(1))
    tie = _ago(5)
    Receipt.objects.filter(pk=c.pk).update(uploaded_at=tie)  # stored before b from now on
    Receipt.objects.filter(pk=b.pk).update(uploaded_at=tie)
    got = selectors.declaration_get_for_user(user=member, pk=d.pk)
    assert list(got.receipts.all()) == [b, c, a]


def test_receipts_are_for_the_claimant_secretary_and_treasurer_only(
    member, other_member, secretary, treasurer, budget_year, django_assert_num_queries
):
    d = declaration_with_total(claimant=member, budget_year=budget_year)
    receipt = _receipt(d)
    _warm(member, secretary, treasurer, other_member)
    for user in (member, secretary, treasurer):
        with django_assert_num_queries(1):
            got = selectors.receipt_get_for_user(user=user, pk=receipt.pk)
            assert got == receipt and got.declaration.claimant_id == member.pk
    with pytest.raises(Http404):
        selectors.receipt_get_for_user(user=other_member, pk=receipt.pk)
    with pytest.raises(Http404):
        selectors.receipt_get_for_user(user=secretary, pk=receipt.pk + 1000)


def test_a_declaration_line_is_opened_by_its_claimant_only(
    member, other_member, secretary, treasurer, budget_year, django_assert_num_queries
):
    d = declaration_with_total(claimant=member, budget_year=budget_year)
    first = d.lines.get()
    second = DeclarationLineFactory(declaration=d, description="Trein")
    with django_assert_num_queries(1):
        got = selectors.line_get_for_user(user=member, pk=second.pk)
        assert got == second and got.declaration.claimant_id == member.pk
    assert selectors.line_get_for_user(user=member, pk=first.pk) == first
    for user in (other_member, secretary, treasurer):
        with pytest.raises(Http404):
            selectors.line_get_for_user(user=user, pk=second.pk)
    with pytest.raises(Http404):
        selectors.line_get_for_user(user=member, pk=second.pk + 1000)


def test_what_waits_for_each_role_leaving_out_their_own_declarations(
    member, other_member, secretary, treasurer, budget_year
):
    def make(claimant, status):
        declaration_with_total(claimant=claimant, budget_year=budget_year, status=status)

    make(member, Status.DRAFT)
    make(member, Status.SUBMITTED)
    make(member, Status.CHECKED)
    make(member, Status.REJECTED)
    make(other_member, Status.SUBMITTED)
    make(other_member, Status.CHECKED)
    make(secretary, Status.SUBMITTED)  # not the secretary's to check
    make(treasurer, Status.CHECKED)  # not the treasurer's to approve
    make(treasurer, Status.DRAFT)
    assert selectors.declarations_waiting(user=secretary) == {"to_check": 2}
    assert selectors.declarations_waiting(user=treasurer) == {"to_approve": 2, "own_open": 1}
    assert selectors.declarations_waiting(user=member) == {"own_open": 2}
    assert selectors.declarations_waiting(user=other_member) == {"own_open": 1}


# --- exports -----------------------------------------------------------------------------


def _export(by, **fields):
    today = datetime.date.today()
    return DeclarationExport.objects.create(start=today, end=today, requested_by=by, **fields)


def test_only_the_treasurer_sees_exports_newest_first(
    member, secretary, treasurer, django_assert_num_queries
):
    first, second, third = (_export(treasurer) for _ in range(3))
    DeclarationExport.objects.filter(pk=first.pk).update(created_at=_ago(1))
    DeclarationExport.objects.filter(pk__in=[second.pk, third.pk]).update(created_at=_ago(5))
    DeclarationExport.objects.filter(pk=third.pk).update(status="done")
    assert list(selectors.export_list(user=member)) == []
    assert list(selectors.export_list(user=secretary)) == []
    _warm(treasurer)
    with django_assert_num_queries(1):
        rows = [
            (e, e.status_label, e.requested_by.email) for e in selectors.export_list(user=treasurer)
        ]
    mail = treasurer.email
    assert rows == [
        (first, "in de wachtrij", mail),
        (third, "klaar", mail),
        (second, "in de wachtrij", mail),
    ]


def test_an_export_is_opened_by_the_treasurer_only(secretary, treasurer):
    export = _export(treasurer)
    assert selectors.export_get_for_user(user=treasurer, pk=export.pk) == export
    with pytest.raises(Http404):
        selectors.export_get_for_user(user=secretary, pk=export.pk)
    with pytest.raises(Http404):
        selectors.export_get_for_user(user=treasurer, pk=export.pk + 1000)


def test_approved_declarations_waiting_for_export_count_for_the_treasurer_only(
    member, secretary, treasurer, budget_year
):
    for status in (Status.APPROVED, Status.APPROVED, Status.CHECKED, Status.SENT):
        declaration_with_total(claimant=member, budget_year=budget_year, status=status)
    assert selectors.approved_waiting_count(user=treasurer) == 2
    assert selectors.approved_waiting_count(user=secretary) == 0
    assert selectors.approved_waiting_count(user=member) == 0


def test_export_sending_counts_what_is_left_to_mark_as_sent(
    member, treasurer, budget_year, django_assert_num_queries
):
    export = _export(treasurer, status=DeclarationExport.Status.DONE)
    amounts = [("approved", "10.00"), ("approved", "2.50"), ("sent", "7.00"), ("paid", "1.00")]
    for status, amount in amounts:
        export.declarations.add(
            declaration_with_total(
                claimant=member, budget_year=budget_year, status=status, amount=amount
            )
        )
    declaration_with_total(claimant=member, budget_year=budget_year, status="approved")
    with django_assert_num_queries(1):
        counts = selectors.export_sending(export=export)
    assert counts == {
        "approved": 2,
        "sent": 2,
        "approved_total": Decimal("12.50"),
        "may_mark_sent": True,
    }


def test_an_export_may_be_marked_sent_only_once_done_and_while_some_are_approved(
    member, treasurer, budget_year
):
    export = _export(treasurer, status=DeclarationExport.Status.RUNNING)
    export.declarations.add(declaration_with_total(claimant=member, budget_year=budget_year))
    assert selectors.export_sending(export=export)["may_mark_sent"] is False
    export.status = DeclarationExport.Status.DONE
    assert selectors.export_sending(export=export)["may_mark_sent"] is True
    export.declarations.update(status=Status.SENT)
    assert selectors.export_sending(export=export) == {
        "approved": 0,
        "sent": 1,
        "approved_total": None,
        "may_mark_sent": False,
    }


# --- publications ------------------------------------------------------------------------


NOW = timezone.now()


def _publication(kind="research", year=2025, *, minutes_ago=10, **fields):
    return Publication.objects.create(
        kind=kind,
        year=year,
        title=fields.pop("title", f"{kind} {year}"),
        file="publicaties/x.pdf",
        published_at=NOW - datetime.timedelta(minutes=minutes_ago),
        **fields,
    )


def test_the_public_list_has_only_public_publications_newest_year_then_newest_first():
    old_year = _publication(year=2024, minutes_ago=1)
    later = _publication(minutes_ago=5)
    earlier = _publication(minutes_ago=50)
    tie = _publication(minutes_ago=5)
    _publication(title="Ingetrokken", is_public=False)
    assert list(selectors.publication_public_list()) == [tie, later, earlier, old_year]


def test_the_public_list_narrows_to_a_known_kind_and_ignores_an_unknown_one():
    plan = _publication("annual_plan")
    report = _publication("annual_report", minutes_ago=20)
    _publication("annual_plan", is_public=False)
    assert list(selectors.publication_public_list(kind="annual_plan")) == [plan]
    assert list(selectors.publication_public_list(kind="nonsense")) == [plan, report]
    assert [p.kind_label for p in selectors.publication_public_list()] == [
        "jaarplan",
        "jaarverslag",
    ]


def test_a_withdrawn_publication_is_404_for_the_public():
    public = _publication()
    hidden = _publication(is_public=False)
    assert selectors.publication_public_get(pk=public.pk) == public
    for pk in (hidden.pk, public.pk + 1000):
        with pytest.raises(Http404):
            selectors.publication_public_get(pk=pk)


def test_managers_list_public_and_withdrawn_publications_the_latest_100(secretary, treasurer):
    Publication.objects.bulk_create(
        Publication(
            kind="research", year=2020, title=f"Oud {i}", file="x.pdf", published_at=_ago(100)
        )
        for i in range(99)
    )
    later = _publication(year=2025, minutes_ago=5)
    earlier = _publication(year=2025, minutes_ago=50, is_public=False)
    tie = _publication(year=2025, minutes_ago=5)
    newest_year = _publication(year=2026, minutes_ago=60)
    listed = list(selectors.publication_list(user=secretary))
    assert len(listed) == 100
    assert listed[:4] == [newest_year, tie, later, earlier]
    assert list(selectors.publication_list(user=treasurer)) == []


def test_a_withdrawn_publication_is_opened_by_its_managers_only(secretary, treasurer, member):
    hidden = _publication(is_public=False)
    assert selectors.publication_get_for_user(user=secretary, pk=hidden.pk) == hidden
    for user in (treasurer, member):
        with pytest.raises(Http404):
            selectors.publication_get_for_user(user=user, pk=hidden.pk)
    with pytest.raises(Http404):
        selectors.publication_get_for_user(user=secretary, pk=hidden.pk + 1000)


def test_the_years_annual_report_publication_is_its_public_annual_report(budget_year):
    assert selectors.annual_report_publication(budget_year=budget_year) is None
    _publication("annual_plan", budget_year.year, budget_year=budget_year)
    assert selectors.annual_report_publication(budget_year=budget_year) is None
    report = _publication("annual_report", budget_year.year, budget_year=budget_year)
    assert selectors.annual_report_publication(budget_year=budget_year) == report
    report.is_public = False
    report.save()
    assert selectors.annual_report_publication(budget_year=budget_year) is None
