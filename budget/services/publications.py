"""The annual report and what the public finds on /publicaties/: the annual plan and the
annual report (rendered to PDF when published, a snapshot) and uploaded research reports.

Every change to what is public calls ``adviesraad.pagecache.public_changed()`` inside its
transaction, so the next anonymous visitor sees it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from adviesraad.audit import audit_record
from adviesraad.pagecache import public_changed
from adviesraad.uploads import PDF, generated_name, store_file, validate_upload

from ..models import AnnualReport, BudgetYear, Publication
from .common import BudgetError, delete_files_after_commit, require

PUBLICATION_MAX_BYTES = 20 * 1024 * 1024


@transaction.atomic
def annual_report_save(*, budget_year: BudgetYear, by: Any, introduction: str) -> AnnualReport:
    """The introduction of the year's annual report; the rest is generated from what was
    recorded. Saving publishes nothing."""
    require(by, "budget.manage_annual_report")
    report, _created = AnnualReport.objects.get_or_create(budget_year=budget_year)
    report.introduction = introduction
    report.updated_by = by
    report.save()
    audit_record(actor=by, action="annual_report.saved", obj=report)
    return report


def _publish(*, kind: str, budget_year: BudgetYear, by: Any, title: str, pdf: bytes) -> Publication:
    """One publication per year and kind: publishing again replaces the file (the old one is
    deleted after commit) and makes it public again."""
    name = store_file(generated_name("publications", "pdf"), ContentFile(pdf))
    pub = Publication.objects.filter(kind=kind, budget_year=budget_year).first()
    old = pub.file.name if pub else None
    if pub is None:
        pub = Publication(kind=kind, budget_year=budget_year, year=budget_year.year)
    pub.title = title
    pub.file = name
    pub.size = len(pdf)
    pub.published_at = timezone.now()
    pub.published_by = by
    pub.is_public = True
    pub.save()
    delete_files_after_commit([old])
    audit_record(actor=by, action=f"publication.{kind}", obj=pub)
    public_changed()
    return pub


@transaction.atomic
def annual_report_publish(*, budget_year: BudgetYear, by: Any) -> Publication:
    """Render the annual report as PDF and publish it on /publicaties/ (again: replaced)."""
    from ..pdf import annual_report_pdf

    require(by, "budget.manage_annual_report")
    return _publish(
        kind=Publication.Kind.ANNUAL_REPORT,
        budget_year=budget_year,
        by=by,
        title=_("Jaarverslag %(jaar)s") % {"jaar": budget_year.year},
        pdf=annual_report_pdf(budget_year),
    )


@transaction.atomic
def annual_plan_publish(*, budget_year: BudgetYear, by: Any) -> Publication:
    """Render the annual plan with its budget as PDF and publish it on /publicaties/ (again:
    replaced). The treasurer (``manage_budget``) publishes the plan."""
    from ..pdf import annual_plan_pdf

    require(by, "budget.manage_budget")
    return _publish(
        kind=Publication.Kind.ANNUAL_PLAN,
        budget_year=budget_year,
        by=by,
        title=_("Jaarplan en begroting %(jaar)s") % {"jaar": budget_year.year},
        pdf=annual_plan_pdf(budget_year),
    )


@transaction.atomic
def research_report_publish(
    *, by: Any, title: str, year: int, upload: Any, summary: str = ""
) -> Publication:
    """Publish an uploaded research report: a PDF (checked by content) of at most
    ``PUBLICATION_MAX_BYTES``."""
    require(by, "budget.manage_annual_report")
    try:
        info = validate_upload(upload, kinds=(PDF,), max_bytes=PUBLICATION_MAX_BYTES)
    except ValidationError as exc:
        raise BudgetError(" ".join(exc.messages), field="file") from exc
    upload.seek(0)
    name = store_file(generated_name("publications", info.kind), upload)
    pub = Publication.objects.create(
        kind=Publication.Kind.RESEARCH,
        year=year,
        title=title.strip()[:200],
        summary=summary,
        file=name,
        size=info.size,
        published_at=timezone.now(),
        published_by=by,
    )
    audit_record(actor=by, action="publication.research", obj=pub)
    public_changed()
    return pub


@transaction.atomic
def publication_withdraw(*, publication: Publication, by: Any) -> None:
    """Take a publication off the website; the row and its file stay (publishing the year's
    plan or report anew makes that one public again)."""
    require(by, "budget.manage_annual_report")
    publication.is_public = False
    publication.save(update_fields=["is_public"])
    audit_record(actor=by, action="publication.withdrawn", obj=publication)
    public_changed()
