"""Demo data for open data (issue 17): the municipality's TOOI code, meetings under the Woo,
published requests, the accessibility statement, and two accepted dossiers on "Waar we aan
werken". Idempotent: runs nothing once the TOOI code is set."""

from __future__ import annotations

import datetime

from adviezen.models import Dossier, PublicationSettings
from members.models import CouncilSettings


def seed(log, today: datetime.date, people: dict) -> None:
    cs, _ = CouncilSettings.objects.get_or_create(pk=1)
    if cs.tooi_publisher:
        return
    cs.tooi_publisher = "gm0439"
    cs.meetings_under_woo = True
    cs.accessibility_status = "B"
    cs.accessibility_checked_on = today - datetime.timedelta(days=14)
    cs.accessibility_known_issues = (
        "Adviesaanvragen en reacties van het college zijn PDF's van de gemeente; die zijn niet "
        "altijd toegankelijk."
    )
    cs.save()
    PublicationSettings.objects.update_or_create(pk=1, defaults={"publish_requests": True})
    shown = list(Dossier.objects.filter(status=Dossier.Status.ACCEPTED).order_by("title")[:2])
    Dossier.objects.filter(pk__in=[d.pk for d in shown]).update(is_public=True)
    log(
        "opendata: TOOI code gm0439, vergaderstukken onder de Woo, "
        f"{len(shown)} dossiers op 'Waar we aan werken' "
        "(/api/v1/, /robots.txt, /toegankelijkheid/)"
    )
