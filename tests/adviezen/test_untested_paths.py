"""Three built but untested paths: a signal put on a meeting agenda from triage, the internal
version comparison page, and the college's response time in the annual report figures."""

from __future__ import annotations

import datetime
import html
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from adviesraad.models import AuditEntry
from adviezen import services
from adviezen.models import Advice, Signal, SignalTransition
from adviezen.selectors import advice_year_summary
from meetings import services as meeting_services
from meetings.models import AgendaItem, Meeting
from tests.factories.adviezen import (
    AdviceFactory,
    DossierFactory,
    SignalFactory,
    VersionFactory,
    college_response,
)
from tests.factories.budget import BudgetYearFactory
from tests.factories.meetings import AgendaItemFactory, MeetingFactory, at
from tests.factories.members import UserFactory


def _body(response) -> str:
    return html.unescape(response.content.decode())


# --- 1. signal → meeting agenda (triage) ------------------------------------------------------


@pytest.fixture
def signal(db):
    return SignalFactory(title="Lange wachttijd schuldhulp", description="Drie maanden wachten.")


@pytest.fixture
def meeting(db):
    return MeetingFactory(title="Plenaire vergadering juni", start=at(14))


def _agenda(client, signal, meeting_pk, note="Bespreken in de raad"):
    return client.post(
        reverse("adviezen:signal", args=[signal.pk]),
        {"action": "agenda", "meeting": meeting_pk, "note": note},
    )


def _nothing_changed(signal):
    signal.refresh_from_db()
    assert signal.status == Signal.Status.NEW
    assert signal.triage_note == ""
    assert not AgendaItem.objects.filter(signal=signal).exists()
    assert not SignalTransition.objects.filter(signal=signal).exists()
    assert not AuditEntry.objects.filter(action__in=["signal.status", "agenda_item.added"]).exists()


@pytest.mark.parametrize("role", ["secretary", "chair"])
def test_triage_puts_signal_on_agenda_with_linked_item_transition_and_audit(
    request, client, signal, meeting, role
):
    user = request.getfixturevalue(role)
    AgendaItemFactory(meeting=meeting, section=AgendaItem.Section.SIGNALS, position=0)
    client.force_login(user)

    response = _agenda(client, signal, meeting.pk)

    assert response.status_code == 302
    assert response["Location"] == reverse("adviezen:signal", args=[signal.pk])
    item = AgendaItem.objects.get(signal=signal)
    assert item.meeting == meeting
    assert item.section == AgendaItem.Section.SIGNALS
    assert item.position == 1  # after the item already in the section
    assert item.title == "Signaal: Lange wachttijd schuldhulp"
    assert item.description == "Drie maanden wachten."
    assert item.is_public is False  # a resident's signal is discussed in the closed part
    signal.refresh_from_db()
    assert signal.status == Signal.Status.ON_AGENDA
    assert signal.triage_note == "Bespreken in de raad"
    transition = SignalTransition.objects.get(signal=signal)
    assert (transition.from_status, transition.to_status) == ("new", "on_agenda")
    assert transition.by == user and transition.note == "Bespreken in de raad"
    status_audit = AuditEntry.objects.get(action="signal.status", object_id=str(signal.pk))
    assert status_audit.actor == user
    assert status_audit.data == {"from": "new", "to": "on_agenda"}
    item_audit = AuditEntry.objects.get(action="agenda_item.added", object_id=str(item.pk))
    assert item_audit.data == {"meeting": meeting.pk}

    page = _body(client.get(response["Location"]))
    assert "Het signaal is bijgewerkt." in page
    assert "geagendeerd" in page  # the status badge, in Dutch


def test_signal_leaves_the_triage_board_once_on_the_agenda(client, secretary, signal, meeting):
    client.force_login(secretary)
    board = _body(client.get(reverse("adviezen:signal_list")))
    assert "Nieuw (1)" in board
    _agenda(client, signal, meeting.pk)
    board = _body(client.get(reverse("adviezen:signal_list")))
    assert "Nieuw (0)" in board and "In onderzoek (0)" in board


