"""Every write on dossiers, signals, advices, versions, ballots, votes and college responses.

Each service checks the role on the server, locks the row it changes (``select_for_update``),
checks the model's ``TRANSITIONS`` table, writes a transition row and an audit entry, and hands
background work to ``enqueue`` (sent after commit). Refusals raise ``AdviceError`` (Dutch
message) or ``PermissionDenied`` (403).
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import nh3
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _

from adviesraad.audit import audit_record
from adviesraad.errors import DomainError
from adviesraad.pagecache import public_changed
from adviesraad.queue import enqueue
from members.selectors import active_members_on, council_settings_get

from . import rules
from .models import (
    Advice,
    AdviceDelivery,
    AdviceTransition,
    AdviceVersion,
    Ballot,
    BallotVoter,
    CollegeResponse,
    Comment,
    Dossier,
    Signal,
    SignalTransition,
    Vote,
)

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}


class AdviceError(DomainError):
    pass


def _require(user, perm: str) -> None:
    if user is None or not user.has_perm(perm):
        raise PermissionDenied(perm)


def clean_html(text: str) -> str:
    """Sanitise rich text with an allow-list (SECURITY.md 10).

    Plain text (no tags) becomes escaped paragraphs; HTML keeps only the allowed tags and
    attributes, links get ``rel="noopener noreferrer"`` and only http(s)/mailto schemes.
    """
    text = (text or "").strip()
    if "<" not in text:
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        return "".join("<p>" + escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs)
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


# --- dossiers ---------------------------------------------------------------------------


@transaction.atomic
def dossier_propose(
    *,
    by,
    title: str,
    domain: str,
    description: str = "",
    working_group=None,
    contact_person=None,
) -> Dossier:
    """A working group proposes a theme dossier; the chair reviews it (duplicate check)."""
    _require(by, "adviezen.propose_dossier")
    dossier = Dossier.objects.create(
        title=title.strip(),
        description=description.strip(),
        domain=domain,
        working_group=working_group,
        contact_person=contact_person,
        proposed_by=by,
    )
    audit_record(actor=by, action="dossier.proposed", obj=dossier)
    return dossier


def _dossier_locked(dossier: Dossier, to: str) -> Dossier:
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if not dossier.can_transition_to(to):
        raise AdviceError(
            _("Dit dossier kan niet van '%(van)s' naar '%(naar)s'.")
            % {"van": dossier.get_status_display(), "naar": Dossier.Status(to).label}
        )
    return dossier


@transaction.atomic
def dossier_accept(*, dossier: Dossier, by, working_group=None, contact_person=None) -> Dossier:
    _require(by, "adviezen.review_dossier")
    dossier = _dossier_locked(dossier, Dossier.Status.ACCEPTED)
    if working_group is not None:
        dossier.working_group = working_group
    if contact_person is not None:
        dossier.contact_person = contact_person
    if dossier.working_group_id is None:
        raise AdviceError(_("Kies de werkgroep die dit dossier oppakt."), field="working_group")
    if dossier.contact_person_id is None:
        dossier.contact_person = dossier.working_group.contact_person
    dossier.status = Dossier.Status.ACCEPTED
    dossier.reviewed_by, dossier.reviewed_at = by, timezone.now()
    dossier.save()
    audit_record(actor=by, action="dossier.accepted", obj=dossier)
    return dossier


@transaction.atomic
def dossier_reject_duplicate(
    *, dossier: Dossier, by, duplicate_of: Dossier, note: str = ""
) -> Dossier:
    _require(by, "adviezen.review_dossier")
    dossier = _dossier_locked(dossier, Dossier.Status.REJECTED)
    if duplicate_of is None or duplicate_of.pk == dossier.pk:
        raise AdviceError(
            _("Kies het dossier dat dit onderwerp al behandelt."), field="duplicate_of"
        )
    if duplicate_of.status != Dossier.Status.ACCEPTED:
        raise AdviceError(_("Verwijs naar een geaccepteerd dossier."), field="duplicate_of")
    dossier.status = Dossier.Status.REJECTED
    dossier.duplicate_of = duplicate_of
    dossier.review_note = note
    dossier.reviewed_by, dossier.reviewed_at = by, timezone.now()
    dossier.save()
    audit_record(
        actor=by, action="dossier.rejected", obj=dossier, data={"duplicate_of": duplicate_of.pk}
    )
    return dossier


@transaction.atomic
def dossier_close(*, dossier: Dossier, by) -> Dossier:
    if not (by.has_perm("adviezen.review_dossier") or by.has_perm("adviezen.manage_advice")):
        raise PermissionDenied
    dossier = _dossier_locked(dossier, Dossier.Status.CLOSED)
    dossier.status = Dossier.Status.CLOSED
    dossier.closed_at = timezone.now()
    dossier.save()
    audit_record(actor=by, action="dossier.closed", obj=dossier)
    return dossier


# --- signals ----------------------------------------------------------------------------


@transaction.atomic
def signal_submit(
    *,
    title: str,
    description: str,
    domain: str = "",
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    ip_address: str | None = None,
) -> Signal:
    """A resident sends a signal through the public form. Contact details are optional."""
    signal = Signal.objects.create(
        source=Signal.Source.RESIDENT,
        title=title.strip()[:200],
        description=description.strip()[:5000],
        domain=domain,
        contact_name=contact_name.strip()[:200],
        contact_email=contact_email.strip()[:254],
        contact_phone=contact_phone.strip()[:30],
    )
    audit_record(actor="publiek", action="signal.received", obj=signal, ip_address=ip_address)
    return signal


@transaction.atomic
def signal_record(
    *,
    by,
    source: str,
    title: str,
    description: str,
    domain: str = "",
    organisation: str = "",
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
) -> Signal:
    """A member records a signal they heard (from a resident, an organisation or themselves)."""
    _require(by, "adviezen.record_signal")
    if source not in Signal.Source.values:
        raise AdviceError(_("Kies van wie het signaal komt."), field="source")
    signal = Signal.objects.create(
        source=source,
        title=title.strip(),
        description=description.strip(),
        domain=domain,
        organisation=organisation.strip(),
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip(),
        contact_phone=contact_phone.strip(),
        recorded_by=by,
    )
    audit_record(actor=by, action="signal.recorded", obj=signal)
    return signal


def _signal_move(signal: Signal, *, by, to: str, note: str = "") -> Signal:
    _require(by, "adviezen.triage_signal")
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    if not signal.can_transition_to(to):
        raise AdviceError(
            _("Dit signaal kan niet van '%(van)s' naar '%(naar)s'.")
            % {"van": signal.get_status_display(), "naar": Signal.Status(to).label}
        )
    SignalTransition.objects.create(
        signal=signal, from_status=signal.status, to_status=to, by=by, note=note[:500]
    )
    audit_record(
        actor=by, action="signal.status", obj=signal, data={"from": signal.status, "to": to}
    )
    signal.status = to
    if note:
        signal.triage_note = (signal.triage_note + "\n" + note).strip()
    return signal


@transaction.atomic
def signal_investigate(*, signal: Signal, by, note: str = "") -> Signal:
    signal = _signal_move(signal, by=by, to=Signal.Status.INVESTIGATING, note=note)
    signal.save()
    return signal


@transaction.atomic
def signal_close(*, signal: Signal, by, note: str = "") -> Signal:
    signal = _signal_move(signal, by=by, to=Signal.Status.CLOSED, note=note)
    signal.save()
    return signal


@transaction.atomic
def signal_link_dossier(*, signal: Signal, by, dossier: Dossier, note: str = "") -> Signal:
    if dossier is None or dossier.status != Dossier.Status.ACCEPTED:
        raise AdviceError(_("Kies een geaccepteerd dossier."), field="dossier")
    signal = _signal_move(signal, by=by, to=Signal.Status.LINKED, note=note)
    signal.dossier = dossier
    signal.save()
    return signal


@transaction.atomic
def signal_put_on_agenda(*, signal: Signal, by, meeting, note: str = "") -> Any:
    """Put the signal on a meeting's agenda (section *signalen*): creates the agenda item."""
    from meetings import services as meeting_services

    signal = _signal_move(signal, by=by, to=Signal.Status.ON_AGENDA, note=note)
    signal.save()
    return meeting_services.agenda_item_add(
        meeting=meeting,
        by=by,
        title=_("Signaal: %(titel)s") % {"titel": signal.title},
        section="signals",
        is_public=False,
        description=signal.description[:1000],
        signal=signal,
    )


