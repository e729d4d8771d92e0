"""Log-in with a second factor (TOTP and recovery codes, django-otp), and password reset.

Step one checks e-mail and password (throttled by django-axes). A user with a confirmed TOTP
device is not logged in yet: the session remembers who passed step one and step two asks for
the six-digit code or one of the recovery codes. When the council requires the second factor
of a role (``CouncilSettings.second_factor_required``), someone in that role without one is
logged in but sent to set it up before any other page
(``members.middleware.SecondFactorSetupMiddleware``).
The admin uses this same log-in (``members.admin_site``).
"""

import base64
import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, View
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from adviesraad.audit import audit_record
from adviesraad.errors import DomainError
from adviesraad.views_mixins import form_error_from, message_error

from . import auth_services, roles, throttle
from .forms import EmailAuthenticationForm, LoginCodeForm, OTPTokenForm
from .middleware import SETUP_REQUIRED_KEY
from .models import User

PENDING_KEY = "otp_pending_user"
PENDING_NEXT = "otp_pending_next"
PENDING_TRIES = "otp_pending_tries"
MAX_TRIES = 5


def _safe_next(request, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if auth_services.has_second_factor(user):
            self.request.session[PENDING_KEY] = user.pk
            self.request.session[PENDING_NEXT] = _safe_next(self.request, self.get_redirect_url())
            self.request.session[PENDING_TRIES] = 0
            return redirect("login_verify")
        response = super().form_valid(form)
        if auth_services.second_factor_required_for(user):
            # Logged in, but every page except set-up and log-out waits for the second factor.
            self.request.session[SETUP_REQUIRED_KEY] = True
            return redirect("two_factor")
        return response


class LoginVerifyView(FormView):
    form_class = LoginCodeForm
    template_name = "registration/login_verify.html"

    def dispatch(self, request, *args, **kwargs):
        pk = request.session.get(PENDING_KEY)
        self.pending = User.objects.filter(pk=pk, is_active=True).first() if pk else None
        if self.pending is None:
            return redirect("login")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        session = self.request.session
        device = auth_services.second_factor_verify(
            user=self.pending, token=form.cleaned_data["token"]
        )
        if device is not None:
            next_url = session.pop(PENDING_NEXT, None)
            session.pop(PENDING_KEY, None)
            session.pop(PENDING_TRIES, None)
            login(self.request, self.pending, backend="django.contrib.auth.backends.ModelBackend")
            otp_login(self.request, device)
            return redirect(next_url or settings.LOGIN_REDIRECT_URL)
        session[PENDING_TRIES] = session.get(PENDING_TRIES, 0) + 1
        audit_record(actor=self.pending, action="auth.otp_failed", obj=self.pending)
        if session[PENDING_TRIES] >= MAX_TRIES:
            session.pop(PENDING_KEY, None)
            messages.error(self.request, _("Te vaak een verkeerde code. Log opnieuw in."))
            return redirect("login")
        form.add_error(
            "token",
            _("Deze code klopt niet. Probeer de nieuwste code uit je app, of een herstelcode."),
        )
        return self.form_invalid(form)


def _qr_data_uri(device: TOTPDevice) -> str:
    img = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buf = io.BytesIO()
    img.save(buf)
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode()


def _show_recovery_codes(request, codes: list[str]):
    """The recovery codes, once: they are not stored anywhere the page could show them again."""
    return render(
        request,
        "members/recovery_codes.html",
        {"codes": codes, "next_url": reverse(settings.LOGIN_REDIRECT_URL)},
    )


@method_decorator(never_cache, name="dispatch")
class TwoFactorSetupView(LoginRequiredMixin, View):
    """Turn the second factor on: start (POST), scan the QR code, confirm with a code (POST).

    A GET only shows the state; it never creates a device (issue 14 finding 9).
    """

    template_name = "members/two_factor.html"

    def _device(self):
        devices = TOTPDevice.objects.filter(user=self.request.user).order_by("-confirmed", "-id")
        return devices.first()

    def _render(self, form=None, status=200):
        user = self.request.user
        device = self._device()
        ctx = {
            "device": device,
            "form": form or OTPTokenForm(),
            "required": auth_services.second_factor_required_for(user),
            "recommended": bool(set(user.role_names()) & roles.SECOND_FACTOR_ROLES),
        }
        if device is not None and not device.confirmed:
            ctx["qr_data_uri"] = _qr_data_uri(device)
            ctx["secret"] = base64.b32encode(device.bin_key).decode()
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request):
        return self._render()

    def post(self, request):
        if request.POST.get("action") == "start":
            auth_services.totp_device_start(user=request.user)
            return redirect("two_factor")
        form = OTPTokenForm(request.POST)
        device = self._device()
        if device is None or device.confirmed:
            return redirect("two_factor")
        if not form.is_valid():
            return self._render(form)
        try:
            codes = auth_services.totp_device_confirm(
                user=request.user, device=device, token=form.cleaned_data["token"]
            )
        except DomainError as exc:
            form_error_from(form, exc)
            return self._render(form)
        otp_login(request, device)
        messages.success(request, _("Tweestapsverificatie staat aan."))
        return _show_recovery_codes(request, codes)


@method_decorator(never_cache, name="dispatch")
class RecoveryCodesRenewView(LoginRequiredMixin, View):
    """New recovery codes (POST only), shown once; the old ones stop working."""

    http_method_names = ["post"]

    def post(self, request):
        if not request.user.is_verified():
            raise PermissionDenied
        try:
            codes = auth_services.recovery_codes_renew(user=request.user)
        except DomainError as exc:
            message_error(request, exc)
            return redirect("two_factor")
        return _show_recovery_codes(request, codes)


class TwoFactorDisableView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        try:
            auth_services.second_factor_disable(user=request.user)
        except DomainError as exc:
            message_error(request, exc)
            return redirect("two_factor")
        messages.success(request, _("Tweestapsverificatie staat uit."))
        return redirect("members:profile")


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link: limited per address and per client (``members.throttle``); the
    mail goes out in the background, so the answer is the same, in the same time, for a known
    and an unknown address."""

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if throttle.password_reset_limited(self.request, email):
            form.add_error(
                "email",
                _(
                    "Er is te vaak een nieuw wachtwoord aangevraagd voor dit adres of vanaf "
                    "deze verbinding. Probeer het over een uur opnieuw."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        auth_services.password_reset_request(users=list(form.get_users(email)))
        return redirect(self.get_success_url())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Set a new password from the link; this also lifts a log-in lock on the account."""

    def form_valid(self, form):
        response = super().form_valid(form)
        auth_services.password_reset_completed(user=self.user)
        return response


__all__ = [
    "LoginView",
    "LoginVerifyView",
    "PasswordResetConfirmView",
    "PasswordResetView",
    "RecoveryCodesRenewView",
    "TwoFactorSetupView",
    "TwoFactorDisableView",
    "BACKEND_SESSION_KEY",
]
