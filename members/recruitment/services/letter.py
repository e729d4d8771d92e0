"""The committee's recommendation letter to the college, as a PDF on the council letterhead."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from adviesraad.audit import audit_record
from adviesraad.pdf import render_pdf
from members import roles
from members.models import User
from members.selectors import council_settings_get

from ..models import Vacancy
from ..selectors import committee_members, proposed_candidates
from .common import RecruitmentError, check_committee

LETTER_TEMPLATE = "members/pdf/recommendation_letter.html"


def recommendation_letter_pdf(*, vacancy: Vacancy, by: Any) -> bytes:
    """The letter proposing the candidates the committee put forward (status *proposed*).

    Addressed to the college, signed by the chair on behalf of the council, listing the
    candidates, the profile the council asked for and the committee. Refused while nobody is
    proposed. Making it is recorded in the audit log (the number of candidates, no names).
    """
    check_committee(by, vacancy)
    candidates = proposed_candidates(user=by, vacancy=vacancy)
    if not candidates:
        raise RecruitmentError(
            _("Er is nog niemand voorgedragen. Zet eerst een kandidaat op 'voorgedragen'.")
        )
    chair = (
        User.objects.filter(is_active=True, groups__name=roles.CHAIR)
        .order_by("last_name", "first_name")
        .first()
    )
    pdf = render_pdf(
        LETTER_TEMPLATE,
        {
            "council": council_settings_get(),
            "vacancy": vacancy,
            "candidates": candidates,
            "committee": committee_members(vacancy),
            "chair": chair,
            "letter_date": timezone.localdate(),
        },
    )
    audit_record(
        actor=by, action="vacancy.letter_made", obj=vacancy, data={"candidates": len(candidates)}
    )
    return pdf
