"""Log-in events into the audit log (docs/rules.md S21).

Django's auth signals are the framework's only hook for these events, so they are used here;
business changes are recorded by services, never by signals.
"""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from adviesraad.audit import audit_record
from adviesraad.net import client_ip


def _ip(request):
    # The real client behind a trusted proxy, never an address the client claims itself.
    if request is None:
        return None
    return client_ip(request) or None


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    audit_record(actor=user, action="auth.login", obj=user, ip_address=_ip(request))


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(actor=user, action="auth.logout", obj=user, ip_address=_ip(request))


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    # Only the attempted address is kept, never the password.
    attempted = str(credentials.get("username") or credentials.get("email") or "")[:200]
    audit_record(
        actor=attempted,
        action="auth.login_failed",
        data={"email": attempted},
        ip_address=_ip(request),
    )