@transaction.atomic
def signal_refer(*, signal: Signal, by, note: str = "") -> Signal:
    """Refer to the district team (*wijkteam*): individual cases are never handled by the council.

    When the sender left an e-mail address, the standard reply goes out once (background task).
    """
    signal = _signal_move(signal, by=by, to=Signal.Status.REFERRED, note=note)
    signal.save()
    if signal.contact_email and signal.reply_sent_at is None:
        enqueue("adviezen.tasks.send_signal_reply", signal.pk)
    return signal


@transaction.atomic
def signal_reply_send(*, signal_id: int) -> bool:
    """Send the standard *wijkteam* reply exactly once (status guard under a row lock)."""
    from adviesraad.mail import build_email

    signal = Signal.objects.select_for_update().get(pk=signal_id)
    if signal.reply_sent_at is not None or not signal.contact_email:
        return False
    msg = build_email(
        template_prefix="adviezen/email/signal_referred",
        context={"signal": signal, "council": council_settings_get()},
        to=[signal.contact_email],
    )
    msg.send()
    signal.reply_sent_at = timezone.now()
    signal.save(update_fields=["reply_sent_at"])
    audit_record(actor="systeem", action="signal.reply_sent", obj=signal)
    return True


@transaction.atomic
def signal_contacts_erase_expired(*, today: datetime.date) -> int:
    """Erase residents' contact details older than the council's retention period (SECURITY 22)."""
    days = council_settings_get().signal_retention_days
    limit = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=days), datetime.time.min)
    )
    qs = Signal.objects.filter(received_at__lt=limit, contact_erased_at__isnull=True)
    ids = list(qs.values_list("pk", flat=True))
    if not ids:
        return 0
    Signal.objects.filter(pk__in=ids).update(
        contact_name="", contact_email="", contact_phone="", contact_erased_at=timezone.now()
    )
    audit_record(actor="systeem", action="signal.contacts_erased", data={"count": len(ids)})
    return len(ids)


