"""Every write on members, terms, working groups and council settings.

Each service checks its business rule, writes, and records an audit entry in the same
transaction. Views call these; nothing else writes these models.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _

from adviesraad.audit import audit_record
from adviesraad.errors import DomainError
from adviesraad.pagecache import public_changed

from . import roles, rules
from .models import CouncilSettings, Term, User, WorkingGroup, WorkingGroupMembership
from .selectors import council_settings_get, term_spans

FOREVER = datetime.date.max  # the end of a membership without an end date


class MemberError(DomainError):
    pass


@transaction.atomic
def member_create(
    *,
    by: User | None,
    email: str,
    first_name: str,
    last_name: str,
    role_names: list[str],
    phone: str = "",
    organisation: str = "",
    joined_on: datetime.date | None = None,
) -> User:
    """Create a person with the given roles. The e-mail address is the log-in and unique."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise MemberError(_("Er bestaat al een persoon met dit e-mailadres."), field="email")
    user = User.objects.create_user(
        email=email,
        password=None,
        first_name=first_name,
        last_name=last_name,
        phone=phone,
        organisation=organisation,
        joined_on=joined_on,
    )
    _set_roles(user, role_names)
    audit_record(actor=by, action="member.created", obj=user, data={"roles": sorted(role_names)})
    return user


def _set_roles(user: User, role_names: list[str]) -> None:
    """Give ``user`` exactly these roles; one person never holds two roles that check each
    other (``roles.INCOMPATIBLE_ROLES``: the secretary and the treasurer)."""
    unknown = set(role_names) - set(roles.ALL_ROLES)
    if unknown:
        raise MemberError(_("Onbekende rol: %(rol)s.") % {"rol": ", ".join(sorted(unknown))})
    if rules.role_conflicts(role_names, incompatible=roles.INCOMPATIBLE_ROLES):
        raise MemberError(
            _(
                "Eén persoon kan niet tegelijk secretaris en penningmeester zijn: de secretaris "
                "controleert declaraties en de penningmeester keurt ze goed. Kies één van de twee."
            ),
            field="roles",
        )
    user.groups.set(Group.objects.filter(name__in=role_names))


def _refuse_admin_account(member: User) -> None:
    """The member pages never change staff or superuser accounts: those are managed in the
    admin. Otherwise the secretary could change such an account's e-mail address and take it
    over with a password reset."""
    if member.is_staff or member.is_superuser:
        raise MemberError(_("Dit is een beheerdersaccount. Je kunt het hier niet wijzigen."))


@transaction.atomic
def member_update(
    *, member: User, by: User | None, data: dict[str, Any], role_names: list[str]
) -> User:
    """Update contact details and roles; role changes are audited separately. Staff and
    superuser accounts are refused (``_refuse_admin_account``)."""
    member = User.objects.select_for_update().get(pk=member.pk)
    _refuse_admin_account(member)
    allowed = {
        "first_name",
        "last_name",
        "email",
        "phone",
        "organisation",
        "joined_on",
        "left_on",
        "iban",
    }
    changed = []  # field names only: the audit never holds the values (an IBAN, an address)
    for field, value in data.items():
        if field not in allowed:
            continue
        if field == "email":
            value = value.strip().lower()
            if User.objects.filter(email__iexact=value).exclude(pk=member.pk).exists():
                raise MemberError(
                    _("Er bestaat al een persoon met dit e-mailadres."), field="email"
                )
        if getattr(member, field) != value:
            changed.append(field)
            setattr(member, field, value)
    member.save()
    old_roles = set(member.groups.values_list("name", flat=True))
    if set(role_names) != old_roles:
        _set_roles(member, role_names)
        audit_record(
            actor=by,
            action="member.roles_changed",
            obj=member,
            data={"from": sorted(old_roles), "to": sorted(role_names)},
        )
    if changed:
        audit_record(
            actor=by, action="member.updated", obj=member, data={"fields": sorted(changed)}
        )
    return member


@transaction.atomic
def member_deactivate(*, member: User, by: User | None) -> User:
    """Deactivate a person: they can no longer log in and every open session ends at once.

    Changing the password hash invalidates all sessions (Django checks the session's auth hash on
    each request), and an inactive user is refused by the authentication backend.
    """
    member = User.objects.select_for_update().get(pk=member.pk)
    _refuse_admin_account(member)
    if by is not None and member.pk == by.pk:
        raise MemberError(_("Je kunt jezelf niet deactiveren."))
    member.is_active = False
    member.set_unusable_password()
    member.left_on = member.left_on or datetime.date.today()
    member.save(update_fields=["is_active", "password", "left_on"])
    audit_record(actor=by, action="member.deactivated", obj=member)
    return member


@transaction.atomic
def member_reactivate(*, member: User, by: User | None) -> User:
    member = User.objects.select_for_update().get(pk=member.pk)
    _refuse_admin_account(member)
    member.is_active = True
    member.save(update_fields=["is_active"])
    audit_record(actor=by, action="member.reactivated", obj=member)
    return member


@transaction.atomic
def member_calendar_token_renew(*, member: User) -> str:
    from .models import new_calendar_token

    member.calendar_token = new_calendar_token()
    member.save(update_fields=["calendar_token"])
    audit_record(actor=member, action="member.calendar_token_renewed", obj=member)
    return member.calendar_token


