"""The set-password link in a new member's invitation (docs/rules.md, S7).

Django's password-reset token: it works once (it hashes the password and the last log-in,
which setting a password and logging in change) and expires after
``PASSWORD_RESET_TIMEOUT``. Its own salt keeps a reset link from serving as an invitation and
the other way round.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "members.recruitment.invitation.InvitationTokenGenerator"


invitation_tokens = InvitationTokenGenerator()


def invitation_url(user: Any) -> str:
    """The absolute link a newly appointed member opens to choose a password."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("members:invitation", args=[uid, invitation_tokens.make_token(user)])
    return settings.SITE_URL.rstrip("/") + path


def valid_hours() -> int:
    return settings.PASSWORD_RESET_TIMEOUT // 3600
