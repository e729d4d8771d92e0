"""Theme dossiers: a working group proposes, the chair accepts or rejects a duplicate, and the
chair or secretary closes (docs/rules.md, D13). Each step moves along ``Dossier.TRANSITIONS`` with
``adviesraad.transitions.transition`` (history row and the audit entry ``dossier.<status>``);
the table is checked first, then the step's own rules (a refusal undoes the whole step)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from adviesraad.audit import audit_record
from adviesraad.pagecache import public_changed
from adviesraad.transitions import locked, transition

from ..models import Dossier
from .common import AdviceError, require
from .notices import dossier_proposed_notify


@transaction.atomic
def dossier_propose(
    *,
    by: Any,
    title: str,
    domain: str,
    description: str = "",
    working_group: Any = None,
    contact_person: Any = None,
) -> Dossier:
    """A working group proposes a theme dossier; the chair reviews it (duplicate check) and is
    told so."""
    require(by, "adviezen.propose_dossier")
    dossier = Dossier.objects.create(
        title=title.strip(),
        description=description.strip(),
        domain=domain,
        working_group=working_group,
        contact_person=contact_person,
        proposed_by=by,
    )
    dossier.transitions.create(from_status="", to_status=dossier.status, by=by)
    audit_record(actor=by, action="dossier.proposed", obj=dossier)
    dossier_proposed_notify(dossier=dossier, by=by)
    return dossier


@transaction.atomic
def dossier_accept(
    *, dossier: Dossier, by: Any, working_group: Any = None, contact_person: Any = None
) -> Dossier:
    """The chair accepts a proposed dossier for a working group; without a contact person the
    group's own contact person becomes the dossier's."""
    require(by, "adviezen.review_dossier")
    dossier = locked(dossier)
    transition(dossier, to=Dossier.Status.ACCEPTED, by=by, error=AdviceError)
    if working_group is not None:
        dossier.working_group = working_group
    if contact_person is not None:
        dossier.contact_person = contact_person
    group = dossier.working_group
    if group is None:
        raise AdviceError(_("Kies de werkgroep die dit dossier oppakt."), field="working_group")
    if dossier.contact_person_id is None:
        dossier.contact_person = group.contact_person
    dossier.reviewed_by, dossier.reviewed_at = by, timezone.now()
    dossier.save()
    return dossier


@transaction.atomic
def dossier_reject_duplicate(
    *, dossier: Dossier, by: Any, duplicate_of: Dossier | None, note: str = ""
) -> Dossier:
    """The chair rejects a proposal that an accepted dossier already covers."""
    require(by, "adviezen.review_dossier")
    dossier = locked(dossier)
    transition(
        dossier,
        to=Dossier.Status.REJECTED,
        by=by,
        note=note,
        error=AdviceError,
        audit_data={"duplicate_of": getattr(duplicate_of, "pk", None)},
    )
    if duplicate_of is None or duplicate_of.pk == dossier.pk:
        raise AdviceError(
            _("Kies het dossier dat dit onderwerp al behandelt."), field="duplicate_of"
        )
    if duplicate_of.status != Dossier.Status.ACCEPTED:
        raise AdviceError(_("Verwijs naar een geaccepteerd dossier."), field="duplicate_of")
    dossier.duplicate_of = duplicate_of
    dossier.review_note = note
    dossier.reviewed_by, dossier.reviewed_at = by, timezone.now()
    dossier.save()
    return dossier


@transaction.atomic
def dossier_close(*, dossier: Dossier, by: Any) -> Dossier:
    """The chair or the secretary closes an accepted dossier."""
    if not (by.has_perm("adviezen.review_dossier") or by.has_perm("adviezen.manage_advice")):
        raise PermissionDenied
    dossier = locked(dossier)
    transition(dossier, to=Dossier.Status.CLOSED, by=by, error=AdviceError)
    dossier.closed_at = timezone.now()
    dossier.save()
    return dossier


@transaction.atomic
def dossier_set_public(*, dossier: Dossier, by: Any, public: bool) -> Dossier:
    """The chair or the secretary shows an accepted dossier on "Waar we aan werken", or takes
    it off. Only an accepted dossier can be shown (``opendata.rules.dossier_is_listed``);
    taking one off is always allowed."""
    if not (by.has_perm("adviezen.review_dossier") or by.has_perm("adviezen.manage_advice")):
        raise PermissionDenied
    dossier = locked(dossier)
    if public and dossier.status != Dossier.Status.ACCEPTED:
        raise AdviceError(_("Alleen een geaccepteerd dossier kan op de website."))
    if dossier.is_public != public:
        dossier.is_public = public
        dossier.save(update_fields=["is_public"])
        audit_record(
            actor=by, action="dossier.public" if public else "dossier.not_public", obj=dossier
        )
        public_changed()
    return dossier
