import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from adviesraad.background.reminders import sweep_all


class Command(BaseCommand):
    help = "Run one reminder sweep now (each reminder goes out once per day and recipient)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Sweep as if it were this day (YYYY-MM-DD); default today."
        )

    def handle(self, *args, date=None, **options):
        today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        counts = sweep_all(today=today)
        self.stdout.write(
            f"Herinneringen {today:%d-%m-%Y}: {counts['sent']} verstuurd, "
            f"{counts['skipped']} al eerder verstuurd, {counts['errors']} fouten."
        )
