"""Templated Dutch e-mails in HTML and plain text."""

from __future__ import annotations

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
