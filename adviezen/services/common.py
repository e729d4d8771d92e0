"""What every adviezen service shares: the app's refusal, the role check, uploads."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models.fields.files import FieldFile

from adviesraad.errors import DomainError
from adviesraad.uploads import discard_on_rollback, generated_name, validate_upload


class AdviceError(DomainError):
    """A rule of the adviezen app refused the change (Dutch message for the user)."""


def require(user: Any, perm: str) -> None:
    """The role check on the server: without ``perm`` the change is refused with a 403."""
    if user is None or not user.has_perm(perm):
        raise PermissionDenied(perm)


def store_upload(field: FieldFile, upload: Any, *, folder: str) -> str:
    """Check an uploaded document by its content (``ValidationError`` when it is not one) and
    put it in ``field`` under a generated name in ``folder``; returns the name it was uploaded
    with. The caller saves the row."""
    checked = validate_upload(upload)
    field.save(generated_name(folder, checked.kind), upload, save=False)
    discard_on_rollback(field.name)
    return checked.original_name
