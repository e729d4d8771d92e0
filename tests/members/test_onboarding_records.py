"""What the onboarding services record: the example template in its order, and audit entries
that say which checklist, from when, and which item."""

import datetime

import pytest

from adviesraad.models import AuditEntry
from members.models import OnboardingStep
from members.onboarding import services
from members.onboarding.services import EXAMPLE_STEPS, OnboardingError
from tests.factories.members import role_user
from tests.factories.recruitment import OnboardingStepFactory

pytestmark = pytest.mark.django_db


def test_the_example_template_keeps_its_order(secretary):
    assert services.steps_take_example(by=secretary) == len(EXAMPLE_STEPS)
    steps = list(OnboardingStep.objects.order_by("position").values_list("position", "title"))
    assert steps == [(n, str(step[0])) for n, step in enumerate(EXAMPLE_STEPS, start=1)]
    with pytest.raises(OnboardingError):
        services.steps_take_example(by=secretary)


def test_starting_and_ticking_are_recorded_with_the_day_and_the_item(secretary):
    OnboardingStepFactory(title="Kennismaken", due_days=7)
    OnboardingStepFactory(title="Stukken lezen", due_days=14)
    newcomer = role_user("Leden")
    tasks = services.onboarding_start(
        member=newcomer, start=datetime.date(2026, 3, 2), by=secretary
    )
    started = AuditEntry.objects.get(action="onboarding.started")
    assert started.data == {"start": "2026-03-02", "items": 2}
    services.task_set_done(task=tasks[0], by=newcomer, done=True)
    done = AuditEntry.objects.get(action="onboarding.item_done")
    assert done.data == {"item": tasks[0].pk} and done.actor_id == newcomer.pk
