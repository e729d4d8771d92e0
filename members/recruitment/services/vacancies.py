"""Vacancies: made by the secretary (by hand or from the seat planning), published, closed,
filled or withdrawn (docs/rules.md, D30)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from adviesraad.audit import audit_record
from adviesraad.pagecache import public_changed
from adviesraad.transitions import locked, transition

from ..models import Vacancy
from .common import RecruitmentError

VACANCY_FIELDS = (
    "title",
    "role",
    "seats",
    "starts_on",
    "closes_on",
    "description",
    "profile",
    "knows_wmo",
    "knows_jeugdwet",
    "knows_participatiewet",
    "lived_experience",
    "neighbourhood",
)


def _unique_slug(title: str, *, exclude: int | None = None) -> str:
    base = slugify(title)[:100] or "vacature"
    slug, n = base, 1
    taken = Vacancy.objects.exclude(pk=exclude) if exclude else Vacancy.objects.all()
    while taken.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _check(vacancy: Vacancy) -> None:
    if vacancy.role not in Vacancy.Role.values:
        raise RecruitmentError(_("Kies lid of voorzitter."), field="role")
    if vacancy.seats < 1:
        raise RecruitmentError(_("Een vacature is voor minstens één zetel."), field="seats")


@transaction.atomic
def vacancy_create(*, by: Any, data: dict[str, Any], committee: Iterable[Any]) -> Vacancy:
    """A new vacancy, as a draft; its address on the site follows from the title.

    The committee named here comes on top of the secretary and the chair, who sit on every
    selection committee by their role.
    """
    vacancy = Vacancy(**{f: data[f] for f in VACANCY_FIELDS if f in data}, created_by=by)
    _check(vacancy)
    vacancy.slug = _unique_slug(vacancy.title)
    vacancy.save()
    vacancy.committee.set(list(committee))
    audit_record(
        actor=by,
        action="vacancy.created",
        obj=vacancy,
        data={"role": vacancy.role, "seats": vacancy.seats, "starts_on": str(vacancy.starts_on)},
    )
    return vacancy


@transaction.atomic
def vacancy_update(
    *, vacancy: Vacancy, by: Any, data: dict[str, Any], committee: Iterable[Any]
) -> Vacancy:
    """Change a vacancy; a published one changes on the public site at once."""
    vacancy = locked(vacancy)
    changed = []
    for field in VACANCY_FIELDS:
        if field in data and getattr(vacancy, field) != data[field]:
            setattr(vacancy, field, data[field])
            changed.append(field)
    _check(vacancy)
    vacancy.save()
    before = set(vacancy.committee.values_list("pk", flat=True))
    people = list(committee)
    if before != {p.pk for p in people}:
        vacancy.committee.set(people)
        changed.append("committee")
    if vacancy.status in Vacancy.PUBLIC_STATUSES:
        public_changed()
    audit_record(actor=by, action="vacancy.updated", obj=vacancy, data={"fields": changed})
    return vacancy


@transaction.atomic
def vacancy_transition(
    *, vacancy: Vacancy, by: Any, to: str, today: datetime.date | None = None
) -> Vacancy:
    """Publish, close, reopen, mark filled or withdraw a vacancy (``Vacancy.TRANSITIONS``).

    Publishing needs a closing date that has not passed. Every step changes what the public
    sees (the list, the home page), so the public pages are refreshed.
    """
    today = today or timezone.localdate()
    vacancy = locked(vacancy)
    if to == Vacancy.Status.PUBLISHED and vacancy.closes_on < today:
        raise RecruitmentError(
            _("De sluitingsdatum is voorbij. Kies eerst een nieuwe sluitingsdatum.")
        )
    was_public = vacancy.status in Vacancy.PUBLIC_STATUSES
    transition(vacancy, to=to, by=by, error=RecruitmentError)
    if to == Vacancy.Status.PUBLISHED and vacancy.published_at is None:
        vacancy.published_at = timezone.now()
    vacancy.save(update_fields=["status", "published_at", "updated_at"])
    if was_public or vacancy.status in Vacancy.PUBLIC_STATUSES:
        public_changed()
    return vacancy
