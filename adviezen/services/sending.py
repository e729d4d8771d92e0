"""From an approved advice to the college and the public (docs/rules.md, D15, D18).

The chair signs an approved formal advice; the secretary sends it: the letter is rendered as a
PDF and e-mailed once to the college with the policy advisors in copy (background task). A sent
formal advice is then published on the site; an informal recommendation is shared with the
members as a summary and may be shown on the site as a short note. The college's response is
registered against a sent formal advice.

Every change to what the anonymous public sees (a publication, a college response) calls
``adviesraad.pagecache.public_changed()`` inside its transaction.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from adviesraad.audit import audit_record
from adviesraad.pagecache import public_changed
from adviesraad.queue import enqueue
from adviesraad.transitions import locked, transition
from adviesraad.uploads import discard_on_rollback
from members.selectors import council_settings_get

from .. import rules
from ..models import Advice, AdviceDelivery, CollegeResponse
from .common import AdviceError, require, store_upload


@transaction.atomic
def advice_sign(*, advice: Advice, by: Any) -> Advice:
    """The chair signs an approved formal advice on behalf of the members (recorded)."""
    require(by, "adviezen.approve_advice")
    advice = locked(advice)
    if advice.status != Advice.Status.APPROVED or not advice.is_formal:
        raise AdviceError(_("Alleen een vastgesteld formeel advies kan worden ondertekend."))
    if advice.signed_at is not None:
        raise AdviceError(_("Dit advies is al ondertekend."))
    advice.signed_by, advice.signed_at = by, timezone.now()
    advice.save()
    audit_record(actor=by, action="advice.signed", obj=advice)
    return advice


@transaction.atomic
def advice_send(*, advice: Advice, by: Any) -> Advice:
    """Send the signed letter to the college (background task that sends exactly once)."""
    require(by, "adviezen.manage_advice")
    advice = locked(advice)
    signed = advice.signed_at is not None
    if (
        advice.status == Advice.Status.APPROVED
        and advice.is_formal
        and not rules.letter_may_be_sent(signed=signed)
    ):
        raise AdviceError(_("De voorzitter moet het advies eerst ondertekenen."))
    transition(advice, to=Advice.Status.SENT, by=by, error=AdviceError)
    advice.send_requested_at = timezone.now()
    advice.letter_date = timezone.localdate()
    advice.save()
    enqueue("adviezen.tasks.send_advice", advice.pk)
    return advice


def letter_context(advice: Advice) -> dict:
    """The letter's template context: the approved text, dated the day it was sent, signed by
    the chair on behalf of the members. Before the chair signs, the letter is a concept: it
    says so on every page, and the chair's name is left to be filled in at signing."""
    signer = advice.signed_by
    return {
        "advice": advice,
        "council": council_settings_get(),
        "text": advice.final_text,
        "letter_date": advice.letter_date or timezone.localdate(),
        "concept": advice.signed_at is None,
        "signer_name": (signer.get_full_name() or signer.email) if signer is not None else "",
    }


def letter_pdf(advice: Advice) -> bytes:
    """The advice letter as a PDF (``templates/adviezen/pdf/letter.html``)."""
    from adviesraad.pdf import render_pdf

    return render_pdf("adviezen/pdf/letter.html", letter_context(advice), public=True)


def letter_pdf_as_sent(advice: Advice) -> bytes:
    """The letter as it went to the college (the stored PDF), or rendered now from the
    approved text when it has not been sent yet."""
    if advice.letter_pdf:
        with advice.letter_pdf.open("rb") as fh:
            return fh.read()
    return letter_pdf(advice)


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
    discard_on_rollback(advice.letter_pdf.name)
    advice.sent_at = timezone.now()
    advice.save(update_fields=["letter_pdf", "sent_at", "updated_at"])
    audit_record(actor="systeem", action="advice.sent", obj=advice, data={"to": cs.college_email})
    return True


@transaction.atomic
def advice_publish(
    *, advice: Advice, by: Any, public_note: bool = False, summary: str = ""
) -> Advice:
    """Publish a sent formal advice (once its letter went out) on the site; share an informal
    recommendation with the members as a summary, shown on the site as a short note only when
    the secretary chose so (``public_note``; a formal advice ignores it)."""
    require(by, "adviezen.manage_advice")
    advice = locked(advice)
    if summary.strip():
        advice.summary = summary.strip()[:2000]
    if advice.is_formal:
        if advice.status == Advice.Status.SENT and advice.sent_at is None:
            raise AdviceError(_("Het advies is nog niet verzonden; wacht tot het verstuurd is."))
        transition(advice, to=Advice.Status.PUBLISHED, by=by, error=AdviceError)
        advice.is_public = True
    else:
        if not advice.summary:
            raise AdviceError(_("Schrijf een samenvatting voor de leden."), field="summary")
        transition(advice, to=Advice.Status.PUBLISHED, by=by, error=AdviceError)
        advice.is_public = bool(public_note)
    advice.published_at = timezone.now()
    advice.save()
    public_changed()
    return advice


@transaction.atomic
def college_response_register(
    *,
    advice: Advice,
    by: Any,
    received_on: datetime.date,
    summary: str,
    document: Any = None,
) -> CollegeResponse:
    """Register the college's response to a sent formal advice, once, received no earlier than
    the advice was sent. The public list and page show it."""
    require(by, "adviezen.manage_advice")
    advice = locked(advice)
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
        response.document_name = store_upload(
            response.document, document, folder="adviezen/reacties"
        )
    response.save()
    audit_record(actor=by, action="advice.response_registered", obj=advice)
    public_changed()
    return response