@transaction.atomic
def term_create(
    *,
    member: User,
    by: User | None,
    start: datetime.date,
    role: str = Term.Role.MEMBER,
    end: datetime.date | None = None,
    note: str = "",
) -> Term:
    """Add the next term of office for ``member``.

    Rules (council settings): a term lasts ``term_length_years`` unless an end is given; a person
    has at most ``max_terms`` terms; terms of one person do not overlap; the seats (``max_members``
    members, ``max_chairs`` chairs) are never exceeded on any day of the new term.
    """
    cs = council_settings_get()
    User.objects.select_for_update().get(pk=member.pk)  # serialise terms of one person
    if role not in Term.Role.values:
        raise MemberError(_("Onbekende rol voor een termijn."), field="role")
    end = end or rules.term_default_end(start=start, years=cs.term_length_years)
    if end < start:
        raise MemberError(_("Het einde van de termijn ligt vóór het begin."), field="end")
    if rules.term_too_long(start=start, end=end, years=cs.term_length_years):
        raise MemberError(
            _("Een termijn duurt hoogstens %(jaren)s jaar.") % {"jaren": cs.term_length_years},
            field="end",
        )
    existing = list(member.terms.all())
    sequence = rules.term_next_sequence(existing=len(existing), max_terms=cs.max_terms)
    if sequence is None:
        raise MemberError(
            _(
                "%(naam)s heeft al het maximum van %(max)s termijnen. Een volgende termijn is niet mogelijk."
            )
            % {"naam": member, "max": cs.max_terms}
        )
    for t in existing:
        if rules.spans_overlap(start, end, t.start, t.end):
            raise MemberError(
                _("Deze termijn overlapt met termijn %(nr)s (%(van)s – %(tot)s).")
                % {
                    "nr": t.sequence,
                    "van": t.start.strftime("%d-%m-%Y"),
                    "tot": t.end.strftime("%d-%m-%Y"),
                },
                field="start",
            )
    seats = rules.seats_for(role, max_members=cs.max_members, max_chairs=cs.max_chairs)
    others = term_spans(Term.objects.filter(role=role, start__lte=end, end__gte=start))
    if not rules.term_fits_seats(others, start=start, end=end, seats=seats):
        raise MemberError(
            _("In deze periode zijn alle %(n)s zetels voor de rol %(rol)s al bezet.")
            % {"n": seats, "rol": Term.Role(role).label}
        )
    term = Term.objects.create(
        member=member, role=role, start=start, end=end, sequence=sequence, note=note
    )
    audit_record(
        actor=by,
        action="term.created",
        obj=term,
        data={
            "member": member.pk,
            "role": role,
            "start": start.isoformat(),
            "end": end.isoformat(),
        },
    )
    return term


@transaction.atomic
def term_end_early(*, term: Term, by: User | None, end: datetime.date) -> Term:
    """End a term before its planned end (resignation); the seat becomes free the next day.

    Rules (``members.rules``): the last day lies within the term and before its planned end
    (``early_end_allowed``); the seat is free from the day after (``seat_free_from``); the
    member is no longer counted as re-appointable in the seat planning, so the seat plan and
    the recruitment openings ask for a new person (``may_be_reappointed``).
    """
    term = Term.objects.select_for_update().get(pk=term.pk)
    if not rules.early_end_allowed(start=term.start, planned_end=term.end, end=end):
        raise MemberError(
            _("Kies een laatste dag binnen de termijn, vóór het geplande einde."), field="end"
        )
    old = term.end
    term.end = end
    term.ended_early = True
    term.save(update_fields=["end", "ended_early"])
    audit_record(
        actor=by,
        action="term.ended_early",
        obj=term,
        data={"from": old.isoformat(), "to": end.isoformat()},
    )
    return term


@transaction.atomic
def working_group_save(*, by: User | None, group: WorkingGroup) -> WorkingGroup:
    created = group.pk is None
    group.full_clean()
    group.save()
    audit_record(
        actor=by, action="working_group.created" if created else "working_group.updated", obj=group
    )
    return group


@transaction.atomic
def membership_add(
    *,
    group: WorkingGroup,
    member: User,
    by: User | None,
    start: datetime.date,
    end: datetime.date | None = None,
    note: str = "",
) -> WorkingGroupMembership:
    """Add a person to a working group; a temporary membership has an end date."""
    if end is not None and end < start:
        raise MemberError(_("De einddatum ligt vóór de begindatum."), field="end")
    for m in WorkingGroupMembership.objects.filter(group=group, member=member):
        if rules.spans_overlap(start, end or FOREVER, m.start, m.end or FOREVER):
            raise MemberError(
                _("%(naam)s is in die periode al lid van deze werkgroep.") % {"naam": member}
            )
    membership = WorkingGroupMembership.objects.create(
        group=group, member=member, start=start, end=end, note=note
    )
    audit_record(
        actor=by, action="working_group.member_added", obj=group, data={"member": member.pk}
    )
    return membership


@transaction.atomic
def membership_end(
    *, membership: WorkingGroupMembership, by: User | None, end: datetime.date
) -> None:
    if end < membership.start:
        raise MemberError(_("De einddatum ligt vóór de begindatum."), field="end")
    membership.end = end
    membership.save(update_fields=["end"])
    audit_record(
        actor=by,
        action="working_group.member_ended",
        obj=membership.group,
        data={"member": membership.member_id},
    )


@transaction.atomic
def council_settings_update(*, by: User | None, data: dict[str, Any]) -> CouncilSettings:
    cs = CouncilSettings.objects.select_for_update().get(pk=1)
    changed = []
    for field, value in data.items():
        if getattr(cs, field) != value:
            setattr(cs, field, value)
            changed.append(field)
    cs.full_clean()
    cs.save()
    public_changed()  # the council's name and contact address are on every public page
    audit_record(actor=by, action="council_settings.updated", obj=cs, data={"fields": changed})
    return cs
