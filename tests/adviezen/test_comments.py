"""Comments on a version of a draft (docs/rules.md, D1, D15; issue 15, item 3): members
comment while the advice is being written, policy advisors only in consultation; a comment is
plain text and is kept with its author."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from adviesraad.models import AuditEntry
from adviezen import services
from adviezen.models import Comment


def _url(advice, number=1):
    return reverse("adviezen:version", args=[advice.pk, number])


def test_a_member_comments_on_a_version_and_reads_it_back(client, draft_advice, member):
    client.force_login(member)
    response = client.post(_url(draft_advice), {"text": "Noem ook de wachttijden."})
    assert response.status_code == 302 and response["Location"] == _url(draft_advice)
    comment = Comment.objects.get()
    assert (comment.author, comment.version.number) == (member, 1)
    page = client.get(_url(draft_advice)).content.decode()
    assert "Noem ook de wachttijden." in page and "Fatima Lid" in page
    assert AuditEntry.objects.get(action="advice.commented").actor == member


def test_an_empty_comment_is_refused_next_to_the_field(client, draft_advice, member):
    client.force_login(member)
    response = client.post(_url(draft_advice), {"text": "   "})
    assert response.status_code == 200
    assert response.context["form"].errors["text"]
    assert not Comment.objects.exists()


def test_script_in_a_comment_is_shown_as_text(client, draft_advice, member):
    client.force_login(member)
    client.post(_url(draft_advice), {"text": "<script>alert(1)</script>"})
    page = client.get(_url(draft_advice)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_policy_advisor_comments_only_in_consultation(client, draft_advice, advisor, secretary):
    client.force_login(advisor)
    assert client.get(_url(draft_advice)).status_code == 404  # a draft is not theirs to read
    services.advice_transition(advice=draft_advice, by=secretary, to="consultation")
    page = client.get(_url(draft_advice))
    assert page.status_code == 200 and page.context["can_comment"]
    client.post(_url(draft_advice), {"text": "Denk aan de uitvoering."})
    assert Comment.objects.get().author == advisor
    services.advice_transition(advice=draft_advice, by=secretary, to="draft")
    with pytest.raises(PermissionDenied):
        services.comment_add(
            version=draft_advice.versions.get(), by=advisor, text="Nog een opmerking."
        )
    assert Comment.objects.count() == 1


def test_nobody_comments_once_the_advice_is_approved(client, draft_advice, voters, chair, member):
    services.advice_chair_approve(advice=draft_advice, by=chair, reason="Spoed")
    client.force_login(member)
    page = client.get(_url(draft_advice))
    assert page.context["can_comment"] is False
    assert 'name="text"' not in page.content.decode()
    assert client.post(_url(draft_advice), {"text": "Te laat"}).status_code == 403
    assert not Comment.objects.exists()
