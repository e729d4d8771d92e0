"""Writes around log-in: the reset mail, the second factor and its recovery codes.

Each service says its rule; the log-in views (``members.auth_views``) call these.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from adviesraad.audit import audit_record
from adviesraad.errors import DomainError
from adviesraad.queue import enqueue

from . import roles, rules
from .models import User
from .selectors import council_settings_get
from .throttle import normalise_email

RECOVERY_CODES = 10


class LoginError(DomainError):
    pass


# --- password reset --------------------------------------------------------------------------


def password_reset_request(*, users: list[User]) -> None:
    """Queue the reset mail for ``users`` (the active accounts with this address; none for an
    unknown address).

    The same work happens for a known and an unknown address (one queued task, with zero or
    more ids), and the mail is sent by the task, so the answer takes the same time either way
    and does not reveal whether an address exists (docs/rules.md, S7). (Without a broker, as
    in ``make run``, the task runs in-process after commit and the answer waits for it.)
    """
    with transaction.atomic():
        enqueue("members.tasks.password_reset_mail_send", *[u.pk for u in users])


def password_reset_mail_send(*, user_id: int) -> bool:
    """Mail a one-time reset link to an active user with a usable password (Django's rule for
    password reset: deactivated members have none). The link expires after
    ``PASSWORD_RESET_TIMEOUT`` and points at ``SITE_URL``, never at a host a request named."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_usable_password() or not user.email:
        return False
    site = urlsplit(settings.SITE_URL)
    context = {
        "email": user.email,
        "domain": site.netloc,
        "site_name": council_settings_get().name,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": site.scheme or "https",
    }
    PasswordResetForm().send_mail(
        "registration/password_reset_subject.txt",
        "registration/password_reset_email.html",
        context,
        settings.DEFAULT_FROM_EMAIL,
        user.email,
    )
    return True


def password_reset_completed(*, user: User) -> None:
    """After a new password was set from a reset link: the person proved they read the
    account's mail, so a log-in lock on the account is lifted (the lock page says so)."""
    from axes.utils import reset as axes_reset

    axes_reset(username=normalise_email(user.email))
    audit_record(actor=user, action="auth.password_reset", obj=user)


# --- the second factor -----------------------------------------------------------------------


def second_factor_required_for(user: User) -> bool:
    """Whether ``user`` must log in with a second factor: the council requires it
    (``CouncilSettings.second_factor_required``) and the user is secretary, treasurer or
    chair (``roles.SECOND_FACTOR_ROLES``)."""
    return rules.second_factor_required(
        role_names=user.role_names(),
        council_requires=council_settings_get().second_factor_required,
        roles_that_need_it=roles.SECOND_FACTOR_ROLES,
    )


def has_second_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_factor_verify(*, user: User, token: str) -> Device | None:
    """The device that accepts ``token`` at the log-in code step, or ``None``.

    Six digits are a code from the authenticator app; anything else is tried as a recovery
    code, which works once (django-otp deletes it when used). django-otp slows down guessing
    per device after a wrong code.
    """
    token = "".join(token.split()).replace("-", "").lower()
    # The device rows are locked, so one code cannot be used twice by two requests at once.
    with transaction.atomic():
        if token.isdigit() and len(token) == 6:
            for device in TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True):
                if device.verify_token(token):
                    return device
            return None
        for static in StaticDevice.objects.select_for_update().filter(user=user, confirmed=True):
            if static.verify_token(token):
                audit_record(actor=user, action="auth.recovery_code_used", obj=user)
                return static
    return None


def totp_device_start(*, user: User) -> TOTPDevice:
    """Start setting up an authenticator app: one unconfirmed device per person, reused when
    set-up is started again. Only a POST calls this (a GET creates nothing)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, user: User, device: TOTPDevice, token: str) -> list[str]:
    """Turn the second factor on when ``token`` is the app's current code, and return fresh
    recovery codes (shown once)."""
    if device.user_id != user.pk or device.confirmed:
        raise LoginError(_("Deze koppeling is al afgerond of hoort niet bij jou."))
    if not device.verify_token(token):
        raise LoginError(
            _("Deze code klopt niet. Controleer de tijd op je telefoon en probeer het opnieuw."),
            field="token",
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    audit_record(actor=user, action="auth.otp_enabled", obj=user)
    return _recovery_codes_replace(user)


@transaction.atomic
def recovery_codes_renew(*, user: User) -> list[str]:
    """New recovery codes for someone with the second factor on; the old codes stop working."""
    if not has_second_factor(user):
        raise LoginError(_("Zet eerst tweestapsverificatie aan."))
    codes = _recovery_codes_replace(user)
    audit_record(actor=user, action="auth.recovery_codes_renewed", obj=user)
    return codes


def _recovery_codes_replace(user: User) -> list[str]:
    """``RECOVERY_CODES`` one-time codes (django-otp static tokens); each works once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="herstelcodes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def second_factor_disable(*, user: User) -> None:
    """Turn the second factor off (app and recovery codes), unless the council requires it of
    this person."""
    if second_factor_required_for(user):
        raise LoginError(
            _("Je rol vraagt om tweestapsverificatie. Daarom kun je die niet uitzetten.")
        )
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_record(actor=user, action="auth.otp_disabled", obj=user)
