"""Onboarding selectors: one member's checklist in order with what is overdue, the secretary's
overview with its counts, the dashboard's numbers, the template's steps, pinned queries."""

import datetime

import pytest
from django.http import Http404
from django.utils import timezone

from members.models import OnboardingTask
from members.onboarding import selectors
from members.onboarding.models import Owner
from tests.factories.members import role_user
from tests.factories.recruitment import OnboardingStepFactory

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2025, 3, 17)
DAY = datetime.timedelta(days=1)


def _task(member, *, due_on, position=0, done=False, title="Stap", **kwargs):
    return OnboardingTask.objects.create(
        **kwargs,
        member=member,
        title=title,
        owner=Owner.MEMBER,
        position=position,
        due_on=due_on,
        done_at=timezone.now() if done else None,
    )


# Ties are tested on rows written in the opposite of the order expected: without the
# tie-breaker the database would return them in the order it meets them.
OLDER, NEWER = 900_001, 900_002


@pytest.fixture
def newcomer(db):
    return role_user("Leden", email="nieuw@test.example", first_name="Nadia", last_name="Nieuw")


# --- checklist_for ---------------------------------------------------------------------------


def test_a_checklist_is_in_the_templates_order_then_by_due_date(newcomer):
    late_first = _task(newcomer, position=1, due_on=TODAY + 9 * DAY)
    last = _task(newcomer, position=2, due_on=TODAY)
    early_first = _task(newcomer, position=1, due_on=TODAY + 3 * DAY)
    got = selectors.checklist_for(user=newcomer, member_id=newcomer.pk, today=TODAY)
    assert [r["task"].pk for r in got["rows"]] == [early_first.pk, late_first.pk, last.pk]


def test_items_with_one_place_and_due_date_are_in_the_order_they_were_made(newcomer):
    newer = _task(newcomer, position=1, due_on=TODAY, id=NEWER)
    older = _task(newcomer, position=1, due_on=TODAY, id=OLDER)
    got = selectors.checklist_for(user=newcomer, member_id=newcomer.pk, today=TODAY)
    assert [r["task"].pk for r in got["rows"]] == [older.pk, newer.pk]


def test_an_open_item_is_overdue_from_the_day_after_its_due_date_and_a_done_one_never(newcomer):
    _task(newcomer, position=1, due_on=TODAY - DAY, title="gisteren")
    _task(newcomer, position=2, due_on=TODAY, title="vandaag")
    _task(newcomer, position=3, due_on=TODAY + DAY, title="morgen")
    _task(newcomer, position=4, due_on=TODAY - 9 * DAY, done=True, title="af")
    got = selectors.checklist_for(user=newcomer, member_id=newcomer.pk, today=TODAY)
    assert [(r["task"].title, r["overdue"]) for r in got["rows"]] == [
        ("gisteren", True),
        ("vandaag", False),
        ("morgen", False),
        ("af", False),
    ]
    assert (got["member"], got["done"], got["total"], got["progress"]) == (newcomer, 1, 4, 25)


def test_the_secretary_sees_any_checklist_and_another_member_gets_404(newcomer, secretary, member):
    _task(newcomer, due_on=TODAY, done=True)
    _task(newcomer, due_on=TODAY)
    _task(newcomer, due_on=TODAY)
    got = selectors.checklist_for(user=secretary, member_id=newcomer.pk, today=TODAY)
    assert (got["done"], got["total"], got["progress"]) == (1, 3, 33)
    with pytest.raises(Http404):
        selectors.checklist_for(user=member, member_id=newcomer.pk, today=TODAY)


def test_an_empty_checklist_is_complete(newcomer):
    got = selectors.checklist_for(user=newcomer, member_id=newcomer.pk, today=TODAY)
    assert (got["rows"], got["done"], got["total"], got["progress"]) == ([], 0, 0, 100)


# --- task_get_for_user -----------------------------------------------------------------------


