from django.core.management.base import BaseCommand, CommandError

from adviesraad.background.outbox import is_eager
from adviesraad.background.schedule import EmbeddedScheduler


class Command(BaseCommand):
    help = (
        "Run the beat schedule (reminders, ballot deadlines, erasures) in this process. "
        "Only for the embedded set-up without Redis; `make run` starts it next to runserver."
    )

    def handle(self, *args, **options):
        if not is_eager():
            raise CommandError(
                "REDIS_URL is ingesteld: Celery beat en een worker voeren het schema uit "
                "(docker compose: de diensten beat en worker). run_schedule is alleen voor de "
                "ingebouwde opzet zonder Redis."
            )
        scheduler = EmbeddedScheduler()
        self.stdout.write(
            f"Geplande taken lopen in dit proces ({len(scheduler.entries)} taken); "
            "stoppen met Ctrl-C."
        )
        try:
            scheduler.run_forever()
        except KeyboardInterrupt:
            self.stdout.write("Geplande taken gestopt.")
