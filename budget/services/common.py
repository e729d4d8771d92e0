"""What every budget service shares: the app's domain error, the role check and deleting
stored files after commit."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from adviesraad.errors import DomainError


class BudgetError(DomainError):
    """A budget rule refused the change; the message is Dutch and shown to the user."""


def require(by: Any, perm: str) -> None:
    """Only a person with ``perm`` may do this; anyone else is refused with a message."""
    if by is None or not by.has_perm(perm):
        raise BudgetError(_("Je hebt geen toestemming voor deze handeling."))


def delete_files_after_commit(names: Iterable[str | None]) -> None:
    """Delete stored files once the transaction commits: a rollback leaves them in place."""
    kept = [name for name in names if name]
    if kept:
        transaction.on_commit(lambda: _delete(kept), robust=True)


def _delete(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)
