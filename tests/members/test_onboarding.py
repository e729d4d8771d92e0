"""Onboarding: the template, each new member's checklist, who sees it, reminders (D35)."""

import datetime

import pytest
from django.urls import reverse

from adviesraad.background.models import ReminderSent
from adviesraad.background.reminders import sweep_all
from adviesraad.notifications.kinds import KINDS
from members import reminders
from members.models import OnboardingStep, OnboardingTask
from members.onboarding import services
from members.onboarding.models import Owner
from tests.factories.members import role_user
from tests.factories.recruitment import OnboardingStepFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today
START = datetime.date(2025, 3, 3)


@pytest.fixture
def newcomer(db):
    return role_user("Leden", email="nieuw@test.example", first_name="Nadia", last_name="Nieuw")


@pytest.fixture
def checklist(newcomer, secretary):
    OnboardingStepFactory(title="Gesprek met de voorzitter", due_days=14, owner=Owner.MEMBER)
    OnboardingStepFactory(title="Buddy koppelen", due_days=7, owner=Owner.SECRETARY)
    OnboardingStepFactory(title="Oude stap", is_active=False)
    return services.onboarding_start(member=newcomer, start=START, by=secretary)


def test_a_new_member_gets_the_active_steps_with_due_dates(checklist, newcomer, secretary):
    assert sorted((t.title, t.due_on) for t in checklist) == [
        ("Buddy koppelen", START + datetime.timedelta(days=7)),
        ("Gesprek met de voorzitter", START + datetime.timedelta(days=14)),
    ]
    OnboardingStepFactory(title="Training", due_days=90)
    services.onboarding_start(member=newcomer, start=START, by=secretary)  # again: only the new
    assert newcomer.onboarding_tasks.count() == 3


def test_changing_the_template_leaves_handed_out_checklists_alone(checklist, secretary):
    step = OnboardingStep.objects.get(title="Buddy koppelen")
    services.step_update(
        step=step,
        by=secretary,
        data={"title": "Buddy zoeken", "description": "", "due_days": 3, "owner": "secretary"},
    )
    assert OnboardingTask.objects.filter(title="Buddy koppelen").exists()


def test_the_example_list_only_fills_an_empty_template(secretary):
    assert services.steps_take_example(by=secretary) == 5
    with pytest.raises(services.OnboardingError):
        services.steps_take_example(by=secretary)


def test_the_member_and_the_secretary_tick_items_off_and_others_get_404(
    client, checklist, newcomer, secretary, member
):
    task = checklist[0]
    url = reverse("members:onboarding_toggle", args=[task.pk])
    page = reverse("members:onboarding_member", args=[newcomer.pk])
    client.force_login(member)
    assert client.get(page).status_code == 404
    assert client.post(url, {"done": "1"}).status_code == 404
    client.force_login(newcomer)
    assert client.get(page).status_code == 200
    client.post(url, {"done": "1"})
    task.refresh_from_db()
    assert task.is_done and task.done_by == newcomer
    body = client.get(page).content.decode()
    assert "1 van de 2 stappen afgerond." in body
    client.force_login(secretary)
    client.post(url, {"done": "0"})
    task.refresh_from_db()
    assert not task.is_done


@pytest.mark.parametrize("role", ["Leden", "Voorzitter", "Penningmeester", "Bestuursadviseurs"])
def test_the_overview_and_template_are_the_secretarys(client, role):
    client.force_login(role_user(role))
    for name in ("onboarding_overview", "onboarding_steps"):
        assert client.get(reverse(f"members:{name}")).status_code == 403


def test_overdue_items_are_reminded_once_to_whoever_takes_the_step(
    checklist, newcomer, secretary, django_capture_on_commit_callbacks
):
    day = START + datetime.timedelta(days=8)  # the buddy (secretary) is late, the talk is not
    due = reminders.sweep(today=day)
    overdue = [r for r in due if r["kind"] == "onboarding_overdue"]
    assert [(r["recipient"], r["object"].title) for r in overdue] == [(secretary, "Buddy koppelen")]
    with django_capture_on_commit_callbacks(execute=True):
        first = sweep_all(today=day)
        again = sweep_all(today=day + datetime.timedelta(days=1))
    assert first["sent"] >= 1 and again["sent"] == 0
    later = START + datetime.timedelta(days=15)
    with django_capture_on_commit_callbacks(execute=True):
        sweep_all(today=later)
        sweep_all(today=later + datetime.timedelta(days=3))
    sent = ReminderSent.objects.filter(kind="onboarding_overdue")
    assert sorted((r.recipient_id, r.day) for r in sent) == [
        (newcomer.pk, START + datetime.timedelta(days=14)),
        (secretary.pk, START + datetime.timedelta(days=7)),
    ]
    assert "onboarding_overdue" in KINDS


def test_a_done_item_is_not_reminded(checklist, newcomer, secretary):
    for task in checklist:
        services.task_set_done(task=task, by=newcomer, done=True)
    assert not [
        r
        for r in reminders.sweep(today=START + datetime.timedelta(days=30))
        if r["kind"] == "onboarding_overdue"
    ]


def test_the_dashboard_shows_onboarding_in_progress_and_open_vacancies(
    client, checklist, newcomer, secretary
):
    from tests.factories.recruitment import VacancyFactory

    VacancyFactory(title="Lid gezocht")
    client.force_login(secretary)
    body = client.get("/dashboard/").content.decode()
    assert "Open vacatures" in body and "Lid gezocht" in body
    assert "Nadia Nieuw" in body and "0 van 2 stappen" in body
    client.force_login(newcomer)
    body = client.get("/dashboard/").content.decode()
    assert "Jouw inwerkprogramma" in body and "0 van de 2 stappen" in body


@pytest.mark.parametrize("n", [3, 30])
def test_overview_query_count_is_pinned(client, secretary, n, django_assert_num_queries):
    OnboardingStepFactory.create_batch(4)
    for _ in range(n):
        services.onboarding_start(member=role_user("Leden"), start=TODAY(), by=secretary)
    client.force_login(secretary)
    url = reverse("members:onboarding_overview")
    client.get(url)
    with django_assert_num_queries(9):  # session, user, members, steps, the form's people
        response = client.get(url)
    assert len(response.context["members"]) == n


@pytest.mark.parametrize("n", [3, 30])
def test_checklist_query_count_is_pinned(client, secretary, newcomer, n, django_assert_num_queries):
    OnboardingStepFactory.create_batch(n)
    tasks = services.onboarding_start(member=newcomer, start=TODAY(), by=secretary)
    for task in tasks[::2]:
        services.task_set_done(task=task, by=secretary, done=True)
    client.force_login(newcomer)
    url = reverse("members:onboarding_member", args=[newcomer.pk])
    client.get(url)
    with django_assert_num_queries(9):
        assert client.get(url).status_code == 200
