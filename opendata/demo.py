"""Demo data for open data (issue 17): the municipality's TOOI code, meetings under the Woo,
published requests, the accessibility statement, and two accepted dossiers on "Waar we aan
werken". Idempotent: runs nothing once the TOOI code is set."""

from __future__ import annotations

import datetime

from adviezen.models import Dossier
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
    cs.publish_requests = True
    cs.save()
    _college_letters(log)
    shown = list(Dossier.objects.filter(status=Dossier.Status.ACCEPTED).order_by("title")[:2])
    Dossier.objects.filter(pk__in=[d.pk for d in shown]).update(is_public=True)
    log(
        "opendata: TOOI code gm0439, vergaderstukken onder de Woo, "
        f"{len(shown)} dossiers op 'Waar we aan werken' "
        "(/api/v1/, /robots.txt, /toegankelijkheid/)"
    )


def _college_letters(log) -> None:
    """The college's request letter and response, as PDFs, on the newest published advice
    that has a response: so the demo shows requests and responses in the API and sitemaps."""
    from django.core.files.base import ContentFile

    from adviesraad.pdf import render_pdf
    from adviezen.models import Advice, CollegeResponse
    from adviezen.selectors import advice_public_qs
    from members.selectors import council_settings_get

    advice = advice_public_qs().filter(response__isnull=False).order_by("-published_at").first()
    if advice is None:
        return

    def letter(title: str, text: str) -> ContentFile:
        # the project's one PDF path: escaped template, restricted fetcher, tagged PDF/UA
        context = {"title": title, "text": text, "council": council_settings_get()}
        return ContentFile(render_pdf("opendata/pdf/demo_letter.html", context, public=True))

    if not advice.request_document:
        advice.request_document.save(
            "aanvraag.pdf",
            letter(
                f"Adviesaanvraag: {advice.title}",
                "Het college vraagt de adviesraad om advies over dit onderwerp.",
            ),
            save=False,
        )
        Advice.objects.filter(pk=advice.pk).update(request_document=advice.request_document.name)
    response = CollegeResponse.objects.get(advice=advice)
    if not response.document:
        response.document.save(
            "reactie.pdf",
            letter(f"Reactie van het college: {advice.title}", response.summary),
        )
    log(f"opendata: adviesaanvraag en reactie van het college bij {advice.reference}")
