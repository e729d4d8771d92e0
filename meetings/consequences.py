"""What an irreversible step on a meeting will do, in sentences for its confirmation page
(issue 13, defect 8): sending the agenda pack and approving the minutes.

The same pattern as ``adviezen.consequences`` (and its :class:`Consequence`): each function
reads the facts the step depends on and lets the rules decide; the template only shows the
lines, and the service applies the same rules when the step is confirmed.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from adviezen.consequences import Consequence

from . import rules
from .models import AgendaItem, AgendaPackSending, Meeting, Minutes
from .services.pack import agenda_snapshot


def _day(meeting: Meeting) -> str:
    return timezone.localtime(meeting.start).strftime("%d-%m-%Y")


def _members(n: int) -> str:
    return ngettext("%(n)s lid", "%(n)s leden", n) % {"n": n}


def _guests(n: int) -> str:
    return ngettext("%(n)s gast", "%(n)s gasten", n) % {"n": n}


def pack_send(*, meeting: Meeting) -> Consequence:
    """Sending the agenda pack now: to how many members (active on the meeting's day) and
    guests it goes, what each gets, and on a later sending what changed
    (``rules.agenda_changes``; guests: ``rules.agenda_changes_for_guests``)."""
    from members.selectors import active_members_on

    if not meeting.agenda_editable:
        return Consequence(blocked=_("De vergadering is al gehouden; de agenda ligt vast."))
    if not AgendaItem.objects.filter(meeting=meeting).exists():
        return Consequence(blocked=_("De agenda is nog leeg. Voeg eerst agendapunten toe."))
    sendings = AgendaPackSending.objects.filter(meeting=meeting)
    if sendings.filter(status=AgendaPackSending.Status.QUEUED).exists():
        return Consequence(blocked=_("Het agendapakket wordt al verstuurd. Wacht even."))
    sent = sendings.filter(status=AgendaPackSending.Status.SENT)
    previous = sent.order_by("-created_at", "-id").first()
    day = timezone.localtime(meeting.start).date()
    members = active_members_on(day).exclude(email="").count()
    guests = [g.email.lower() for g in meeting.guests.all() if g.email]
    if previous is None:
        lines = [
            _("Het agendapakket gaat naar %(leden)s en %(gasten)s.")
            % {"leden": _members(members), "gasten": _guests(len(guests))},
            _(
                "De leden krijgen de hele agenda, de updates en de lijst van documenten. De "
                "gasten krijgen alleen de openbare agendapunten en openbare documenten."
            ),
            _("De vergadering krijgt de status 'agenda verstuurd'."),
        ]
    else:
        snapshot = agenda_snapshot(meeting)
        changes = rules.agenda_changes(previous.snapshot, snapshot)
        if not changes:
            return Consequence(
                blocked=_(
                    "Er is niets gewijzigd sinds de vorige verzending; opnieuw versturen is "
                    "niet nodig."
                )
            )
        guest_changes = rules.agenda_changes_for_guests(previous.snapshot, snapshot)
        if not guest_changes:
            reached = {a for row in sent.values_list("delivered", flat=True) for a in row}
            guests = [g for g in guests if g not in reached]
        lines = [
            _("De gewijzigde agenda gaat naar %(leden)s en %(gasten)s.")
            % {"leden": _members(members), "gasten": _guests(len(guests))},
            _("Gewijzigd sinds de vorige verzending: %(w)s") % {"w": " ".join(changes)},
        ]
        if not guest_changes:
            lines.append(
                _(
                    "Aan de openbare agendapunten is niets gewijzigd: gasten die de agenda al "
                    "hebben, krijgen geen nieuwe e-mail."
                )
            )
        else:
            lines.append(_("Gasten lezen alleen de wijzigingen van openbare agendapunten."))
    lines.append(_("Een verstuurde e-mail kun je niet terughalen."))
    return Consequence(lines=tuple(lines))


def minutes_approve(*, meeting: Meeting, minutes: Minutes | None) -> Consequence:
    """Approving the minutes in the later meeting they were put on the agenda of
    (``rules.approval_meeting_is_later``, ``rules.minutes_approval_may_be_recorded``): then
    final, and on a public meeting's page."""
    if minutes is not None and minutes.is_approved:
        return Consequence(blocked=_("Deze notulen zijn al vastgesteld."))
    if not meeting.can_transition_to(Meeting.Status.MINUTES_APPROVED):
        return Consequence(
            blocked=_("Alleen notulen van een gehouden vergadering kunnen worden vastgesteld.")
        )
    at = minutes.approval_meeting if minutes else None
    if at is None:
        return Consequence(
            blocked=_(
                "Zet de vaststelling eerst op de agenda van een latere vergadering "
                "('Ter vaststelling agenderen' op de pagina Notulen)."
            )
        )
    if not rules.minutes_approval_may_be_recorded(approval_start=at.start, now=timezone.now()):
        return Consequence(
            blocked=_(
                "De notulen worden vastgesteld in de vergadering van %(datum)s. Dat kan pas "
                "als die vergadering begonnen is."
            )
            % {"datum": _day(at)}
        )
    lines = [
        _(
            "De notulen van %(deze)s (%(d1)s) worden vastgesteld in de vergadering "
            "%(die)s van %(d2)s. Dat staat daarna bij beide vergaderingen."
        )
        % {"deze": meeting.title, "d1": _day(meeting), "die": at.title, "d2": _day(at)},
        _("Daarna kan niemand de notulen en de besluiten nog wijzigen."),
    ]
    if meeting.is_public:
        lines.append(
            _("De besluiten bij openbare agendapunten en de openbare notulen komen op de website.")
        )
    else:
        lines.append(_("De vergadering is besloten: er komt niets op de openbare website."))
    lines.append(_("Je kunt het vaststellen niet terugdraaien."))
    return Consequence(lines=tuple(lines))
