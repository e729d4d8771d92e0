"""Every write on the onboarding checklist (docs/rules.md, D35)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from adviesraad.audit import audit_record
from adviesraad.errors import DomainError

from . import rules
from .models import OnboardingStep, OnboardingTask, Owner

STEP_FIELDS = ("title", "description", "due_days", "owner")

# The example checklist the secretary may take over (and then change) on a fresh install.
EXAMPLE_STEPS = [
    (
        gettext_lazy("Kennismakingsgesprek met de voorzitter"),
        gettext_lazy("Plan zelf een gesprek van een uur; de secretaris geeft het nummer."),
        14,
        Owner.MEMBER,
    ),
    (
        gettext_lazy("Buddy koppelen"),
        gettext_lazy("Een ervaren lid is het eerste halfjaar het aanspreekpunt."),
        7,
        Owner.SECRETARY,
    ),
    (
        gettext_lazy("Werkafspraken en jaarplan lezen"),
        gettext_lazy("De werkafspraken met de gemeente en het jaarplan van dit jaar."),
        21,
        Owner.MEMBER,
    ),
    (
        gettext_lazy("Kennismaken met elke werkgroep"),
        gettext_lazy("Schuif aan bij een overleg van Werk, Inkomen en Wmo en Jeugd."),
        60,
        Owner.MEMBER,
    ),
    (
        gettext_lazy("Training sociaal domein volgen"),
        gettext_lazy("De basistraining over de Wmo, de Participatiewet en de Jeugdwet."),
        90,
        Owner.MEMBER,
    ),
]


class OnboardingError(DomainError):
    pass


def _check_step(step: OnboardingStep) -> None:
    if not step.title.strip():
        raise OnboardingError(_("Geef de stap een naam."), field="title")
    if step.owner not in Owner.values:
        raise OnboardingError(_("Kies wie deze stap zet."), field="owner")


@transaction.atomic
def step_create(*, by: Any, data: dict[str, Any]) -> OnboardingStep:
    """Add a step at the end of the checklist template."""
    last = OnboardingStep.objects.aggregate(m=Max("position"))["m"]
    step = OnboardingStep(**{f: data[f] for f in STEP_FIELDS}, position=(last or 0) + 1)
    _check_step(step)
    step.save()
    audit_record(actor=by, action="onboarding.step_created", obj=step)
    return step


@transaction.atomic
def step_update(*, step: OnboardingStep, by: Any, data: dict[str, Any]) -> OnboardingStep:
    """Change a step of the template; checklists already handed out keep their copy."""
    step = OnboardingStep.objects.select_for_update().get(pk=step.pk)
    for field in STEP_FIELDS:
        setattr(step, field, data[field])
    _check_step(step)
    step.save()
    audit_record(actor=by, action="onboarding.step_updated", obj=step)
    return step


@transaction.atomic
def step_retire(*, step: OnboardingStep, by: Any) -> None:
    """Take a step out of the template (new members no longer get it)."""
    OnboardingStep.objects.filter(pk=step.pk).update(is_active=False)
    audit_record(actor=by, action="onboarding.step_retired", obj=step)


@transaction.atomic
def steps_take_example(*, by: Any) -> int:
    """Fill an empty template with the example checklist; a template in use is left alone."""
    if OnboardingStep.objects.filter(is_active=True).exists():
        raise OnboardingError(_("Er staan al stappen op de lijst."))
    for position, (title, description, days, owner) in enumerate(EXAMPLE_STEPS, start=1):
        OnboardingStep.objects.create(
            title=str(title),
            description=str(description),
            due_days=days,
            owner=owner,
            position=position,
        )
    audit_record(actor=by, action="onboarding.example_taken", data={"steps": len(EXAMPLE_STEPS)})
    return len(EXAMPLE_STEPS)


@transaction.atomic
def onboarding_start(*, member: Any, start: datetime.date, by: Any) -> list[OnboardingTask]:
    """Give a new member the checklist: each step of the template with its due date
    (``rules.onboarding_due_on``). Starting again adds only steps they do not have yet."""
    tasks = []
    for step in OnboardingStep.objects.filter(is_active=True):
        task, _created = OnboardingTask.objects.get_or_create(
            member=member,
            step=step,
            defaults={
                "title": step.title,
                "description": step.description,
                "owner": step.owner,
                "position": step.position,
                "due_on": rules.onboarding_due_on(start=start, due_days=step.due_days),
            },
        )
        tasks.append(task)
    audit_record(
        actor=by,
        action="onboarding.started",
        obj=member,
        data={"start": start.isoformat(), "items": len(tasks)},
    )
    return tasks


@transaction.atomic
def task_set_done(*, task: OnboardingTask, by: Any, done: bool) -> OnboardingTask:
    """Tick an item off (or open it again). The member and the secretary may; the view
    checks who asks."""
    task = OnboardingTask.objects.select_for_update().get(pk=task.pk)
    if done == task.is_done:
        return task
    task.done_at = timezone.now() if done else None
    task.done_by = by if done else None
    task.save(update_fields=["done_at", "done_by"])
    audit_record(
        actor=by,
        action="onboarding.item_done" if done else "onboarding.item_reopened",
        obj=task.member,
        data={"item": task.pk},
    )
    return task
