"""A working group proposes a theme dossier, the chair sees similar dossiers and accepts it or
rejects it as a duplicate (docs/rules.md, D13; issue 15, item 3). The similarity check runs on
PostgreSQL (Dutch full-text ranking) and elsewhere (``difflib`` on titles and shared words);
both are tested, the first where PostgreSQL is present."""

import pytest
from django.urls import reverse

from adviezen import selectors
from adviezen.models import Dossier
from tests.factories.adviezen import DossierFactory
from tests.factories.members import WorkingGroupFactory


@pytest.fixture(params=["difflib", pytest.param("postgres", marks=pytest.mark.postgres)])
def similarity(request, monkeypatch):
    """Which similarity check runs: the PostgreSQL one only on PostgreSQL, the other anywhere."""
    if request.param == "difflib":
        monkeypatch.setattr(selectors, "is_postgres", lambda: False)
    return request.param


@pytest.fixture
def existing(db):
    return {
        "youth": DossierFactory(
            title="Jeugdzorg: lange wachttijden",
            description="Wachttijden voor jeugdhulp lopen op.",
            domain="jeugd",
        ),
        "pass": DossierFactory(title="Stadspas en minimaregelingen", domain="inkomen"),
        "rejected": DossierFactory(
            title="Wachttijden jeugdzorg (oud voorstel)", status=Dossier.Status.REJECTED
        ),
    }


def _propose(client, member, **data) -> Dossier:
    client.force_login(member)
    response = client.post(reverse("adviezen:dossier_create"), {"domain": "jeugd", **data})
    assert response.status_code == 302
    dossier = Dossier.objects.get(title=data["title"])
    assert response["Location"] == reverse("adviezen:dossier", args=[dossier.pk])
    return dossier


def _similar_on_page(client, chair, dossier) -> list[str]:
    client.force_login(chair)
    response = client.get(reverse("adviezen:dossier", args=[dossier.pk]))
    assert response.status_code == 200 and response.context["can_review"]
    return [d.title for d in response.context["similar"]]


def test_a_proposal_shows_the_chair_the_dossiers_like_it(
    client, similarity, existing, member, chair
):
    proposal = _propose(
        client, member, title="Wachttijden in de jeugdzorg", description="Ouders wachten lang."
    )
    assert proposal.status == "proposed" and proposal.proposed_by == member
    similar = _similar_on_page(client, chair, proposal)
    assert similar == ["Jeugdzorg: lange wachttijden"]  # not the stadspas, not a rejected one


def test_an_unlike_proposal_shows_no_similar_dossiers(client, similarity, existing, member, chair):
    proposal = _propose(client, member, title="Eenzaamheid onder ouderen", domain="wmo")
    assert _similar_on_page(client, chair, proposal) == []
    client.force_login(chair)
    page = client.get(reverse("adviezen:dossier", args=[proposal.pk])).content.decode()
    assert "Geen vergelijkbare dossiers gevonden." in page


def test_the_chair_rejects_a_duplicate_of_an_accepted_dossier(
    client, similarity, existing, member, chair
):
    proposal = _propose(client, member, title="Wachttijden in de jeugdzorg")
    client.force_login(chair)
    response = client.post(
        reverse("adviezen:dossier_action", args=[proposal.pk, "dubbel"]),
        {"duplicate_of": existing["youth"].pk, "note": "Valt onder het bestaande dossier."},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.duplicate_of, proposal.reviewed_by) == (
        "rejected",
        existing["youth"],
        chair,
    )
    page = client.get(reverse("adviezen:dossier", args=[proposal.pk])).content.decode()
    assert "Jeugdzorg: lange wachttijden" in page and "Valt onder het bestaande dossier." in page
    assert not client.get(reverse("adviezen:dossier", args=[proposal.pk])).context["can_review"]


def test_a_duplicate_must_point_at_an_accepted_dossier(client, existing, member, chair):
    proposal = _propose(client, member, title="Wachttijden in de jeugdzorg")
    client.force_login(chair)
    client.post(
        reverse("adviezen:dossier_action", args=[proposal.pk, "dubbel"]),
        {"duplicate_of": existing["rejected"].pk},
    )
    proposal.refresh_from_db()
    assert proposal.status == "proposed" and proposal.duplicate_of is None


def test_the_chair_accepts_a_proposal_for_a_working_group(client, existing, member, chair):
    group = WorkingGroupFactory(contact_person=member)
    proposal = _propose(client, member, title="Eenzaamheid onder ouderen", domain="wmo")
    client.force_login(chair)
    response = client.post(
        reverse("adviezen:dossier_action", args=[proposal.pk, "accepteren"]),
        {"working_group": group.pk},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.working_group, proposal.contact_person) == (
        "accepted",
        group,
        member,  # the group's contact person, as none was chosen
    )
    assert list(proposal.transitions.values_list("to_status", flat=True)) == [
        "proposed",
        "accepted",
    ]


def test_a_member_proposes_but_does_not_review(client, existing, member):
    proposal = _propose(client, member, title="Eenzaamheid onder ouderen", domain="wmo")
    page = client.get(reverse("adviezen:dossier", args=[proposal.pk]))
    assert page.context["can_review"] is False and page.context["similar"] == []
    for action in ("accepteren", "dubbel"):
        url = reverse("adviezen:dossier_action", args=[proposal.pk, action])
        assert client.post(url, {"duplicate_of": existing["youth"].pk}).status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == "proposed"