# --- advices ----------------------------------------------------------------------------


def _next_reference(year: int) -> str:
    prefix = f"AR-{year}-"
    last = (
        Advice.objects.filter(reference__startswith=prefix)
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    n = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{n:03d}"


@transaction.atomic
def advice_create(
    *,
    by,
    title: str,
    origin: str,
    kind: str,
    domain: str,
    dossier: Dossier | None = None,
    working_group=None,
    signal: Signal | None = None,
    request_date: datetime.date | None = None,
    deadline: datetime.date | None = None,
    request_document=None,
    summary: str = "",
) -> Advice:
    """Register a request from the college (request date, deadline, document) or an
    unsolicited advice. Starts as *adviesaanvraag* or *geïnitieerd*."""
    _require(by, "adviezen.manage_advice")
    if origin not in Advice.Origin.values:
        raise AdviceError(_("Kies gevraagd of ongevraagd."), field="origin")
    if kind not in Advice.Kind.values:
        raise AdviceError(_("Kies formeel advies of informele aanbeveling."), field="kind")
    if origin == Advice.Origin.REQUESTED and request_date is None:
        raise AdviceError(_("Vul de datum van de adviesaanvraag in."), field="request_date")
    if request_date and deadline and deadline < request_date:
        raise AdviceError(_("De uiterste datum ligt voor de aanvraag."), field="deadline")
    if dossier is not None and dossier.status != Dossier.Status.ACCEPTED:
        raise AdviceError(_("Kies een geaccepteerd dossier."), field="dossier")
    today = timezone.localdate()
    # Serialise reference numbering per year on a lock of the year's advices.
    list(Advice.objects.select_for_update().filter(reference__startswith=f"AR-{today.year}-"))
    reference = _next_reference(today.year)
    status = (
        Advice.Status.REQUESTED if origin == Advice.Origin.REQUESTED else Advice.Status.INITIATED
    )
    base = slugify(title)[:70] or "advies"
    advice = Advice(
        title=title.strip(),
        slug=f"{base}-{reference.lower()}",
        reference=reference,
        origin=origin,
        kind=kind,
        domain=domain,
        status=status,
        dossier=dossier,
        working_group=working_group or (dossier.working_group if dossier else None),
        signal=signal,
        request_date=request_date,
        deadline=deadline,
        summary=summary.strip(),
        created_by=by,
    )
    if request_document is not None:
        from adviesraad.uploads import generated_name, validate_upload

        checked = validate_upload(request_document)
        advice.request_document.save(
            generated_name("adviezen/aanvragen", checked.kind), request_document, save=False
        )
        advice.request_document_name = checked.original_name
    advice.save()
    AdviceTransition.objects.create(advice=advice, from_status="", to_status=status, by=by)
    audit_record(actor=by, action="advice.created", obj=advice)
    return advice


def _advice_locked(advice: Advice) -> Advice:
    return Advice.objects.select_for_update().get(pk=advice.pk)


def _move(advice: Advice, *, to: str, by, note: str = "") -> None:
    """Change an advice's status along the table (caller holds the row lock)."""
    if not advice.can_transition_to(to):
        raise AdviceError(
            _("Een advies met status '%(van)s' kan niet naar '%(naar)s'.")
            % {"van": advice.get_status_display(), "naar": Advice.Status(to).label}
        )
    AdviceTransition.objects.create(
        advice=advice, from_status=advice.status, to_status=to, by=by, note=note[:500]
    )
    audit_record(
        actor=by, action="advice.status", obj=advice, data={"from": advice.status, "to": to}
    )
    advice.status = to


MANUAL_TARGETS = {
    Advice.Status.PREPARATION,
    Advice.Status.CONSULTATION,
    Advice.Status.DRAFT,
    Advice.Status.WITHDRAWN,
}


@transaction.atomic
def advice_transition(*, advice: Advice, by, to: str, note: str = "") -> Advice:
    """The simple steps: start preparation, to consultation, back to draft, withdraw.

    Voting, approval, sending and publication have their own services.
    """
    if not (by.has_perm("adviezen.manage_advice") or by.has_perm("adviezen.approve_advice")):
        raise PermissionDenied
    if to not in MANUAL_TARGETS:
        raise AdviceError(_("Deze stap gaat via een eigen knop."))
    advice = _advice_locked(advice)
    if to == Advice.Status.CONSULTATION and not advice.versions.exists():
        raise AdviceError(_("Er is nog geen conceptversie om voor te leggen."))
    if advice.status == Advice.Status.VOTING:
        raise AdviceError(_("Sluit eerst de stemming."))
    _move(advice, to=to, by=by, note=note)
    advice.save()
    return advice


@transaction.atomic
def advice_version_add(*, advice: Advice, by, text: str, change_note: str = "") -> AdviceVersion:
    """Save a new draft text (nh3-sanitised). The first version moves *in voorbereiding* to
    *concept*; during a vote the text cannot change."""
    _require(by, "adviezen.write_advice")
    advice = _advice_locked(advice)
    if advice.status not in (
        Advice.Status.PREPARATION,
        Advice.Status.DRAFT,
        Advice.Status.CONSULTATION,
    ):
        raise AdviceError(
            _("Bij status '%(status)s' kan de tekst niet meer veranderen.")
            % {"status": advice.get_status_display()}
        )
    clean = clean_html(text)
    if not clean.strip():
        raise AdviceError(_("De tekst is leeg."), field="text")
    number = (advice.versions.aggregate(m=Max("number"))["m"] or 0) + 1
    version = AdviceVersion.objects.create(
        advice=advice, number=number, text=clean, change_note=change_note.strip()[:500], author=by
    )
    if advice.status == Advice.Status.PREPARATION:
        _move(advice, to=Advice.Status.DRAFT, by=by, note=_("Eerste conceptversie"))
        advice.save()
    audit_record(actor=by, action="advice.version_added", obj=advice, data={"version": number})
    return version


def can_comment(user, advice: Advice) -> bool:
    if not user.has_perm("adviezen.comment_advice"):
        return False
    if user.has_perm("adviezen.view_internal"):
        return advice.status in Advice.DRAFTING
    return user.has_perm("adviezen.consult_advice") and advice.status == Advice.Status.CONSULTATION


@transaction.atomic
def comment_add(*, version: AdviceVersion, by, text: str) -> Comment:
    """Members comment on a draft; policy advisors only while it is in consultation."""
    advice = version.advice
    if not can_comment(by, advice):
        raise PermissionDenied
    text = text.strip()
    if not text:
        raise AdviceError(_("Schrijf eerst je reactie."), field="text")
    comment = Comment.objects.create(version=version, author=by, text=text[:5000])
    audit_record(actor=by, action="advice.commented", obj=advice)
    return comment


# --- voting -----------------------------------------------------------------------------


@transaction.atomic
def ballot_open(
    *,
    advice: Advice,
    by,
    deadline: datetime.datetime | None = None,
    meeting=None,
    agenda_item=None,
) -> Ballot:
    """Open a vote on the current version, in a meeting or in writing with a deadline.

    The eligible voters (members with a term covering today, chair included) are frozen now.
    """
    _require(by, "adviezen.manage_ballot")
    advice = _advice_locked(advice)
    if meeting is None and deadline is None:
        raise AdviceError(
            _("Kies een vergadering of geef een sluitingsdatum voor een schriftelijke stemming."),
            field="deadline",
        )
    if deadline is not None and deadline <= timezone.now():
        raise AdviceError(_("De sluitingsdatum ligt in het verleden."), field="deadline")
    version = advice.versions.order_by("-number").first()
    if version is None:
        raise AdviceError(_("Er is nog geen conceptversie om over te stemmen."))
    _move(advice, to=Advice.Status.VOTING, by=by)
    advice.save()
    today = timezone.localdate()
    cs = council_settings_get()
    voters = list(active_members_on(today).values_list("pk", flat=True))
    if not voters:
        raise AdviceError(_("Er zijn vandaag geen stemgerechtigde leden."))
    ballot = Ballot.objects.create(
        advice=advice,
        version=version,
        opened_by=by,
        opened_on=today,
        deadline=deadline,
        meeting=meeting,
        agenda_item=agenda_item,
        threshold_percent=cs.approval_threshold_percent,
        basis=cs.approval_basis,
        quorum_percent=cs.quorum_percent,
        eligible_count=len(voters),
    )
    BallotVoter.objects.bulk_create([BallotVoter(ballot=ballot, member_id=pk) for pk in voters])
    audit_record(
        actor=by,
        action="ballot.opened",
        obj=advice,
        data={"ballot": ballot.pk, "version": version.number, "eligible": len(voters)},
    )
    return ballot


def vote_cast(*, ballot: Ballot, member, choice: str) -> Vote:
    """Cast or change a vote while the ballot is open.

    The ballot row lock serialises a member's parallel posts, and the unique constraint on
    (ballot, member) keeps one row whatever happens (SECURITY.md 15, 16).
    """
    if choice not in Vote.Choice.values:
        raise AdviceError(_("Kies voor, tegen of onthouding."), field="choice")
    for _attempt in range(3):
        try:
            return _vote_cast(ballot_id=ballot.pk, member=member, choice=choice)
        except IntegrityError:
            continue
    raise AdviceError(_("Je stem kon niet worden opgeslagen. Probeer het opnieuw."))


@transaction.atomic
def _vote_cast(*, ballot_id: int, member, choice: str) -> Vote:
    ballot = Ballot.objects.select_for_update().get(pk=ballot_id)
    if not ballot.is_open or (ballot.deadline and ballot.deadline <= timezone.now()):
        raise AdviceError(_("Deze stemming is gesloten; je kunt niet meer stemmen."))
    if not BallotVoter.objects.filter(ballot=ballot, member_id=member.pk).exists():
        raise AdviceError(_("Je bent niet stemgerechtigd bij deze stemming."))
    vote, created = Vote.objects.update_or_create(
        ballot=ballot, member_id=member.pk, defaults={"choice": choice}
    )
    audit_record(
        actor=member,
        action="vote.cast" if created else "vote.changed",
        data={"ballot": ballot.pk},
    )
    return vote


@transaction.atomic
def ballot_close(*, ballot: Ballot, by=None) -> Ballot:
    """Close by hand (chair or secretary) or at the deadline (``by=None``, periodic task).

    Carried → *vastgesteld* on this version; not carried → back to *concept*, result kept.
    """
    if by is not None:
        _require(by, "adviezen.manage_ballot")
    advice = Advice.objects.select_for_update().get(pk=ballot.advice_id)
    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
    if not ballot.is_open:
        raise AdviceError(_("Deze stemming is al gesloten."))
    if by is None and (ballot.deadline is None or ballot.deadline > timezone.now()):
        raise AdviceError(_("De sluitingsdatum van deze stemming is nog niet bereikt."))
    counts = {c: 0 for c in Vote.Choice.values}
    for choice in ballot.votes.values_list("choice", flat=True):
        counts[choice] += 1
    ballot.yes_count = counts["yes"]
    ballot.against_count = counts["against"]
    ballot.abstain_count = counts["abstain"]
    carried = rules.ballot_is_carried(
        yes=ballot.yes_count,
        against=ballot.against_count,
        abstain=ballot.abstain_count,
        eligible=ballot.eligible_count,
        threshold=ballot.threshold_percent,
        basis=ballot.basis,
        quorum=ballot.quorum_percent,
    )
    ballot.outcome = Ballot.Outcome.CARRIED if carried else Ballot.Outcome.NOT_CARRIED
    ballot.status = Ballot.Status.CLOSED
    ballot.closed_at = timezone.now()
    ballot.closed_by = by
    ballot.save()
    note = _("Stemming: %(voor)s voor, %(tegen)s tegen, %(ont)s onthouding van %(n)s") % {
        "voor": ballot.yes_count,
        "tegen": ballot.against_count,
        "ont": ballot.abstain_count,
        "n": ballot.eligible_count,
    }
    if carried:
        _move(advice, to=Advice.Status.APPROVED, by=by, note=note)
        _approve(advice, ballot.version)
    else:
        _move(advice, to=Advice.Status.DRAFT, by=by, note=note)
    advice.save()
    audit_record(
        actor=by or "systeem",
        action="ballot.closed",
        obj=advice,
        data={"ballot": ballot.pk, "outcome": ballot.outcome, **counts},
    )
    return ballot


def _approve(advice: Advice, version: AdviceVersion) -> None:
    advice.approved_version = version
    advice.final_text = version.text
    advice.approved_at = timezone.now()


@transaction.atomic
def advice_chair_approve(*, advice: Advice, by, reason: str) -> Advice:
    """The chair approves the current draft on their own authority, with a reason (recorded).

    An open ballot on the advice lapses (*vervallen*)."""
    _require(by, "adviezen.approve_advice")
    reason = (reason or "").strip()
    if not reason:
        raise AdviceError(_("Geef de reden voor vaststelling op eigen gezag."), field="reason")
    advice = _advice_locked(advice)
    version = advice.versions.order_by("-number").first()
    if version is None:
        raise AdviceError(_("Er is nog geen conceptversie om vast te stellen."))
    _move(advice, to=Advice.Status.APPROVED, by=by, note=reason)
    for ballot in Ballot.objects.select_for_update().filter(advice=advice, status="open"):
        ballot.status = Ballot.Status.CLOSED
        ballot.outcome = Ballot.Outcome.SUPERSEDED
        ballot.closed_at, ballot.closed_by = timezone.now(), by
        ballot.save()
    _approve(advice, version)
    advice.chair_approved_by = by
    advice.chair_approval_reason = reason
    advice.save()
    audit_record(actor=by, action="advice.chair_approved", obj=advice, data={"reason": reason})
    return advice


@transaction.atomic
def advice_sign(*, advice: Advice, by) -> Advice:
    """The chair signs an approved formal advice on behalf of the members (recorded)."""
    _require(by, "adviezen.approve_advice")
    advice = _advice_locked(advice)
    if advice.status != Advice.Status.APPROVED or not advice.is_formal:
        raise AdviceError(_("Alleen een vastgesteld formeel advies kan worden ondertekend."))
    if advice.signed_at is not None:
        raise AdviceError(_("Dit advies is al ondertekend."))
    advice.signed_by, advice.signed_at = by, timezone.now()
    advice.save()
    audit_record(actor=by, action="advice.signed", obj=advice)
    return advice


@transaction.atomic
def advice_send(*, advice: Advice, by) -> Advice:
    """Send the signed letter to the college (background task that sends exactly once)."""
    _require(by, "adviezen.manage_advice")
    advice = _advice_locked(advice)
    if advice.status == Advice.Status.APPROVED and advice.is_formal and advice.signed_at is None:
        raise AdviceError(_("De voorzitter moet het advies eerst ondertekenen."))
    _move(advice, to=Advice.Status.SENT, by=by)
    advice.send_requested_at = timezone.now()
    advice.letter_date = timezone.localdate()
    advice.save()
    enqueue("adviezen.tasks.send_advice", advice.pk)
    return advice


def letter_context(advice: Advice) -> dict:
    cs = council_settings_get()
    return {
        "advice": advice,
        "council": cs,
        "text": advice.final_text,
        "letter_date": advice.letter_date or timezone.localdate(),
        "signer": advice.signed_by,
    }


def letter_pdf(advice: Advice) -> bytes:
    from adviesraad.pdf import render_pdf

    return render_pdf("adviezen/pdf/letter.html", letter_context(advice))


@transaction.atomic
def advice_letter_deliver(*, advice_id: int) -> bool:
    """Render and e-mail the letter once: college in *to*, policy advisors in *cc*, PDF attached.

    Guarded by the row lock, ``sent_at`` and the unique ``AdviceDelivery`` row, so a repeated or
    redelivered task sends nothing. A mail failure rolls back and the task retries.
    """
    from adviesraad.mail import build_email

    advice = Advice.objects.select_for_update().get(pk=advice_id)
    if advice.sent_at is not None or advice.status != Advice.Status.SENT:
        return False
    if AdviceDelivery.objects.filter(advice=advice).exists():
        return False
    cs = council_settings_get()
    pdf = letter_pdf(advice)
    filename = f"{advice.reference}.pdf"
    cc = [cs.advisors_email] if cs.advisors_email else []
    AdviceDelivery.objects.create(advice=advice, to=cs.college_email, cc=",".join(cc))
    msg = build_email(
        template_prefix="adviezen/email/advice_letter",
        context={"advice": advice, "council": cs},
        to=[cs.college_email],
        cc=cc,
        attachments=[(filename, pdf, "application/pdf")],
    )
    msg.send()
    advice.letter_pdf.save(f"adviezen/brieven/{advice.reference}.pdf", ContentFile(pdf), save=False)
    advice.sent_at = timezone.now()
    advice.save(update_fields=["letter_pdf", "sent_at", "updated_at"])
    audit_record(actor="systeem", action="advice.sent", obj=advice, data={"to": cs.college_email})
    return True


@transaction.atomic
def advice_publish(*, advice: Advice, by, public_note: bool = True, summary: str = "") -> Advice:
    """Publish a sent formal advice; share an informal recommendation with the members as a
    summary, optionally shown on the site as a short note."""
    _require(by, "adviezen.manage_advice")
    advice = _advice_locked(advice)
    if summary.strip():
        advice.summary = summary.strip()[:2000]
    if advice.is_formal:
        if advice.status == Advice.Status.SENT and advice.sent_at is None:
            raise AdviceError(_("Het advies is nog niet verzonden; wacht tot het verstuurd is."))
        _move(advice, to=Advice.Status.PUBLISHED, by=by)
        advice.is_public = True
    else:
        if not advice.summary:
            raise AdviceError(_("Schrijf een samenvatting voor de leden."), field="summary")
        _move(advice, to=Advice.Status.PUBLISHED, by=by)
        advice.is_public = bool(public_note)
    advice.published_at = timezone.now()
    advice.save()
    public_changed()
    return advice


@transaction.atomic
def college_response_register(
    *,
    advice: Advice,
    by,
    received_on: datetime.date,
    summary: str,
    document=None,
) -> CollegeResponse:
    _require(by, "adviezen.manage_advice")
    advice = _advice_locked(advice)
    if advice.status not in (Advice.Status.SENT, Advice.Status.PUBLISHED) or not advice.is_formal:
        raise AdviceError(_("Een reactie hoort bij een verzonden formeel advies."))
    if CollegeResponse.objects.filter(advice=advice).exists():
        raise AdviceError(_("De reactie van het college is al vastgelegd."))
    if advice.sent_at and received_on < timezone.localtime(advice.sent_at).date():
        raise AdviceError(
            _("De reactie kan niet van voor de verzending zijn."), field="received_on"
        )
    response = CollegeResponse(
        advice=advice, received_on=received_on, summary=summary.strip(), registered_by=by
    )
    if document is not None:
        from adviesraad.uploads import generated_name, validate_upload

        checked = validate_upload(document)
        response.document.save(
            generated_name("adviezen/reacties", checked.kind), document, save=False
        )
        response.document_name = checked.original_name
    response.save()
    audit_record(actor=by, action="advice.response_registered", obj=advice)
    public_changed()
    return response


def ballots_close_expired(*, now: datetime.datetime | None = None) -> int:
    """Close every open ballot past its deadline (periodic task); each in its own transaction."""
    now = now or timezone.now()
    closed = 0
    for pk in Ballot.objects.filter(status="open", deadline__lte=now).values_list("pk", flat=True):
        try:
            ballot_close(ballot=Ballot.objects.get(pk=pk))
            closed += 1
        except AdviceError:
            continue
    return closed
