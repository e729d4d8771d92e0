"""Log-in with an optional second factor (TOTP, django-otp).

Step one checks e-mail and password (throttled by django-axes). A user with a confirmed TOTP
device is not logged in yet: the session remembers who passed step one and step two asks for
the six-digit code. Secretary, chair and treasurer can turn the second factor on in their profile.
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
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import FormView, View
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from adviesraad.audit import audit_record

from . import roles
from .forms import EmailAuthenticationForm, OTPTokenForm
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
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            self.request.session[PENDING_KEY] = user.pk
            self.request.session[PENDING_NEXT] = _safe_next(self.request, self.get_redirect_url())
            self.request.session[PENDING_TRIES] = 0
            return redirect("login_verify")
        return super().form_valid(form)


class LoginVerifyView(FormView):
    form_class = OTPTokenForm
    template_name = "registration/login_verify.html"

    def dispatch(self, request, *args, **kwargs):
        pk = request.session.get(PENDING_KEY)
        self.pending = User.objects.filter(pk=pk, is_active=True).first() if pk else None
        if self.pending is None:
            return redirect("login")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        session = self.request.session
        for device in TOTPDevice.objects.filter(user=self.pending, confirmed=True):
            if device.verify_token(form.cleaned_data["token"]):
                next_url = session.pop(PENDING_NEXT, None)
                session.pop(PENDING_KEY, None)
                session.pop(PENDING_TRIES, None)
                login(
                    self.request, self.pending, backend="django.contrib.auth.backends.ModelBackend"
                )
                otp_login(self.request, device)
                return redirect(next_url or settings.LOGIN_REDIRECT_URL)
        session[PENDING_TRIES] = session.get(PENDING_TRIES, 0) + 1
        audit_record(actor=self.pending, action="auth.otp_failed", obj=self.pending)
        if session[PENDING_TRIES] >= MAX_TRIES:
            session.pop(PENDING_KEY, None)
            messages.error(self.request, _("Te vaak een verkeerde code. Log opnieuw in."))
            return redirect("login")
        form.add_error("token", _("Deze code klopt niet. Probeer de nieuwste code uit je app."))
        return self.form_invalid(form)


class TwoFactorSetupView(LoginRequiredMixin, FormView):
    """Turn the second factor on (scan, confirm with a code) or off."""

    form_class = OTPTokenForm
    template_name = "members/two_factor.html"

    def _device(self, create=False):
        device = (
            TOTPDevice.objects.filter(user=self.request.user).order_by("-confirmed", "-id").first()
        )
        if device is None and create:
            device = TOTPDevice.objects.create(
                user=self.request.user, name="authenticator", confirmed=False
            )
        return device

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        device = self._device(create=True)
        ctx["device"] = device
        ctx["recommended"] = bool(set(self.request.user.role_names()) & roles.SECOND_FACTOR_ROLES)
        if not device.confirmed:
            img = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
            buf = io.BytesIO()
            img.save(buf)
            ctx["qr_data_uri"] = (
                "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode()
            )
            ctx["secret"] = base64.b32encode(device.bin_key).decode()
        return ctx

    def form_valid(self, form):
        device = self._device()
        if device is None or device.confirmed:
            return redirect("two_factor")
        if not device.verify_token(form.cleaned_data["token"]):
            form.add_error(
                "token",
                _(
                    "Deze code klopt niet. Controleer de tijd op je telefoon en probeer het opnieuw."
                ),
            )
            return self.form_invalid(form)
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(self.request, device)
        audit_record(actor=self.request.user, action="auth.otp_enabled", obj=self.request.user)
        messages.success(self.request, _("Tweestapsverificatie staat aan."))
        return redirect("members:profile")


class TwoFactorDisableView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        TOTPDevice.objects.filter(user=request.user).delete()
        audit_record(actor=request.user, action="auth.otp_disabled", obj=request.user)
        messages.success(request, _("Tweestapsverificatie staat uit."))
        return redirect("members:profile")


__all__ = [
    "LoginView",
    "LoginVerifyView",
    "TwoFactorSetupView",
    "TwoFactorDisableView",
    "BACKEND_SESSION_KEY",
]
