"""Theme dossiers, signals, advices, versions, ballots, votes and college responses.

State machines are data: each model with a status has a
``TRANSITIONS`` table and ``can_transition_to()`` (``adviesraad.transitions.StatusMachine``)
and a status history (a ``StatusChange`` subclass); only ``adviezen.services`` changes a
status, through ``adviesraad.transitions.transition``.

One module per concern; every model is importable from ``adviezen.models``.
"""

from .advices import (
    Advice,
    AdviceDelivery,
    AdviceTransition,
    AdviceVersion,
    CollegeResponse,
    Comment,
)
from .ballots import Ballot, BallotVoter, Vote
from .dossiers import Dossier, DossierTransition
from .signals import Signal, SignalTransition

__all__ = [
    "Advice",
    "AdviceDelivery",
    "AdviceTransition",
    "AdviceVersion",
    "Ballot",
    "BallotVoter",
    "CollegeResponse",
    "Comment",
    "Dossier",
    "DossierTransition",
    "Signal",
    "SignalTransition",
    "Vote",
]
