"""Every write on dossiers, signals, advices, versions, ballots, votes and college responses.

Each service checks the role on the server, locks the row it changes
(``adviesraad.transitions.locked``), moves a status only through
``adviesraad.transitions.transition`` (the model's ``TRANSITIONS`` table, a history row and an
audit entry), and hands background work to ``enqueue`` (sent after commit). Refusals raise
``AdviceError`` (Dutch message) or ``PermissionDenied`` (403). A change to what the anonymous
public sees calls ``adviesraad.pagecache.public_changed()`` inside its transaction.

One module per concern; every public name is importable from ``adviezen.services``:

- ``dossiers``: propose, accept, reject as a duplicate, close;
- ``signals``: the public form, recorded signals, triage, the *wijkteam* reply, erasing
  residents' contact details;
- ``advices``: registering an advice, the simple steps, versions, comments;
- ``ballots``: opening, voting, closing, the chair's approval;
- ``hands``: the secretary records a show of hands in a meeting (per member or the counts);
- ``notices``: who is told when a written ballot opens, a dossier is proposed, an advice is
  approved;
- ``sending``: signing, the letter to the college, publication, the college's response.
"""

from .advices import (
    advice_create,
    advice_transition,
    advice_version_add,
    clean_html,
    comment_add,
)
from .ballots import (
    advice_chair_approve,
    ballot_close,
    ballot_open,
    ballots_close_expired,
    vote_cast,
)
from .common import AdviceError
from .dossiers import (
    dossier_accept,
    dossier_close,
    dossier_propose,
    dossier_reject_duplicate,
    dossier_set_public,
)
from .hands import ballot_counts_record, ballot_hands_record
from .sending import (
    advice_letter_deliver,
    advice_publish,
    advice_send,
    advice_sign,
    college_response_register,
    letter_pdf,
    letter_pdf_as_sent,
)
from .signals import (
    signal_close,
    signal_contacts_erase_expired,
    signal_investigate,
    signal_link_dossier,
    signal_put_on_agenda,
    signal_record,
    signal_refer,
    signal_reply_send,
    signal_submit,
)

__all__ = [
    "AdviceError",
    "advice_chair_approve",
    "advice_create",
    "advice_letter_deliver",
    "advice_publish",
    "advice_send",
    "advice_sign",
    "advice_transition",
    "advice_version_add",
    "ballot_close",
    "ballot_counts_record",
    "ballot_hands_record",
    "ballot_open",
    "ballots_close_expired",
    "clean_html",
    "college_response_register",
    "comment_add",
    "dossier_accept",
    "dossier_close",
    "dossier_set_public",
    "dossier_propose",
    "dossier_reject_duplicate",
    "letter_pdf",
    "letter_pdf_as_sent",
    "signal_close",
    "signal_contacts_erase_expired",
    "signal_investigate",
    "signal_link_dossier",
    "signal_put_on_agenda",
    "signal_record",
    "signal_refer",
    "signal_reply_send",
    "signal_submit",
    "vote_cast",
]
