"""Templated Dutch e-mails in HTML and plain text."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def build_email(
    *,
    template_prefix: str,
    context: dict,
    to: list[str],
    cc: list[str] | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> EmailMultiAlternatives:
    """Build a message from ``<prefix>_subject.txt``, ``<prefix>.txt`` and ``<prefix>.html``.

    Rendered in Dutch whatever language the current request uses. Autoescaping protects the
    HTML part; the subject is one line so user text cannot inject headers.
    """
    with translation.override("nl"):
        subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
        text = render_to_string(f"{template_prefix}.txt", context)
        html = render_to_string(f"{template_prefix}.html", context)
    msg = EmailMultiAlternatives(
        subject=subject[:200],
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        cc=cc or [],
    )
    msg.attach_alternative(html, "text/html")
    for name, content, mimetype in attachments or []:
        msg.attach(name, content, mimetype)
    return msg


def mail_task_options(*, time_limit: int = 60) -> dict[str, Any]:
    """The Celery options of every task that sends e-mail.

    The mail server down or refusing (``OSError``) is retried after ``MAIL_RETRY_SECONDS``,
    doubling up to fifteen minutes, ``MAIL_RETRIES`` times; then the task fails and its outbox
    row offers a retry. The soft time limit lies below the hard one, or Celery refuses to send
    the task at all (issue 12). Each mail task is idempotent through its row, so ``acks_late``.
    """
    return {
        "acks_late": True,
        "autoretry_for": (OSError,),
        "retry_backoff": settings.MAIL_RETRY_SECONDS,
        "retry_backoff_max": 15 * 60,
        "retry_jitter": False,
        "max_retries": settings.MAIL_RETRIES,
        "time_limit": time_limit,
        "soft_time_limit": time_limit - max(5, time_limit // 6),
    }
