"""Someone who must use a second factor reaches nothing but its set-up page until it is on."""

from django.shortcuts import redirect
from django.urls import reverse

# Set in the session by the log-in view when the council requires a second factor of the
# person (``members.auth_services.second_factor_required_for``) and they have none yet.
SETUP_REQUIRED_KEY = "otp_setup_required"


class SecondFactorSetupMiddleware:
    """Someone the council requires to use a second factor, who logged in without one, reaches
    only the set-up page (and log-out and the language switch) until it is on.

    The requirement is decided at log-in (``members.auth_views.LoginView``), so a new role or
    a change of the council's setting counts from the person's next log-in (a session lasts at
    most ``SESSION_COOKIE_AGE``, 12 hours). Installed after ``OTPMiddleware``; it reads one
    session key, so other requests cost nothing.
    """

    ALLOWED = ("two_factor", "logout", "set_language")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.session.get(SETUP_REQUIRED_KEY):
            user = request.user
            if user.is_authenticated and user.is_verified():
                del request.session[SETUP_REQUIRED_KEY]
            elif user.is_authenticated and request.path not in self._allowed():
                return redirect("two_factor")
        return self.get_response(request)

    @classmethod
    def _allowed(cls) -> set[str]:
        return {reverse(name) for name in cls.ALLOWED}
