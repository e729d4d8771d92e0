import datetime

from django.core import mail
from django.urls import reverse

from adviezen import services
from adviezen.models import Advice

from .conftest import written_deadline


def test_full_flow_from_draft_to_published_with_response(
    client,
    draft_advice,
    voters,
    chair,
    member,
    other_member,
    secretary,
    django_capture_on_commit_callbacks,
):
    ballot = services.ballot_open(advice=draft_advice, by=chair, deadline=written_deadline())
    services.vote_cast(ballot=ballot, member=member, choice="yes")
    services.vote_cast(ballot=ballot, member=other_member, choice="yes")
    services.ballot_close(ballot=ballot, by=chair)
    draft_advice.refresh_from_db()
    assert draft_advice.status == Advice.Status.APPROVED
    services.advice_sign(advice=draft_advice, by=chair)
    with django_capture_on_commit_callbacks(execute=True):
        services.advice_send(advice=draft_advice, by=secretary)
    draft_advice.refresh_from_db()
    assert draft_advice.sent_at is not None
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.advice_publish(advice=draft_advice, by=secretary)
    services.college_response_register(
        advice=draft_advice, by=secretary, received_on=datetime.date.today(), summary="Overgenomen."
    )
    r = client.get(reverse("adviezen_public:list"))
    assert draft_advice.title in r.content.decode()
    r = client.get(reverse("adviezen_public:detail", args=[draft_advice.slug]))
    assert "Overgenomen." in r.content.decode()
    r = client.get(reverse("adviezen_public:pdf", args=[draft_advice.slug]))
    assert r["Content-Type"] == "application/pdf"
    r = client.get(reverse("adviezen_public:feed"))
    assert draft_advice.title in r.content.decode()
    client.force_login(secretary)
    for name in ["adviezen:list", "adviezen:dossier_list", "adviezen:signal_list", "dashboard"]:
        assert client.get(reverse(name)).status_code == 200
    r = client.get(reverse("adviezen:detail", args=[draft_advice.pk]))
    assert r.status_code == 200
    r = client.get(reverse("adviezen:ballot", args=[draft_advice.pk, ballot.pk]))
    assert r.status_code == 200
    assert client.get(reverse("home")).status_code == 200
