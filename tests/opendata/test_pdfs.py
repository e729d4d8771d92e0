"""The public PDFs are tagged PDF/UA-1, with language nl and a title (read back with pypdf
and with poppler's pdfinfo); internal PDFs are left as they were."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from adviezen.services.sending import letter_pdf
from budget.pdf import annual_plan_pdf, annual_report_pdf
from meetings.models import Minutes
from meetings.pdfs import minutes_pdf
from meetings.services.pack import agenda_pack_pdf
from tests.factories.adviezen import published_advice
from tests.factories.budget import BudgetYearFactory
from tests.factories.meetings import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def public_pdfs() -> dict[str, tuple[bytes, str]]:
    """Each public PDF with (part of) its expected title."""
    meeting = MeetingFactory(title="Plenaire vergadering maart")
    AgendaItemFactory(meeting=meeting, title="Opening")
    Minutes.objects.create(meeting=meeting, status=Minutes.Status.APPROVED, notes="Genotuleerd.")
    advice = published_advice(title="Advies over de Wmo", reference="AR-2026-0001")
    year = BudgetYearFactory()
    return {
        "adviesbrief": (letter_pdf(advice), "AR-2026-0001 Advies over de Wmo"),
        "agenda": (agenda_pack_pdf(meeting, public_only=True), "Agenda Plenaire vergadering maart"),
        "notulen": (minutes_pdf(meeting, public_only=True), "Notulen Plenaire vergadering maart"),
        "jaarplan": (annual_plan_pdf(year), f"Jaarplan en begroting {year.year}"),
        "jaarverslag": (annual_report_pdf(year), f"Jaarverslag {year.year}"),
    }


def test_public_pdfs_are_tagged_with_language_and_title(tmp_path):
    for name, (data, title) in public_pdfs().items():
        reader = PdfReader(io.BytesIO(data))
        root = reader.trailer["/Root"]
        assert bool(root["/MarkInfo"]["/Marked"]) is True, name
        assert "/StructTreeRoot" in root, name
        assert root["/Lang"] == "nl", name
        assert reader.metadata.title == title, name
        assert root["/ViewerPreferences"]["/DisplayDocTitle"], name
        xmp = reader.xmp_metadata
        assert xmp is not None and "pdfuaid" in xmp.stream.get_data().decode(errors="ignore"), name
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(data)
        shutil.copy(path, f"/tmp/shots-opendata-{name}.pdf")  # rendered to PNG and looked at
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
        assert "Tagged:          yes" in info.stdout, name
        assert f"Title:           {title}" in info.stdout, name


def test_internal_agenda_pack_is_not_made_pdf_ua():
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting)
    root = PdfReader(io.BytesIO(agenda_pack_pdf(meeting, public_only=False))).trailer["/Root"]
    assert "/MarkInfo" not in root
