import pytest
from django.urls import reverse

from adviezen import services
from adviezen.models import Advice
from tests.factories.adviezen import AdviceFactory, college_response, published_advice


@pytest.fixture
def draft(db):
    return AdviceFactory(
        title="Geheim concept over bijstand",
        status=Advice.Status.APPROVED,
        final_text="<p>Geheim concept</p>",
        summary="Geheim concept",
    )


def test_anonymous_sees_no_draft_anywhere(client, draft):
    published_advice(title="Openbaar advies stadspas")
    urls = [
        reverse("adviezen_public:list"),
        reverse("adviezen_public:list") + "?q=Geheim",
        reverse("adviezen_public:feed"),
        reverse("home"),
    ]
    for url in urls:
        body = client.get(url).content.decode()
        assert "Geheim concept" not in body, url
    assert (
        "Openbaar advies stadspas" in client.get(reverse("adviezen_public:list")).content.decode()
    )
    assert client.get(reverse("adviezen_public:detail", args=[draft.slug])).status_code == 404
    assert client.get(reverse("adviezen_public:pdf", args=[draft.slug])).status_code == 404


def test_public_list_filters_and_search(db, client):
    published_advice(title="Advies over de stadspas", domain="inkomen")
    answered = published_advice(title="Advies over werk", domain="werk", origin="unsolicited")
    college_response(answered)
    body = client.get(reverse("adviezen_public:list") + "?domain=werk").content.decode()
    assert "Advies over werk" in body and "stadspas" not in body
    body = client.get(reverse("adviezen_public:list") + "?answered=no").content.decode()
    assert "stadspas" in body and "Advies over werk" not in body
    body = client.get(reverse("adviezen_public:list") + "?q=stadspas").content.decode()
    assert "stadspas" in body and "Advies over werk" not in body


def test_public_page_cache_is_invalidated_by_publish(
    client, secretary, django_capture_on_commit_callbacks
):
    published_advice(title="Eerste advies")
    assert "Eerste advies" in client.get(reverse("adviezen_public:list")).content.decode()
    sent = AdviceFactory(title="Tweede advies", status=Advice.Status.SENT)
    Advice.objects.filter(pk=sent.pk).update(sent_at=sent.created_at)
    assert "Tweede advies" not in client.get(reverse("adviezen_public:list")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.advice_publish(advice=sent, by=secretary)
    assert "Tweede advies" in client.get(reverse("adviezen_public:list")).content.decode()


def _queries(django_assert_max_num_queries, client, url, n):
    with django_assert_max_num_queries(n):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("rows", [1, 10])
def test_public_list_query_count_pinned(council, client, django_assert_num_queries, rows):
    for i in range(rows):
        college_response(published_advice(title=f"Advies {i}"))
    from django.db import connection

    # council settings, years, count, page (SQLite: and the search's candidates)
    with django_assert_num_queries(4 if connection.vendor == "postgresql" else 5):
        assert (
            client.get(reverse("adviezen_public:list") + "?domain=werk&q=Advies").status_code == 200
        )


@pytest.mark.parametrize("rows", [1, 10])
def test_internal_list_and_detail_query_counts(
    client, secretary, django_assert_max_num_queries, rows
):
    advices = [AdviceFactory() for _ in range(rows)]
    client.force_login(secretary)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("adviezen:list")).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(reverse("adviezen:detail", args=[advices[0].pk])).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("adviezen:signal_list")).status_code == 200


def test_member_gets_403_on_chair_and_secretary_actions(client, member, draft):
    client.force_login(member)
    for name in ["chair_approve", "send", "sign", "publish"]:
        assert client.post(reverse(f"adviezen:{name}", args=[draft.pk])).status_code == 403


def test_advisor_sees_only_consultation(client, advisor, draft):
    consult = AdviceFactory(status=Advice.Status.CONSULTATION)
    client.force_login(advisor)
    assert client.get(reverse("adviezen:detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("adviezen:detail", args=[consult.pk])).status_code == 200


def test_signal_form_honeypot_and_rate_limit(client, db):
    from adviezen.models import Signal

    data = {"title": "Wachtlijst", "description": "Lang wachten", "consent": "on"}
    r = client.post(reverse("adviezen_public:signal"), {**data, "website": "spam"})
    assert r.status_code == 302 and Signal.objects.count() == 0
    for _ in range(5):  # the honeypot post stored nothing, so it does not count
        assert client.post(reverse("adviezen_public:signal"), data).status_code == 302
    r = client.post(reverse("adviezen_public:signal"), data)
    assert r.status_code == 429 and "over een uur" in r.content.decode()
    assert Signal.objects.count() == 5
    assert "Bedankt" in client.get(reverse("adviezen_public:signal_thanks")).content.decode()


@pytest.mark.parametrize("value", ["²", "١٢x", "-3", "0", "abc"])
def test_new_advice_ignores_a_signal_parameter_that_is_not_a_number(client, secretary, value):
    """Issue 14, finding 8: ``"²".isdigit()`` is true but ``int("²")`` fails (a 500)."""
    client.force_login(secretary)
    response = client.get(reverse("adviezen:create"), {"signaal": value})
    assert response.status_code == 200
    assert response.context["form"].initial == {}


def test_new_advice_starts_from_the_signal_in_the_link(client, secretary):
    from tests.factories.adviezen import SignalFactory

    signal = SignalFactory()
    client.force_login(secretary)
    response = client.get(reverse("adviezen:create"), {"signaal": str(signal.pk)})
    assert response.context["form"].initial == {"signal": signal.pk}
    assert f'<option value="{signal.pk}" selected>' in response.content.decode()


@pytest.mark.parametrize("rows", [1, 10])
def test_advice_detail_with_an_open_ballot_has_a_constant_query_count(
    client, draft_advice, voters, chair, member, secretary, django_assert_num_queries, rows
):
    """Whatever the number of versions, comments, voters and votes."""
    from tests.adviezen.conftest import written_deadline
    from tests.factories.members import TermFactory, role_user

    for n in range(rows):
        version = services.advice_version_add(advice=draft_advice, by=member, text=f"Versie {n}")
        services.comment_add(version=version, by=member, text="Eens.")
    others = [role_user("Leden") for _ in range(rows)]
    for person in others:
        TermFactory(member=person)
    ballot = services.ballot_open(advice=draft_advice, by=chair, deadline=written_deadline())
    for person in [member, chair, *others]:
        services.vote_cast(ballot=ballot, member=person, choice="yes")
    client.force_login(secretary)
    # session, user, permissions (user, groups), advice (+ joins), versions, history, ballots,
    # unread notifications
    with django_assert_num_queries(11):
        body = client.get(reverse("adviezen:detail", args=[draft_advice.pk])).content.decode()
    assert "Naar de stemming" in body
    # session, user, permissions (user, groups), advice (+ joins), ballot, my vote, eligible,
    # council settings (the rule's threshold), who voted what, the count, council settings (the
    # page's header), unread notifications
    with django_assert_num_queries(13):
        body = client.get(reverse("adviezen:ballot", args=[draft_advice.pk, ballot.pk]))
    assert f"{rows + 2} van {rows + 3} stemgerechtigden hebben gestemd" in body.content.decode()
