"""Advices and their texts: registering a request or an unsolicited advice, the simple workflow
steps, new versions (sanitised rich text) and comments (docs/rules.md, D15). Voting, approval,
sending and publication have their own modules."""

from __future__ import annotations

import datetime
import re
from typing import Any

import nh3
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _

from adviesraad.audit import audit_record
from adviesraad.transitions import locked, transition

from .. import rules
from ..models import Advice, AdviceVersion, Comment, Dossier, Signal
from .common import AdviceError, require, store_upload

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


def clean_html(text: str) -> str:
    """Sanitise rich text with an allow-list, so that no script or event handler reaches a page
    (docs/rules.md, S10).

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


def _next_reference(year: int) -> str:
    """The next reference of the year: ``AR-<year>-001``, ``AR-<year>-002``, …"""
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
    by: Any,
    title: str,
    origin: str,
    kind: str,
    domain: str,
    dossier: Dossier | None = None,
    working_group: Any = None,
    signal: Signal | None = None,
    request_date: datetime.date | None = None,
    deadline: datetime.date | None = None,
    request_document: Any = None,
    summary: str = "",
) -> Advice:
    """Register a request from the college (request date, deadline, document) or an
    unsolicited advice. Starts as *adviesaanvraag* or *geïnitieerd*."""
    require(by, "adviezen.manage_advice")
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
        advice.request_document_name = store_upload(
            advice.request_document, request_document, folder="adviezen/aanvragen"
        )
    advice.save()
    advice.transitions.create(from_status="", to_status=status, by=by)
    audit_record(actor=by, action="advice.created", obj=advice)
    return advice


@transaction.atomic
def advice_transition(*, advice: Advice, by: Any, to: str, note: str = "") -> Advice:
    """The simple steps (``rules.MANUAL_STEPS``): start preparation, to consultation, back to
    draft, withdraw (from any state before sending). Not while a vote is open; consultation
    needs a version.

    Voting, approval, sending and publication have their own services.
    """
    if not (by.has_perm(rules.MANAGE) or by.has_perm(rules.APPROVE)):
        raise PermissionDenied
    if to not in rules.MANUAL_STEPS:
        raise AdviceError(_("Deze stap gaat via een eigen knop."))
    advice = locked(advice)
    if to == Advice.Status.CONSULTATION and not advice.versions.exists():
        raise AdviceError(_("Er is nog geen conceptversie om voor te leggen."))
    if advice.status == Advice.Status.VOTING:
        raise AdviceError(_("Sluit eerst de stemming."))
    transition(advice, to=to, by=by, note=note, error=AdviceError)
    advice.save()
    return advice


@transaction.atomic
def advice_version_add(
    *, advice: Advice, by: Any, text: str, change_note: str = ""
) -> AdviceVersion:
    """Save a new draft text (nh3-sanitised) while ``rules.text_may_change``. The first version
    moves *in voorbereiding* to *concept*."""
    require(by, rules.WRITE)
    advice = locked(advice)
    if not rules.text_may_change(advice.status):
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
        transition(
            advice, to=Advice.Status.DRAFT, by=by, note=_("Eerste conceptversie"), error=AdviceError
        )
        advice.save()
    audit_record(actor=by, action="advice.version_added", obj=advice, data={"version": number})
    return version


@transaction.atomic
def comment_add(*, version: AdviceVersion, by: Any, text: str) -> Comment:
    """Members comment on a draft; policy advisors only while it is in consultation
    (``rules.may_comment``)."""
    advice = version.advice
    perms = {p for p in rules.ADVICE_PERMISSIONS if by.has_perm(p)}
    if not rules.may_comment(status=advice.status, perms=perms):
        raise PermissionDenied
    text = text.strip()
    if not text:
        raise AdviceError(_("Schrijf eerst je reactie."), field="text")
    comment = Comment.objects.create(version=version, author=by, text=text[:5000])
    audit_record(actor=by, action="advice.commented", obj=advice)
    return comment
