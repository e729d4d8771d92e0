"""The advices in the annual report: the college's average response time, on the page and in
the PDF (``selectors.advice_year_summary``)."""

from __future__ import annotations

import datetime
import html
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from adviezen.models import Advice
from adviezen.selectors import advice_year_summary
from tests.factories.adviezen import AdviceFactory, college_response
from tests.factories.budget import BudgetYearFactory


def _body(response) -> str:
    return html.unescape(response.content.decode())


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
