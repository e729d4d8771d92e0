"""What the recruitment services share: their error and the committee guard."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from adviesraad.errors import DomainError

from ..models import Vacancy
from ..selectors import is_on_committee


class RecruitmentError(DomainError):
    pass


def check_committee(by: Any, vacancy: Vacancy) -> None:
    """Only the vacancy's selection committee works on its applications (D32, S23).

    The views answer 404 before a service is reached; this guard keeps a service called
    from elsewhere from doing what its caller may not.
    """
    if not is_on_committee(by, vacancy):
        raise RecruitmentError(_("Je zit niet in de selectiecommissie van deze vacature."))
