"""The one page cache for anonymous public pages, and the one function that invalidates it.

Every service that changes something the public sees (a publication, a withdrawal, a college
response, a public meeting, agenda item, document or minutes, an annual plan or report) calls
:func:`public_changed` inside its transaction. The cache is emptied after the commit, so a
rolled-back change invalidates nothing and the next anonymous request shows the change.
"""

from __future__ import annotations

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def public_changed() -> None:
    """Something the public sees changed: forget every cached public page after commit."""
    transaction.on_commit(_invalidate, robust=True)


def _invalidate() -> None:
    # Interim: raise the two public versions the page cache is still keyed on. The
    # simplification (issue 11) replaces them with one cache generation.
    from adviezen.selectors import public_cache_version_bump
    from meetings.selectors import public_version_bump

    public_cache_version_bump()
    public_version_bump()
