"""Who is told when a declaration moves on (issue 13, defect 5): a notification in the app,
and by e-mail now or in the daily digest as each person chose
(``adviesraad.notifications.services.notify``, which sends the e-mail after commit through
the outbox). The workflow services call these inside their transaction, so a step that rolls
back tells nobody.

- a declaration is submitted → whoever checks declarations (the secretary), to check it;
- a declaration is checked → whoever approves declarations (the treasurer), to approve it.

Nobody is told of a step they may not take on it: not the claimant (nobody handles their
own declaration, ``rules.may_approve``) and not the person who took the step.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from adviesraad.notifications.services import notify

from .. import rules
from ..models import Declaration
from ..reminders import holders
from ..templatetags.money import format_euro

WAITING_CHECK = "declaration_waiting_check"
WAITING_APPROVAL = "declaration_waiting_approval"


def _tell(declaration: Declaration, *, perm: str, kind: str, title: str, by: Any) -> int:
    url = reverse("budget:declaration_detail", args=[declaration.pk])
    by_pk = getattr(by, "pk", None)
    told = 0
    for person in holders(perm).order_by("pk"):
        if person.pk == by_pk:
            continue
        if not rules.may_approve(approver_id=person.pk, claimant_id=declaration.claimant_id):
            continue
        notify(recipient=person, kind=kind, title=title, url=url)
        told += 1
    return told


def declaration_submitted_notify(*, declaration: Declaration, by: Any) -> int:
    """Submitted: everyone who checks declarations but the claimant; returns how many."""
    title = _("Declaratie %(nr)s van %(naam)s is ingediend (%(bedrag)s). Controleer haar.") % {
        "nr": declaration.pk,
        "naam": declaration.claimant.get_full_name(),
        "bedrag": format_euro(declaration.total),
    }
    return _tell(
        declaration, perm="budget.check_declaration", kind=WAITING_CHECK, title=title, by=by
    )


def declaration_checked_notify(*, declaration: Declaration, by: Any) -> int:
    """Checked: everyone who approves declarations but the claimant and the checker."""
    title = _("Declaratie %(nr)s van %(naam)s is gecontroleerd (%(bedrag)s). Keur haar goed.") % {
        "nr": declaration.pk,
        "naam": declaration.claimant.get_full_name(),
        "bedrag": format_euro(declaration.total),
    }
    return _tell(
        declaration, perm="budget.approve_declaration", kind=WAITING_APPROVAL, title=title, by=by
    )
