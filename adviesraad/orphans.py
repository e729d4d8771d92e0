"""Stored files that no row names (issue 12.6): what a process killed between storing a file
and committing its row leaves behind under ``PRIVATE_MEDIA_ROOT``. The upload services delete
a file whose transaction rolls back (``adviesraad.uploads.discard_on_rollback``); only a crash
can still leave one. ``manage.py report_orphan_files`` lists them, ``--delete`` removes them.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models

# A file younger than this may belong to an upload whose transaction is still open.
GRACE = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class Orphan:
    name: str  # relative to the media root, as a FileField stores it
    size: int
    age: datetime.timedelta


def referenced_names() -> set[str]:
    """Every file name any FileField of any model holds (one query per field)."""
    names: set[str] = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                names.update(
                    n
                    for n in model._default_manager.exclude(**{field.name: ""})
                    .values_list(field.name, flat=True)
                    .iterator()
                    if n
                )
    return names


def orphan_files(*, root: str | Path | None = None, grace=GRACE) -> list[Orphan]:
    """The files under ``root`` (the private media root) older than ``grace`` that no row
    names, sorted by name."""
    root = Path(root or settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    known = referenced_names()
    now = time.time()
    found = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        name = path.relative_to(root).as_posix()
        stat = path.stat()
        age = datetime.timedelta(seconds=max(now - stat.st_mtime, 0))
        if name in known or age < grace:
            continue
        found.append(Orphan(name=name, size=stat.st_size, age=age))
    return found