def test_ticking_an_item_reads_it_with_its_member_in_one_query(newcomer, django_assert_num_queries):
    task = _task(newcomer, due_on=TODAY)
    with django_assert_num_queries(1):
        found = selectors.task_get_for_user(user=newcomer, pk=task.pk)
        assert found.member.email == "nieuw@test.example"


# --- my_open_items ---------------------------------------------------------------------------


def test_the_dashboard_counts_the_users_own_items_done_and_in_all(newcomer, member):
    _task(newcomer, due_on=TODAY, done=True)
    _task(newcomer, due_on=TODAY, done=True)
    _task(newcomer, due_on=TODAY)
    _task(member, due_on=TODAY, done=True)
    assert selectors.my_open_items(user=newcomer) == (2, 3)
    assert selectors.my_open_items(user=role_user("Leden")) == (0, 0)


# --- step_list -------------------------------------------------------------------------------


def test_the_template_lists_the_steps_in_use_by_their_place(db):
    third = OnboardingStepFactory(position=3)
    OnboardingStepFactory(position=1, is_active=False)
    first = OnboardingStepFactory(position=1)
    newer_second = OnboardingStepFactory(position=2, id=NEWER)
    older_second = OnboardingStepFactory(position=2, id=OLDER)
    found = [s.pk for s in selectors.step_list()]
    assert found == [first.pk, older_second.pk, newer_second.pk, third.pk]


# --- onboarding_members and in_progress ------------------------------------------------------


def test_the_overview_counts_each_new_members_items(secretary, newcomer):
    _task(newcomer, due_on=TODAY - DAY)  # overdue
    _task(newcomer, due_on=TODAY - 3 * DAY)  # overdue
    _task(newcomer, due_on=TODAY)  # due today: not yet overdue
    _task(newcomer, due_on=TODAY - 5 * DAY, done=True)  # done late: not overdue
    _task(newcomer, due_on=TODAY + 20 * DAY, done=True)
    role_user("Leden")  # no checklist: not in the overview
    [got] = selectors.onboarding_members(user=secretary, today=TODAY)
    assert got == newcomer
    assert (got.n_items, got.n_done, got.n_overdue) == (5, 2, 2)
    assert (got.first_due, got.last_due) == (TODAY - 5 * DAY, TODAY + 20 * DAY)


def test_the_overview_is_for_the_secretary_only(newcomer, chair):
    _task(newcomer, due_on=TODAY)
    assert list(selectors.onboarding_members(user=chair, today=TODAY)) == []


def test_the_overview_shows_the_latest_checklist_first_then_by_name(secretary):
    def person(first, last, last_due, **kwargs):
        user = role_user("Leden", first_name=first, last_name=last, **kwargs)
        _task(user, due_on=TODAY - 30 * DAY)
        _task(user, due_on=last_due)
        return user

    bakker_zeger = person("Zeger", "Bakker", TODAY, id=NEWER)
    aalders = person("Zoë", "Aalders", TODAY - 10 * DAY)
    bakker_anna = person("Anna", "Bakker", TODAY, id=OLDER)
    claes = person("Bob", "Claes", TODAY)
    newest = person("Wim", "Zomer", TODAY + DAY)
    found = list(selectors.onboarding_members(user=secretary, today=TODAY))
    assert found == [newest, bakker_anna, bakker_zeger, claes, aalders]


def test_in_progress_leaves_out_whoever_finished_and_gives_the_others_a_percentage(secretary):
    finished, halfway, started = (role_user("Leden") for _ in range(3))
    for done in (True, True):
        _task(finished, due_on=TODAY, done=done)
    for done in (True, False):
        _task(halfway, due_on=TODAY, done=done)
    for done in (True, False, False):
        _task(started, due_on=TODAY, done=done)
    members = selectors.in_progress(selectors.onboarding_members(user=secretary, today=TODAY))
    assert sorted((m.pk, m.progress) for m in members) == [(halfway.pk, 50), (started.pk, 33)]
