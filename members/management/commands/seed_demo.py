"""Load the demo council. Idempotent: running it twice changes nothing the second time.

Each app with a ``demo.py`` adds its part, in the order of ``DEMO_APPS``; ``people`` (demo
users by key: secretaris, voorzitter, lid, penningmeester, adviseur, ...) is passed along.
"""

import datetime
from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from members.demo import DEMO_PASSWORD, LOGINS

DEMO_APPS = ["members", "meetings", "adviezen", "budget", "members.recruitment", "opendata"]


class Command(BaseCommand):
    help = "Load demo data (idempotent) and print the demo log-ins."

    def handle(self, *args, **options):
        today = datetime.date.today()
        people: dict = {}
        # Demo e-mails (letters to the college, agenda packs) are kept in memory, not printed.
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
            transaction.atomic(),
        ):
            for app in DEMO_APPS:
                try:
                    module = import_module(f"{app}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app}.demo":
                        raise
                    continue
                result = (
                    module.seed(self.stdout.write, today)
                    if app == "members"
                    else module.seed(self.stdout.write, today, people)
                )
                if app == "members":
                    people = result
        self.stdout.write(
            self.style.SUCCESS(
                "Demo data loaded. Log in at http://127.0.0.1:8000/accounts/login/ with:"
            )
        )
        labels = ["secretary", "chair", "member", "treasurer", "policy advisor"]
        for label, (email, *_rest) in zip(labels, LOGINS, strict=True):
            self.stdout.write(f"  {label:15} {email:38} password: {DEMO_PASSWORD}")
        self.stdout.write(
            "Two-step verification is off in the demo; a new council has it on for the "
            "secretary, treasurer and chair (Raadsinstellingen)."
        )
