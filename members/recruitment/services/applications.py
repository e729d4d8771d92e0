"""Applications from the public form, and the e-mails to applicants (docs/rules.md, D31).

Messages to the broker carry the application's id and the kind of e-mail only (S20); the
task reads the address when it runs, so an application erased in between gets nothing.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from adviesraad.audit import audit_record
from adviesraad.mail import build_email
from adviesraad.queue import enqueue
from adviesraad.uploads import PDF, discard_on_rollback, generated_name
from members.selectors import council_settings_get

from .. import rules
from ..models import Application, Vacancy
from .common import RecruitmentError

CV_FOLDER = "sollicitaties"
MAIL_TASK = "members.recruitment.tasks.send_applicant_mail"
# kind → (template prefix, the field that records it went out: the status guard)
APPLICANT_MAILS = {
    "confirmation": ("members/email/application_received", "confirmation_sent_at"),
    "rejection": ("members/email/application_rejected", "rejection_sent_at"),
}


def duplicate_message() -> str:
    return _(
        "Met dit e-mailadres is al gesolliciteerd op deze vacature. U hoeft niet opnieuw te "
        "solliciteren; wilt u iets aanvullen, mail dan het secretariaat."
    )


@transaction.atomic
def application_submit(
    *,
    vacancy: Vacancy,
    first_name: str,
    last_name: str,
    email: str,
    phone: str,
    motivation: str,
    reserve_pool: bool,
    cv: UploadedFile | None = None,
    cv_original_name: str = "",
    today: datetime.date | None = None,
) -> Application:
    """Store an application from the public form and queue the Dutch confirmation e-mail.

    Refused, with nothing stored, after the closing date (D31) and when this e-mail address
    (whatever its capitals) already applied for this vacancy. The CV, checked by the form
    (PDF by content, size-limited), is stored under a generated name outside any public URL.
    """
    today = today or timezone.localdate()
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)  # one at a time per vacancy
    if not rules.accepts_applications(
        published=vacancy.status == Vacancy.Status.PUBLISHED,
        closes_on=vacancy.closes_on,
        today=today,
    ):
        raise RecruitmentError(
            _(
                "Solliciteren op deze vacature kan niet meer: de sluitingsdatum (%(datum)s) is "
                "voorbij. Kijk bij de andere vacatures of mail het secretariaat."
            )
            % {"datum": date_format(vacancy.closes_on, "j F Y")}
        )
    email = email.strip()
    if vacancy.applications.filter(email__iexact=email).exists():
        raise RecruitmentError(duplicate_message(), field="email")
    application = Application(
        vacancy=vacancy,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email,
        phone=phone.strip(),
        motivation=motivation.strip(),
        reserve_pool=reserve_pool,
        consent_at=timezone.now(),
    )
    if cv is not None:
        application.cv.save(generated_name(CV_FOLDER, PDF), cv, save=False)
        discard_on_rollback(application.cv.name)
        application.cv_original_name = cv_original_name[:200]
        application.cv_size = cv.size or 0
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:  # the unique constraint, should two posts race past the check
        if application.cv:
            application.cv.delete(save=False)
        raise RecruitmentError(duplicate_message(), field="email") from None
    audit_record(
        actor="publiek",
        action="application.received",
        obj=application,
        data={"vacancy": vacancy.pk},
    )
    enqueue(MAIL_TASK, application.pk, "confirmation")
    return application


@transaction.atomic
def applicant_mail_send(*, application_id: int, kind: str) -> bool:
    """Send one e-mail to an applicant, once (the ``*_sent_at`` guard under a row lock).

    Nothing goes to an erased application, nor a rejection to someone no longer rejected.
    """
    prefix, sent_field = APPLICANT_MAILS[kind]
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("vacancy")
        .filter(pk=application_id)
        .first()
    )
    if application is None or application.erased_at or not application.email:
        return False
    if getattr(application, sent_field) is not None:
        return False
    if kind == "rejection" and application.status != Application.Status.NOT_SELECTED:
        return False
    context: dict[str, Any] = {
        "application": application,
        "vacancy": application.vacancy,
        "council": council_settings_get(),
        "retention_months": council_settings_get().applicant_retention_months,
    }
    build_email(template_prefix=prefix, context=context, to=[application.email]).send()
    setattr(application, sent_field, timezone.now())
    application.save(update_fields=[sent_field])
    audit_record(actor="systeem", action=f"application.{kind}_sent", obj=application)
    return True
