"""What an irreversible step on an advice will do, in sentences for its confirmation page
(issue 13, defect 8): closing a ballot, the chair's approval on their own authority, signing,
sending to the college, publishing and withdrawing.

Each function reads the facts the step depends on and lets the rules decide
(``rules.ballot_outcome``, ``rules.yes_needed``, ``rules.ballot_may_close``,
``rules.letter_may_be_sent``), then words the decision; the templates only show the lines.
The services apply the same rules when the step is confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from members.selectors import council_settings_get

from . import rules
from .models import Advice, Ballot
from .tally import ballot_tally


@dataclass(frozen=True)
class Consequence:
    """The sentences of a confirmation page.

    ``outcome`` is what the step will decide (a ballot: ``rules.OUTCOME_*``): the confirmation
    posts it back and the service refuses when the votes changed it meanwhile, so nobody
    confirms one thing and gets another. ``blocked`` says why the step cannot be taken now
    (the page then offers no button).
    """

    lines: tuple[str, ...] = ()
    outcome: str = ""
    blocked: str = ""


def ballot_close(*, ballot: Ballot) -> Consequence:
    """Closing ``ballot`` now: the votes cast against the eligible voters, the rule as it stood
    at opening, and so where the advice goes (carried: *vastgesteld* on the version voted on;
    not carried: back to *concept*)."""
    if not ballot.is_open:
        return Consequence(blocked=_("Deze stemming is al gesloten."))
    if not rules.ballot_may_close(
        tally=ballot.tally, counts_recorded=ballot.counts_recorded_at is not None
    ):
        return Consequence(
            blocked=_("Leg eerst de aantallen van de handopsteking vast; sluit daarna de stemming.")
        )
    t = ballot_tally(ballot)
    eligible = ballot.eligible_count
    outcome = rules.ballot_outcome(
        yes=t.yes,
        against=t.against,
        abstain=t.abstain,
        eligible=eligible,
        threshold=ballot.threshold_percent,
        basis=ballot.basis,
        quorum=ballot.quorum_percent,
    )
    lines = [
        _(
            "%(cast)s van %(eligible)s stemmen uitgebracht: %(yes)s voor, %(against)s tegen, "
            "%(abstain)s onthouding."
        )
        % {
            "cast": t.cast,
            "eligible": eligible,
            "yes": t.yes,
            "against": t.against,
            "abstain": t.abstain,
        }
    ]
    if ballot.basis == rules.BASIS_ELIGIBLE:
        lines.append(
            _(
                "Nodig om aan te nemen: %(needed)s stemmen voor (%(threshold)s%% van "
                "%(eligible)s stemgerechtigden)."
            )
            % {
                "needed": rules.yes_needed(eligible=eligible, threshold=ballot.threshold_percent),
                "threshold": ballot.threshold_percent,
                "eligible": eligible,
            }
        )
    else:
        lines.append(
            _(
                "Nodig om aan te nemen: minstens %(quorum)s%% van de stemgerechtigden stemt, en "
                "minstens %(threshold)s%% van de stemmen voor of tegen is voor."
            )
            % {"quorum": ballot.quorum_percent, "threshold": ballot.threshold_percent}
        )
    if outcome == rules.OUTCOME_CARRIED:
        lines.append(
            _("Het advies is dan aangenomen en wordt vastgesteld op versie %(version)s.")
            % {"version": ballot.version.number}
        )
    else:
        lines.append(
            _(
                "Het advies is dan niet aangenomen en gaat terug naar concept. De uitslag blijft bewaard."
            )
        )
    lines.append(_("Na het sluiten kan niemand meer stemmen of een stem wijzigen."))
    return Consequence(lines=tuple(lines), outcome=outcome)


def chair_approve(*, advice: Advice) -> Consequence:
    """The chair approves the current version on their own authority: it becomes the advice's
    text, and an open ballot lapses with the votes cast in it."""
    version = advice.versions.order_by("-number").first()
    if version is None:
        return Consequence(blocked=_("Er is nog geen conceptversie om vast te stellen."))
    lines = [
        _(
            "Het advies wordt vastgesteld op versie %(version)s, op jouw gezag als voorzitter. "
            "Je reden komt in het verloop van het advies."
        )
        % {"version": version.number}
    ]
    ballot = advice.ballots.filter(status=Ballot.Status.OPEN).select_related("version").first()
    if ballot is not None:
        lines.append(
            _(
                "De open stemming vervalt: %(cast)s van %(eligible)s stemmen zijn uitgebracht en "
                "tellen niet meer."
            )
            % {"cast": ballot_tally(ballot).cast, "eligible": ballot.eligible_count}
        )
    lines.append(_("Je kunt dit niet terugdraaien."))
    return Consequence(lines=tuple(lines))


def sign(*, user: Any) -> Consequence:
    """The chair signs on behalf of the members: their name goes under the letter, and the
    secretary may then send it."""
    return Consequence(
        lines=(
            _(
                "Je ondertekent de brief namens de adviesraad: je naam, %(name)s, komt als "
                "voorzitter onder de brief."
            )
            % {"name": user.get_full_name() or user.email},
            _("Daarna kan het secretariaat de brief naar het college versturen."),
            _("Je kunt de ondertekening niet intrekken."),
        )
    )


def send(*, advice: Advice) -> Consequence:
    """Sending to the college: only a signed letter; it goes by e-mail to the college with the
    policy advisors in copy, the day it went is recorded and the college's response term
    starts; the advice can no longer be withdrawn."""
    if not rules.letter_may_be_sent(signed=advice.signed_at is not None):
        return Consequence(blocked=_("De voorzitter moet het advies eerst ondertekenen."))
    cs = council_settings_get()
    lines = [_("De brief gaat als PDF per e-mail naar %(to)s.") % {"to": cs.college_email}]
    if cs.advisors_email:
        lines.append(
            _("De bestuursadviseurs krijgen een kopie op %(cc)s.") % {"cc": cs.advisors_email}
        )
    else:
        lines.append(
            _("Er gaat geen kopie naar de bestuursadviseurs: hun e-mailadres is niet ingesteld.")
        )
    lines += [
        _("De datum van verzending wordt vastgelegd. Het college reageert binnen %(weeks)s weken.")
        % {"weeks": cs.response_deadline_weeks},
        _("Daarna kun je het advies niet meer intrekken."),
    ]
    return Consequence(lines=tuple(lines))


def withdraw(*, advice: Advice) -> Consequence:
    """Withdrawing an advice before it is sent (docs/rules.md, D15): the end of the line,
    nothing more happens with it; not while a vote is open."""
    if advice.status == Advice.Status.VOTING:
        return Consequence(blocked=_("Sluit eerst de stemming."))
    if not advice.can_transition_to(Advice.Status.WITHDRAWN):
        return Consequence(
            blocked=_("Een advies dat al verzonden of gepubliceerd is, kun je niet intrekken.")
        )
    return Consequence(
        lines=(
            _(
                "Het advies wordt ingetrokken: er komen geen nieuwe versies, stemmingen of "
                "verzending meer. Het blijft in de lijst staan met de status ingetrokken."
            ),
            _("Je kunt het intrekken niet terugdraaien."),
        )
    )


def publish(*, advice: Advice) -> Consequence:
    """Publishing: a formal advice goes on the public site; an informal recommendation is shared
    with the members, and on the site as a short note only when the secretary chooses so."""
    if advice.is_formal:
        return Consequence(
            lines=(
                _(
                    "Het advies komt op de openbare website, met de vastgestelde tekst, de brief en "
                    "de samenvatting."
                ),
                _("Je kunt een publicatie niet terugdraaien."),
            )
        )
    return Consequence(
        lines=(
            _("De aanbeveling wordt gedeeld met de leden, met de samenvatting."),
            _(
                "Alleen als je 'Als korte notitie op de website tonen' aanvinkt, staat de "
                "samenvatting ook op de openbare website."
            ),
            _("Je kunt een publicatie niet terugdraaien."),
        )
    )
