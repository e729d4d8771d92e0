"""Refused access leaves an audit record (docs/rules.md S21; issue 12, finding 9)."""

import pytest
from django.urls import reverse

from adviesraad.models import AuditEntry
from adviesraad.refusals import ACTION, refusal_is_recorded

pytestmark = pytest.mark.django_db


def refusals():
    return list(AuditEntry.objects.filter(action=ACTION).order_by("id"))


@pytest.mark.parametrize(
    "status,signed_in,route_matched,recorded",
    [
        (403, True, True, True),
        (403, False, True, True),  # a failed CSRF check of an anonymous post
        (429, False, True, True),
        (429, True, True, True),
        (404, True, True, True),  # a private object that is not theirs (or not there)
        (404, True, False, False),  # a URL that matches no route: a typo, not an attempt
        (404, False, True, False),  # anonymous: crawlers and stale links, not recorded
        (404, False, False, False),
        (400, True, True, False),
        (500, True, True, False),
    ],
)
def test_which_refusals_are_recorded(status, signed_in, route_matched, recorded):
    assert (
        refusal_is_recorded(status=status, signed_in=signed_in, route_matched=route_matched)
        is recorded
    )


def test_a_403_is_recorded_with_who_what_and_the_request_id(client, member):
    client.force_login(member)
    response = client.get(reverse("background:list"))
    assert response.status_code == 403
    [entry] = refusals()
    assert entry.actor == member
    assert entry.data == {"status": 403, "method": "GET", "path": "/intern/achtergrond/"}
    assert entry.request_id and entry.request_id == response["X-Request-ID"]
    assert entry.created_at is not None


def test_a_404_on_a_private_object_is_recorded(client, member):
    client.force_login(member)
    url = reverse("budget:declaration_detail", args=[999_999])
    assert client.get(url).status_code == 404
    [entry] = refusals()
    assert entry.actor == member and entry.data["status"] == 404 and entry.data["path"] == url


def test_404s_of_anonymous_visitors_and_unknown_urls_are_not_recorded(client, member):
    assert client.get("/bestaat-niet/").status_code == 404
    assert client.get(reverse("adviezen_public:detail", args=["bestaat-niet"])).status_code == 404
    client.force_login(member)
    assert client.get("/intern/bestaat-niet/").status_code == 404
    assert refusals() == []


def test_a_429_is_recorded_with_the_address(client):
    url = reverse("adviezen_public:signal")
    signal = {"title": "Wachtlijst", "description": "Lang wachten", "consent": "on"}
    statuses = [client.post(url, signal).status_code for _ in range(6)]  # five stored, then 429
    assert statuses[-1] == 429
    [entry] = refusals()
    assert entry.actor is None and entry.actor_label == "anoniem"
    assert entry.ip_address == "127.0.0.1"
    assert entry.data == {"status": 429, "method": "POST", "path": url}


def test_a_failed_csrf_check_is_recorded(member):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert client.post(reverse("logout")).status_code == 403
    [entry] = refusals()
    assert entry.actor == member and entry.data["status"] == 403


def test_repeated_refusals_leave_one_record_a_minute(client, member, other_member):
    client.force_login(member)
    for _ in range(5):
        assert client.get(reverse("background:list")).status_code == 403
    client.get(reverse("budget:declaration_detail", args=[999_999]))
    client.force_login(other_member)
    client.get(reverse("background:list"))
    assert [(e.actor, e.data["status"]) for e in refusals()] == [
        (member, 403),
        (member, 404),
        (other_member, 403),
    ]


def test_a_failing_audit_never_turns_a_refusal_into_an_error(client, member, monkeypatch):
    from adviesraad import audit

    def broken(**kwargs):
        raise RuntimeError("audit table locked")

    monkeypatch.setattr(audit, "audit_record", broken)
    client.force_login(member)
    assert client.get(reverse("background:list")).status_code == 403
