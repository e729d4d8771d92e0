"""Who is told what when an advice or dossier moves on (issue 13, defect 5): a notification in
the app, and by e-mail now or in the daily digest as each person chose
(``adviesraad.notifications.services.notify``, which sends the e-mail after commit through
the outbox). The services call these inside their transaction, so a change that rolls back
tells nobody.

Nobody is told of their own step: the person who took it knows.

- a written ballot opens → its eligible voters (frozen at opening), with a link to the ballot;
- a dossier is proposed → the chair(s), with a link to the review;
- an advice is approved (a carried ballot or the chair's own authority) → the secretary
  (everyone in the *Secretariaat* role), with a link to the advice.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from adviesraad.notifications.services import notify
from members import roles

from ..models import Advice, Ballot, BallotVoter, Dossier

BALLOT_OPENED = "ballot_opened"
DOSSIER_PROPOSED = "dossier_proposed"
ADVICE_APPROVED = "advice_approved"


def people_in_roles(*role_names: str) -> list[Any]:
    """The active people holding any of ``role_names``, each once, in a fixed order."""
    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=role_names)
        .distinct()
        .order_by("pk")
    )


def _others(people: list[Any], by: Any) -> list[Any]:
    by_pk = getattr(by, "pk", None)
    return [p for p in people if p.pk != by_pk]


def ballot_opened_notify(*, ballot: Ballot, by: Any) -> int:
    """A written ballot opened: each eligible voter but the opener; returns how many."""
    if ballot.meeting_id is not None or ballot.deadline is None:
        return 0
    advice = ballot.advice
    closes = date_format(timezone.localtime(ballot.deadline), "D j F Y, H:i")
    voters = [
        v.member
        for v in BallotVoter.objects.filter(ballot=ballot).select_related("member").order_by("pk")
    ]
    url = reverse("adviezen:ballot", args=[advice.pk, ballot.pk])
    title = _("Stemming geopend over %(title)s. Stem uiterlijk %(closes)s.") % {
        "title": advice.title,
        "closes": closes,
    }
    recipients = _others(voters, by)
    for person in recipients:
        notify(recipient=person, kind=BALLOT_OPENED, title=title, url=url)
    return len(recipients)


def dossier_proposed_notify(*, dossier: Dossier, by: Any) -> int:
    """A dossier was proposed: each chair but the proposer, to review it."""
    url = reverse("adviezen:dossier", args=[dossier.pk])
    title = _("Nieuw themadossier voorgesteld: %(title)s. Beoordeel het.") % {
        "title": dossier.title
    }
    recipients = _others(people_in_roles(roles.CHAIR), by)
    for person in recipients:
        notify(recipient=person, kind=DOSSIER_PROPOSED, title=title, url=url)
    return len(recipients)


def advice_approved_notify(*, advice: Advice, by: Any) -> int:
    """An advice was approved: each secretary but the one who closed the ballot."""
    url = reverse("adviezen:detail", args=[advice.pk])
    if advice.is_formal:
        text = _(
            "Advies %(ref)s is vastgesteld: %(title)s. Na de ondertekening kun je het versturen."
        )
    else:
        text = _("Aanbeveling %(ref)s is vastgesteld: %(title)s. Je kunt haar nu publiceren.")
    title = text % {"ref": advice.reference, "title": advice.title}
    recipients = _others(people_in_roles(roles.SECRETARY), by)
    for person in recipients:
        notify(recipient=person, kind=ADVICE_APPROVED, title=title, url=url)
    return len(recipients)
