"""List (and with ``--delete`` remove) stored files under PRIVATE_MEDIA_ROOT that no row
names: see ``adviesraad.orphans``."""

import datetime

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from adviesraad.audit import audit_record
from adviesraad.orphans import GRACE, orphan_files


class Command(BaseCommand):
    help = "Toon bestanden in PRIVATE_MEDIA_ROOT waar geen record naar verwijst (--delete: wis ze)."

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Wis de gevonden bestanden.")
        parser.add_argument(
            "--min-age-minutes",
            type=int,
            default=int(GRACE.total_seconds() // 60),
            help="Sla bestanden over die jonger zijn (een upload kan nog bezig zijn).",
        )

    def handle(self, *args, delete=False, min_age_minutes=60, **options):
        orphans = orphan_files(grace=datetime.timedelta(minutes=min_age_minutes))
        for orphan in orphans:
            self.stdout.write(f"{orphan.name}\t{orphan.size}")
        total = sum(o.size for o in orphans)
        self.stdout.write(
            ngettext(
                "%(n)s bestand zonder record, %(b)s bytes.",
                "%(n)s bestanden zonder record, %(b)s bytes.",
                len(orphans),
            )
            % {"n": len(orphans), "b": total}
        )
        if delete and orphans:
            for orphan in orphans:
                default_storage.delete(orphan.name)
            audit_record(
                actor="manage.py report_orphan_files",
                action="files.orphans_deleted",
                data={"count": len(orphans), "bytes": total},
            )
            self.stdout.write(
                ngettext("%(n)s bestand gewist.", "%(n)s bestanden gewist.", len(orphans))
                % {"n": len(orphans)}
            )
