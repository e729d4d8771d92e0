"""Internal pages (``/intern/adviezen/``), one module per concern; every view is importable
from ``adviezen.views`` (``adviezen/urls.py``). The public pages are ``adviezen.views_public``.

- ``advices``: the list, registering an advice, its page and actions, its documents;
- ``versions``: writing, reading with comments, comparing;
- ``ballots``: opening, voting, a show of hands, closing, the chair's approval;
- ``sending``: signing, sending, publishing, the college's response;
- ``dossiers`` and ``signals``: their lists, pages and actions.

Irreversible steps (closing a ballot, the chair's approval, signing, sending, publishing,
withdrawing) show what they will do first (``common.ConfirmActionView``,
``adviezen.consequences``).
"""

from .advices import (
    AdviceCreateView,
    AdviceDetailView,
    AdviceListView,
    AdviceStepView,
    LetterPreviewView,
    RequestDocumentView,
    ResponseDocumentView,
    WithdrawView,
)
from .ballots import (
    BallotCloseView,
    BallotDetailView,
    BallotOpenView,
    ChairApproveView,
    HandsView,
    VoteView,
)
from .dossiers import DossierActionView, DossierCreateView, DossierDetailView, DossierListView
from .sending import PublishView, ResponseView, SendView, SignView
from .signals import SignalCreateView, SignalDetailView, SignalListView
from .versions import VersionCompareView, VersionCreateView, VersionDetailView

__all__ = [
    "AdviceCreateView",
    "AdviceDetailView",
    "AdviceListView",
    "AdviceStepView",
    "BallotCloseView",
    "BallotDetailView",
    "BallotOpenView",
    "ChairApproveView",
    "DossierActionView",
    "DossierCreateView",
    "DossierDetailView",
    "DossierListView",
    "HandsView",
    "LetterPreviewView",
    "PublishView",
    "RequestDocumentView",
    "ResponseDocumentView",
    "ResponseView",
    "SendView",
    "SignView",
    "SignalCreateView",
    "SignalDetailView",
    "SignalListView",
    "VersionCompareView",
    "VersionCreateView",
    "VersionDetailView",
    "VoteView",
    "WithdrawView",
]
