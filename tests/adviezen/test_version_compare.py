"""The internal version comparison page: the pair shown, chosen by query parameters (never
another advice's text, never a server error), escaping, who may see it, its query count."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from adviezen import services
from adviezen.models import Advice
from tests.factories.adviezen import AdviceFactory, VersionFactory
from tests.factories.members import UserFactory

V1 = "De raad adviseert snel te handelen.\n\nDe tweede alinea blijft staan."
V2 = (
    "De raad adviseert zorgvuldig te handelen.\n\nDe tweede alinea blijft staan."
    "\n\nEen geheel nieuwe alinea."
)


@pytest.fixture
def two_versions(db, secretary, member, council):
    advice = services.advice_create(
        by=secretary,
        title="Armoedebeleid",
        origin="requested",
        kind="formal",
        domain="inkomen",
        request_date=datetime.date.today() - datetime.timedelta(days=5),
        deadline=datetime.date.today() + datetime.timedelta(days=30),
    )
    services.advice_transition(advice=advice, by=secretary, to="preparation")
    services.advice_version_add(advice=advice, by=member, text=V1)
    services.advice_version_add(advice=advice, by=member, text=V2)
    advice.refresh_from_db()
    return advice


def _compare_url(advice, query=""):
    return reverse("adviezen:compare", args=[advice.pk]) + query


def _rows(body: str) -> list[tuple[str, str, str]]:
    """(tr attributes, left cell, right cell) for every row of the diff table body."""
    tbody = body.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        (attrs.strip(), left.strip(), right.strip())
        for attrs, left, right in re.findall(
            r"<tr([^>]*)>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*</tr>", tbody, re.S
        )
    ]


def test_compare_shows_latest_two_versions_side_by_side_with_changes_marked(
    client, member, two_versions
):
    client.force_login(member)
    response = client.get(_compare_url(two_versions))
    assert response.status_code == 200
    body = response.content.decode()
    assert '<th scope="col">Versie 1</th>' in body and '<th scope="col">Versie 2</th>' in body
    assert _rows(body) == [
        (
            'class="diff-changed"',
            "De raad adviseert <del>snel</del> te handelen.",
            "De raad adviseert <ins>zorgvuldig</ins> te handelen.",
        ),
        ("", "De tweede alinea blijft staan.", "De tweede alinea blijft staan."),
        ('class="diff-changed"', "", "<ins>Een geheel nieuwe alinea.</ins>"),
    ]
    assert '<option value="1" selected>' in body and '<option value="2" selected>' in body


def test_compare_versions_chosen_by_query_parameters(client, member, two_versions):
    services.advice_version_add(
        advice=two_versions, by=member, text="De raad adviseert zorgvuldig te handelen."
    )
    client.force_login(member)

    default = client.get(_compare_url(two_versions)).content.decode()
    assert "Versie 2 (links) en versie 3 (rechts)" in default
    assert _rows(default) == [
        (
            "",
            "De raad adviseert zorgvuldig te handelen.",
            "De raad adviseert zorgvuldig te handelen.",
        ),
        ('class="diff-changed"', "<del>De tweede alinea blijft staan.</del>", ""),
        ('class="diff-changed"', "<del>Een geheel nieuwe alinea.</del>", ""),
    ]

    chosen = client.get(_compare_url(two_versions, "?a=1&b=3")).content.decode()
    assert "Versie 1 (links) en versie 3 (rechts)" in chosen
    assert _rows(chosen) == [
        (
            'class="diff-changed"',
            "De raad adviseert <del>snel</del> te handelen.",
            "De raad adviseert <ins>zorgvuldig</ins> te handelen.",
        ),
        ('class="diff-changed"', "<del>De tweede alinea blijft staan.</del>", ""),
    ]


def test_compare_ignores_version_numbers_of_another_advice(client, member, two_versions):
    """The view picks by number within this advice; an unknown number falls back to the
    default pair instead of reaching another advice's text (it is not a 404)."""
    other = AdviceFactory(status=Advice.Status.DRAFT)
    for n in range(1, 6):
        VersionFactory(
            advice=other, number=n, text=f"<p>Geheime tekst {n} van een ander advies</p>"
        )
    client.force_login(member)
    for query in ("?a=5&b=4", "?a=0&b=-1", "?a=abc&b=", f"?a={other.versions.last().pk}"):
        response = client.get(_compare_url(two_versions, query))
        assert response.status_code == 200, query
        body = response.content.decode()
        assert "Geheime tekst" not in body, query
        assert "Versie 1 (links) en versie 2 (rechts)" in body, query


