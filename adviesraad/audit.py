"""Recording business changes in the append-only audit log.

Every service that writes a business change calls :func:`audit_record` inside its transaction,
so the record exists exactly when the change does.
"""

from typing import Any

from django.db import models

from .middleware import current_request_id
from .models import AuditEntry


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    data: dict | None = None,
    ip_address: str | None = None,
) -> AuditEntry:
    """Append one audit entry. ``action`` is a dotted name such as ``member.created``."""
    actor_obj = actor if getattr(actor, "pk", None) else None
    label = ""
    if actor_obj is not None:
        label = actor_obj.get_full_name() or actor_obj.get_username()
    elif isinstance(actor, str):
        label = actor
    return AuditEntry.objects.create(
        actor=actor_obj,
        actor_label=label[:200],
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        data=data or {},
        request_id=current_request_id() if current_request_id() != "-" else "",
        ip_address=ip_address,
    )
