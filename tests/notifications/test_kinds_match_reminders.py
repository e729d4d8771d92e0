"""Every reminder kind an app sends has a preference and a Dutch label in ``KINDS``."""

import re
from pathlib import Path

from adviesraad.notifications.kinds import KINDS

ROOT = Path(__file__).resolve().parents[2]
# "kind": "x", kind="x", or a bare "declaration_..." string in a table of steps
PATTERNS = [r'"kind":\s*"([a-z_]+)"', r'\bkind\s*=\s*"([a-z_]+)"', r'^\s+"(declaration_[a-z_]+)",$']


def test_every_reminder_kind_is_a_known_notification_kind():
    used = set()
    for app in ("members", "meetings", "adviezen", "budget"):
        text = (ROOT / app / "reminders.py").read_text()
        for pattern in PATTERNS:
            used |= set(re.findall(pattern, text, re.M))
    assert {
        "term_ending",
        "meeting_tomorrow",
        "ballot_not_voted",
        "declaration_waiting_check",
    } <= used
    assert used - set(KINDS) == set()