def test_signal_in_investigation_can_be_put_on_agenda(client, secretary, signal, meeting):
    services.signal_investigate(signal=signal, by=secretary)
    client.force_login(secretary)
    assert _agenda(client, signal, meeting.pk).status_code == 302
    signal.refresh_from_db()
    assert signal.status == Signal.Status.ON_AGENDA
    assert list(
        SignalTransition.objects.filter(signal=signal).values_list("from_status", "to_status")
    ) == [("new", "investigating"), ("investigating", "on_agenda")]
    assert AgendaItem.objects.filter(signal=signal, meeting=meeting).count() == 1
    history = _body(client.get(reverse("adviezen:signal", args=[signal.pk])))
    assert "nieuw → in onderzoek" in history and "in onderzoek → geagendeerd" in history
    assert "on_agenda" not in history


@pytest.mark.parametrize("role", ["member", "advisor"])
def test_user_without_triage_right_is_refused_and_nothing_changes(
    request, client, signal, meeting, role
):
    client.force_login(request.getfixturevalue(role))
    assert _agenda(client, signal, meeting.pk).status_code == 403
    _nothing_changed(signal)


def test_member_sees_own_signal_without_triage_form_and_not_others(client, member, signal, meeting):
    own = SignalFactory(title="Mijn eigen signaal", recorded_by=member)
    client.force_login(member)
    page = _body(client.get(reverse("adviezen:signal", args=[own.pk])))
    assert "Mijn eigen signaal" in page
    assert "Actie uitvoeren" not in page
    assert client.get(reverse("adviezen:signal", args=[signal.pk])).status_code == 404
    assert _agenda(client, own, meeting.pk).status_code == 403
    own.refresh_from_db()
    assert own.status == Signal.Status.NEW
    assert not AgendaItem.objects.filter(signal=own).exists()


def test_anonymous_is_sent_to_login_and_nothing_changes(client, signal, meeting):
    response = _agenda(client, signal, meeting.pk)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")
    _nothing_changed(signal)


def test_held_meeting_is_not_offered_and_the_service_refuses_it_and_rolls_back(
    client, secretary, signal, meeting
):
    # A future meeting already marked as held is not among the choices; if the service is
    # called with it anyway, the agenda rule refuses it and the signal's status change in the
    # same transaction is undone.
    meeting_services.meeting_transition(meeting=meeting, by=secretary, to_status="held")
    client.force_login(secretary)

    page = _body(client.get(reverse("adviezen:signal", args=[signal.pk])))
    choices = re.search(r'<select name="meeting".*?</select>', page, re.S)
    assert choices and f'value="{meeting.pk}"' not in choices.group(0)
    response = _agenda(client, signal, meeting.pk)
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in _body(response)
    _nothing_changed(signal)

    with pytest.raises(meeting_services.MeetingError, match="al gehouden"):
        services.signal_put_on_agenda(signal=signal, by=secretary, meeting=meeting, note="x")
    signal.refresh_from_db()
    assert signal.status == Signal.Status.NEW
    assert signal.triage_note == ""
    assert not AgendaItem.objects.filter(signal=signal).exists()
    assert not SignalTransition.objects.filter(signal=signal).exists()
    assert not AuditEntry.objects.filter(action="signal.status").exists()


def test_meeting_that_started_today_and_is_not_held_is_still_offered(client, secretary, signal):
    started = MeetingFactory(
        start=timezone.localtime().replace(hour=0, minute=1), status=Meeting.Status.AGENDA_SENT
    )
    client.force_login(secretary)
    assert _agenda(client, signal, started.pk).status_code == 302
    assert AgendaItem.objects.filter(signal=signal, meeting=started).count() == 1


def test_past_meeting_is_not_a_valid_choice(client, secretary, signal):
    past = MeetingFactory(start=at(-7), status=Meeting.Status.HELD)
    client.force_login(secretary)
    response = _agenda(client, signal, past.pk)
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in _body(response)
    _nothing_changed(signal)