def test_compare_for_another_advice_pk_or_without_versions_is_404(client, member, two_versions):
    empty = AdviceFactory(status=Advice.Status.PREPARATION)
    client.force_login(member)
    assert client.get(_compare_url(empty)).status_code == 404
    assert client.get(reverse("adviezen:compare", args=[999999])).status_code == 404


def test_compare_escapes_html_from_version_text(client, member, two_versions):
    # Saved through the service: nh3 drops the script and the event handler.
    services.advice_version_add(
        advice=two_versions,
        by=member,
        text='<p>Veilig <script>alert("via-dienst")</script>'
        '<a href="javascript:alert(1)" onclick="x()">link</a></p>',
    )
    # A row that bypassed the service (import, old data): the diff must still escape it.
    VersionFactory(
        advice=two_versions,
        number=4,
        text="<p>Oud <script>alert('rauw')</script> &lt;img src=x onerror=alert(2)&gt;</p>",
    )
    client.force_login(member)

    body = client.get(_compare_url(two_versions, "?a=3&b=4")).content.decode()

    assert "<script>alert" not in body
    assert "via-dienst" not in body and "onclick" not in body and "javascript:" not in body
    assert "<img src=x" not in body
    assert "&lt;img src=x onerror=alert(2)&gt;" in body
    assert "alert(&#x27;rauw&#x27;)" in body  # the tag is stripped, its text shown escaped


def test_compare_refused_for_anonymous_and_users_without_read_right(client, two_versions):
    url = _compare_url(two_versions)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(UserFactory())  # an account without a role (e.g. a former member)
    assert client.get(url).status_code == 403


def test_policy_advisor_sees_compare_only_during_consultation(
    client, advisor, secretary, two_versions
):
    client.force_login(advisor)
    assert two_versions.status == Advice.Status.DRAFT
    assert client.get(_compare_url(two_versions)).status_code == 404
    services.advice_transition(advice=two_versions, by=secretary, to="consultation")
    response = client.get(_compare_url(two_versions))
    assert response.status_code == 200
    assert "<ins>zorgvuldig</ins>" in response.content.decode()


@pytest.mark.parametrize("extra_versions", [0, 10])
def test_compare_query_count_is_pinned(
    client, member, two_versions, django_assert_num_queries, extra_versions
):
    for n in range(3, 3 + extra_versions):
        VersionFactory(advice=two_versions, number=n, author=member, text=f"<p>Versie {n}</p>")
    client.force_login(member)
    # session, user, the user's and their groups' permissions, advice (+ joins), versions,
    # council settings, unread notifications
    with django_assert_num_queries(8):
        assert client.get(_compare_url(two_versions, "?a=1&b=2")).status_code == 200


@pytest.mark.parametrize("query", [{"a": "²"}, {"b": "²"}, {"a": "²", "b": "¹"}, {"a": "1²"}])
def test_compare_ignores_numbers_int_cannot_read(client, member, two_versions, query):
    """Issue 14, finding 8: ``"²".isdigit()`` is true but ``int("²")`` fails (a 500)."""
    client.force_login(member)
    response = client.get(_compare_url(two_versions), query)
    assert response.status_code == 200
    assert "Versie 1 (links) en versie 2 (rechts)" in response.content.decode()
