"""Data migrations of the adviezen app, run on today's models."""

import datetime
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone

from adviezen.models import Dossier, DossierTransition
from tests.factories.adviezen import DossierFactory

pytestmark = pytest.mark.django_db

history_from_fields = import_module(
    "adviezen.migrations.0005_status_history"
).dossier_history_from_fields


def _at(days_ago: int) -> datetime.datetime:
    return timezone.now().replace(microsecond=0) - datetime.timedelta(days=days_ago)


def test_existing_dossiers_get_the_history_their_fields_record(chair, secretary):
    proposed = DossierFactory(status=Dossier.Status.PROPOSED, proposed_by=secretary)
    closed = DossierFactory(
        status=Dossier.Status.CLOSED,
        proposed_by=secretary,
        reviewed_by=chair,
        reviewed_at=_at(20),
        closed_at=_at(10),
    )
    rejected = DossierFactory(
        status=Dossier.Status.REJECTED,
        reviewed_by=chair,
        reviewed_at=_at(5),
        review_note="Valt onder een ander dossier.",
    )
    Dossier.objects.filter(pk=closed.pk).update(created_at=_at(30))
    Dossier.objects.filter(pk=rejected.pk).update(created_at=_at(6))

    history_from_fields(apps, None)

    def steps(dossier):
        return list(
            DossierTransition.objects.filter(dossier=dossier).values_list(
                "from_status", "to_status", "by", "at", "note"
            )
        )

    assert steps(proposed) == [("", "proposed", secretary.pk, proposed.created_at, "")]
    assert steps(closed) == [
        ("", "proposed", secretary.pk, _at(30), ""),
        ("proposed", "accepted", chair.pk, _at(20), ""),
        ("accepted", "closed", None, _at(10), ""),
    ]
    assert steps(rejected)[1:] == [
        ("proposed", "rejected", chair.pk, _at(5), "Valt onder een ander dossier.")
    ]