@pytest.mark.parametrize(
    ("meeting_pk", "message"),
    [
        ("999999", "Selecteer een geldige keuze"),
        ("geen-getal", "Selecteer een geldige keuze"),
        ("", "Kies de vergadering."),
    ],
)
def test_unknown_or_missing_meeting_gives_dutch_error(
    client, secretary, signal, meeting_pk, message
):
    client.force_login(secretary)
    response = _agenda(client, signal, meeting_pk)
    assert response.status_code == 200
    assert message in _body(response)
    _nothing_changed(signal)


def test_putting_on_agenda_twice_keeps_one_item(client, secretary, signal, meeting):
    client.force_login(secretary)
    assert _agenda(client, signal, meeting.pk).status_code == 302
    other = MeetingFactory(start=at(21))

    response = _agenda(client, signal, other.pk, note="Nog een keer")

    assert response.status_code == 200
    assert "Dit signaal kan niet van 'geagendeerd' naar 'geagendeerd'." in _body(response)
    assert AgendaItem.objects.filter(signal=signal).count() == 1
    assert not AgendaItem.objects.filter(meeting=other).exists()
    assert SignalTransition.objects.filter(signal=signal).count() == 1
    signal.refresh_from_db()
    assert signal.triage_note == "Bespreken in de raad"


def test_linked_signal_can_come_back_on_a_later_agenda(secretary, signal, meeting):
    """``linked → on_agenda`` is in the table: a dossier's signal can be discussed again."""
    dossier = DossierFactory()
    services.signal_put_on_agenda(signal=signal, by=secretary, meeting=meeting)
    services.signal_link_dossier(signal=signal, by=secretary, dossier=dossier)
    later = MeetingFactory(start=at(28))
    item = services.signal_put_on_agenda(signal=signal, by=secretary, meeting=later)
    assert item.meeting == later and item.signal == signal
    assert AgendaItem.objects.filter(signal=signal).count() == 2
    signal.refresh_from_db()
    assert signal.status == Signal.Status.ON_AGENDA and signal.dossier == dossier


# --- 2. version comparison ------------------------------------------------------------------


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
    # transitions (prefetched though unused here), council settings, unread notifications
    with django_assert_num_queries(9):
        assert client.get(_compare_url(two_versions, "?a=1&b=2")).status_code == 200


# --- 3. college response time in the annual figures ----------------------------------------


YEAR = 2024


