"""A resident's signal leaves no trace of them once their contact details are erased (issue 14,
hardening "Residents' IP addresses"; docs/rules.md, S22): the IP address is never stored — the
append-only audit log would keep it — and after the retention period no table holds their
name, e-mail address, telephone number or address."""

import datetime

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from adviesraad.models import AuditEntry
from adviezen import services
from adviezen.models import Signal
from adviezen.tasks import erase_expired_signal_contacts

RESIDENT_IP = "203.0.113.77"
RESIDENT = {
    "contact_name": "Joke Wijkbewoner",
    "contact_email": "joke.wijkbewoner@inwoner.example",
    "contact_phone": "06-98765432",
}


def _text_fields(model) -> list[str]:
    return [
        f.attname
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField | models.JSONField)
        or isinstance(f, models.GenericIPAddressField)
    ]


def _rows_holding(needles: list[str]) -> list[str]:
    """Every row of every table with one of ``needles`` in a text, JSON or address column."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = _text_fields(model)
        if not fields:
            continue
        for row in model._default_manager.values_list("pk", *fields):
            text = " ".join(str(v) for v in row[1:] if v is not None)
            found += [f"{model._meta.label} {row[0]}: {n}" for n in needles if n in text]
    return found


@pytest.fixture
def submitted(client, council, secretary):
    """A resident sends a signal through the public form; the secretary triages it and refers
    it to the district team (the standard reply goes to the resident)."""
    response = client.post(
        reverse("adviezen_public:signal"),
        {
            "title": "Lange wachttijd schuldhulp",
            "description": "Ik wacht al maanden op een gesprek.",
            "consent": "on",
            **RESIDENT,
        },
        REMOTE_ADDR=RESIDENT_IP,
    )
    assert response.status_code == 302
    signal = Signal.objects.get()
    services.signal_investigate(signal=signal, by=secretary, note="Navragen")
    services.signal_refer(signal=signal, by=secretary)
    services.signal_reply_send(signal_id=signal.pk)
    return signal


def test_the_residents_ip_address_is_never_stored(submitted):
    assert _rows_holding([RESIDENT_IP]) == []
    received = AuditEntry.objects.get(action="signal.received")
    assert received.ip_address is None


def test_after_erasure_no_table_holds_the_resident(submitted, council):
    assert _rows_holding(list(RESIDENT.values()))  # the details are there until then
    Signal.objects.filter(pk=submitted.pk).update(
        received_at=submitted.received_at
        - datetime.timedelta(days=council.signal_retention_days + 1)
    )
    assert erase_expired_signal_contacts() == 1
    assert _rows_holding([RESIDENT_IP, *RESIDENT.values()]) == []
    submitted.refresh_from_db()
    assert submitted.contact_erased_at is not None
    assert submitted.title == "Lange wachttijd schuldhulp"  # the signal itself stays


def test_the_scan_sees_an_address_in_the_audit_log(db):
    """The check above would notice an address in the audit log (it looks there)."""
    from adviesraad.audit import audit_record

    audit_record(actor="publiek", action="test", ip_address=RESIDENT_IP)
    assert _rows_holding([RESIDENT_IP]) == [
        f"adviesraad.AuditEntry {AuditEntry.objects.get().pk}: {RESIDENT_IP}"
    ]
