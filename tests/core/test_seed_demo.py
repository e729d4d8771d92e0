"""``seed_demo``: a newcomer's first look. Every capability shows up in it, and a second run
changes nothing."""

import datetime
import io

import pytest
from django.core.management import call_command

from adviezen.models import Advice, Ballot, CollegeResponse, Signal
from adviezen.selectors import responses_overdue
from budget.models import BudgetYear, Declaration
from meetings.models import AgendaItem, Meeting
from members.demo import DEMO_PASSWORD, LOGINS
from members.models import Application, OnboardingTask, User, Vacancy

pytestmark = pytest.mark.django_db


def _counts() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (
            Advice,
            Ballot,
            CollegeResponse,
            Signal,
            Meeting,
            AgendaItem,
            Declaration,
            Vacancy,
            Application,
            OnboardingTask,
        )
    }


def test_the_demo_shows_every_capability_and_loads_once(django_capture_on_commit_callbacks):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=out)
    for email, *_rest in LOGINS:
        assert email in out.getvalue()
        user = User.objects.get(email=email)
        assert user.is_active and user.check_password(DEMO_PASSWORD), email

    statuses = set(Advice.objects.values_list("status", flat=True))
    assert statuses == set(Advice.Status.values), set(Advice.Status.values) - statuses
    published = Advice.objects.filter(status=Advice.Status.PUBLISHED, is_public=True)
    assert published.count() >= 3
    # a lived-in history: publications on different days, answered weeks after sending
    assert len({a.published_at.date() for a in published}) >= 3
    for response in CollegeResponse.objects.select_related("advice"):
        assert response.received_on > response.advice.sent_at.date()
    assert responses_overdue(today=datetime.date.today()), "an overdue response to show"
    assert {s.status for s in Signal.objects.all()} >= {
        Signal.Status.NEW,
        Signal.Status.LINKED,
        Signal.Status.REFERRED,
        Signal.Status.CLOSED,
    }
    assert Meeting.objects.exists() and AgendaItem.objects.exists()
    assert BudgetYear.objects.exists()
    assert len(set(Declaration.objects.values_list("status", flat=True))) >= 3
    # recruitment: applications in every status, one appointed, their onboarding half done
    assert set(Application.objects.values_list("status", flat=True)) == set(
        Application.Status.values
    )
    assert Vacancy.objects.filter(status=Vacancy.Status.PUBLISHED).exists()
    appointed = Application.objects.get(status=Application.Status.APPOINTED).member
    assert appointed.terms.exists() and appointed.check_password(DEMO_PASSWORD)
    tasks = OnboardingTask.objects.filter(member=appointed)
    done = tasks.filter(done_at__isnull=False).count()
    assert 0 < done < tasks.count() and abs(2 * done - tasks.count()) <= 1

    before = _counts()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())
    assert _counts() == before
    _reads_like_a_councils_year()


def _reads_like_a_councils_year():
    """Issue 13.16: no eighteen identical action items, no single deadline day, no signals all
    from today."""
    from django.utils import timezone

    from meetings.models import ActionItem

    today = timezone.localdate()
    from collections import Counter

    actions = list(ActionItem.objects.all())
    assert len(actions) >= 6
    assert Counter(a.description for a in actions).most_common(1)[0][1] <= 2
    open_dues = sorted({a.due_date for a in actions if not a.done})
    assert len(open_dues) >= 5
    assert any(d < today for d in open_dues), "one action is late"
    ahead = [d for d in open_dues if d >= today]
    assert (ahead[-1] - ahead[0]).days >= 21, "open deadlines spread over the coming weeks"
    deadlines = set(Advice.objects.values_list("deadline", flat=True))
    assert len(deadlines) >= 10
    received = [s.received_at for s in Signal.objects.all()]
    assert len({timezone.localdate(r) for r in received}) == len(received) >= 6
    assert (max(received) - min(received)).days >= 90
    titles = AgendaItem.objects.filter(section="signals").values_list("title", flat=True)
    assert len(set(titles)) >= 10