def _local(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _sent_with_response(sent: datetime.datetime, received: datetime.date | None, **kwargs):
    advice = AdviceFactory(
        status=Advice.Status.SENT,
        sent_at=sent,
        request_date=kwargs.pop("request_date", sent.date() - datetime.timedelta(days=40)),
        **kwargs,
    )
    if received is not None:
        college_response(advice, received_on=received)
    return advice


def test_year_summary_average_response_days(db):
    _sent_with_response(_local(datetime.date(YEAR, 3, 1)), datetime.date(YEAR, 3, 11))  # 10
    _sent_with_response(_local(datetime.date(YEAR, 5, 1)), datetime.date(YEAR, 5, 21))  # 20
    _sent_with_response(_local(datetime.date(YEAR, 6, 1)), None)  # no answer yet
    data = advice_year_summary(year=YEAR)
    assert data["responses"] == 2
    assert data["average_response_days"] == 15
    assert data["requested"]["sent"] == 3


def test_year_summary_rounds_to_nearest_day(db):
    for days in (10, 11, 11):  # 10.67 → 11, not truncated to 10
        sent = _local(datetime.date(YEAR, 2, 1))
        _sent_with_response(sent, sent.date() + datetime.timedelta(days=days))
    assert advice_year_summary(year=YEAR)["average_response_days"] == 11


@pytest.mark.parametrize(("spans", "average"), [((10, 11), 11), ((11, 12), 12), ((3,), 3)])
def test_year_summary_rounds_halves_up(db, spans, average):
    for days in spans:
        sent = _local(datetime.date(YEAR, 3, 1))
        _sent_with_response(sent, sent.date() + datetime.timedelta(days=days))
    assert advice_year_summary(year=YEAR)["average_response_days"] == average


def test_year_summary_without_responses_is_none(db):
    _sent_with_response(_local(datetime.date(YEAR, 6, 1)), None)
    data = advice_year_summary(year=YEAR)
    assert data["responses"] == 0
    assert data["average_response_days"] is None


def test_year_summary_counts_responses_received_in_the_year_only(db):
    # Sent in December, answered in January: counts in the year of the answer.
    _sent_with_response(_local(datetime.date(YEAR - 1, 12, 15)), datetime.date(YEAR, 1, 10))  # 26
    _sent_with_response(_local(datetime.date(YEAR - 1, 12, 1)), datetime.date(YEAR - 1, 12, 31))
    _sent_with_response(_local(datetime.date(YEAR, 12, 20)), datetime.date(YEAR + 1, 1, 1))
    _sent_with_response(_local(datetime.date(YEAR, 12, 1)), datetime.date(YEAR, 12, 31))  # 30
    data = advice_year_summary(year=YEAR)
    assert data["responses"] == 2
    assert data["average_response_days"] == 28
    assert advice_year_summary(year=YEAR - 1)["responses"] == 1
    assert advice_year_summary(year=YEAR - 1)["average_response_days"] == 30
    assert advice_year_summary(year=YEAR + 1)["average_response_days"] == 12


def test_year_summary_ignores_responses_to_advices_never_sent(db):
    _sent_with_response(_local(datetime.date(YEAR, 3, 1)), datetime.date(YEAR, 3, 8))  # 7
    unsent = AdviceFactory(status=Advice.Status.APPROVED, sent_at=None)
    college_response(unsent, received_on=datetime.date(YEAR, 4, 1))
    data = advice_year_summary(year=YEAR)
    assert data["responses"] == 1
    assert data["average_response_days"] == 7


def test_year_summary_measures_from_the_local_sending_date(db):
    # 00:30 in Amsterdam on 2 March is still 1 March in UTC; the letter is dated 2 March.
    _sent_with_response(
        _local(datetime.date(YEAR, 3, 2), hour=0, minute=30), datetime.date(YEAR, 3, 12)
    )
    assert advice_year_summary(year=YEAR)["average_response_days"] == 10


def test_annual_report_page_and_pdf_show_the_response_time(client, secretary):
    from pypdf import PdfReader

    from budget.pdf import annual_report_pdf

    budget_year = BudgetYearFactory(year=YEAR)
    _sent_with_response(_local(datetime.date(YEAR, 3, 1)), datetime.date(YEAR, 3, 11))
    _sent_with_response(_local(datetime.date(YEAR, 5, 1)), datetime.date(YEAR, 5, 21))
    client.force_login(secretary)

    page = _body(client.get(reverse("budget:annual_report", args=[YEAR])))
    assert "Het college reageerde op 2 adviezen, gemiddeld na 15 dagen." in page

    reader = PdfReader(io.BytesIO(annual_report_pdf(budget_year)))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Het college reageerde op 2 adviezen, gemiddeld na 15 dagen." in text


def test_annual_report_page_without_responses_says_so(client, secretary):
    BudgetYearFactory(year=YEAR)
    _sent_with_response(_local(datetime.date(YEAR, 3, 1)), None)
    client.force_login(secretary)
    page = _body(client.get(reverse("budget:annual_report", args=[YEAR])))
    assert "Er is dit jaar nog geen reactie van het college geregistreerd." in page
    assert "gemiddeld na" not in page


def test_annual_report_page_singular_response(client, secretary):
    BudgetYearFactory(year=YEAR)
    _sent_with_response(_local(datetime.date(YEAR, 3, 1)), datetime.date(YEAR, 3, 4))
    client.force_login(secretary)
    page = _body(client.get(reverse("budget:annual_report", args=[YEAR])))
    assert "Het college reageerde op 1 advies, gemiddeld na 3 dagen." in page
