"""Applicants' details are erased after the council's retention period and leave no copy
(docs/rules.md, D33, S23)."""

import datetime

import pytest
from django.conf import settings
from django.core import mail

from adviesraad.background.models import OutboxMessage
from adviesraad.models import AuditEntry
from members.models import Application, Assessment, CouncilSettings
from members.recruitment import services
from members.recruitment.tasks import erase_expired_applications, send_applicant_mail
from tests.factories.recruitment import VacancyFactory, pdf_upload

pytestmark = pytest.mark.django_db
D = datetime.date
CLOSES = D(2025, 1, 31)


@pytest.fixture
def council(db):
    cs, _ = CouncilSettings.objects.get_or_create(pk=1)
    cs.applicant_retention_months = 3
    cs.save()
    return cs


@pytest.fixture
def rejected(council, secretary, chair):
    """A rejected applicant with a CV, an assessment, a note, and a rejection still queued."""
    vacancy = VacancyFactory(closes_on=CLOSES)
    application = services.application_submit(
        vacancy=vacancy,
        first_name="Mehmet",
        last_name="Aydin",
        email="mehmet.aydin@voorbeeld.example",
        phone="06-99887766",
        motivation="Ik ken de Participatiewet van binnenuit.",
        reserve_pool=False,
        cv=pdf_upload("Mehmet Aydin cv.pdf"),
        cv_original_name="Mehmet Aydin cv.pdf",
        today=CLOSES,
    )
    services.assessment_save(
        application=application, by=chair, judgement="unsuitable", note="Mehmet praat te veel."
    )
    services.application_transition(
        application=application, by=secretary, to="not_selected", note="Mehmet koos zelf."
    )
    return Application.objects.get(pk=application.pk)


def _run(today):
    return services.applications_erase_expired(today=today)


def test_details_are_kept_through_the_last_day_and_erased_the_day_after(rejected):
    assert _run(D(2025, 4, 30)) == 0
    assert Application.objects.get(pk=rejected.pk).email
    assert _run(D(2025, 5, 1)) == 1
    assert Application.objects.get(pk=rejected.pk).erased_at is not None


def test_changing_the_council_setting_changes_the_outcome(rejected, council):
    council.applicant_retention_months = 6
    council.save()
    assert _run(D(2025, 5, 1)) == 0  # kept: six months now
    council.applicant_retention_months = 1
    council.save()
    assert _run(D(2025, 3, 1)) == 1  # 28 February was the last day with one month


def test_the_reserve_pool_keeps_them_a_year(rejected):
    Application.objects.filter(pk=rejected.pk).update(reserve_pool=True)
    assert _run(D(2026, 1, 31)) == 0
    assert _run(D(2026, 2, 1)) == 1


def test_an_application_in_selection_is_kept(council):
    vacancy = VacancyFactory(closes_on=CLOSES)
    services.application_submit(
        vacancy=vacancy,
        first_name="Kees",
        last_name="van Dam",
        email="kees@voorbeeld.example",
        phone="",
        motivation="x",
        reserve_pool=False,
        today=CLOSES,
    )
    assert _run(D(2030, 1, 1)) == 0


def test_erasure_leaves_no_copy(rejected, django_capture_on_commit_callbacks):
    name, email, phone = "Mehmet", "mehmet.aydin@voorbeeld.example", "06-99887766"
    cv_name, storage = rejected.cv.name, rejected.cv.storage
    assert storage.exists(cv_name)
    pending = OutboxMessage.objects.filter(task_name__startswith="members.recruitment")
    assert pending.exists()  # the confirmation and rejection waiting (no commit in this test)

    with django_capture_on_commit_callbacks(execute=True):
        erased = _run(D(2025, 5, 1))
    assert erased == 1

    application = Application.objects.get(pk=rejected.pk)
    for field in ("first_name", "last_name", "email", "phone", "motivation", "cv_original_name"):
        assert getattr(application, field) == "", field
    assert not application.cv and not storage.exists(cv_name)  # the file is gone
    assert not Assessment.objects.filter(application=application).exists()
    assert not application.transitions.exclude(note="").exists()
    # what stays holds nothing personal: the audit log, the outbox's messages
    for entry in AuditEntry.objects.all():
        text = f"{entry.actor_label} {entry.object_repr} {entry.data}"
        assert name not in text and email not in text and phone not in text, entry.action
    for message in pending:
        assert email not in str(message.args) + str(message.kwargs)
        assert message.args[0] == application.pk
    # a queued e-mail that runs after the erasure finds no address
    assert send_applicant_mail.run(application.pk, "confirmation") is False
    assert send_applicant_mail.run(application.pk, "rejection") is False
    assert mail.outbox == []


def test_the_periodic_task_is_scheduled_and_erases(rejected, monkeypatch):
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert any(
        job["task"] == "members.recruitment.tasks.erase_expired_applications"
        for job in schedule.values()
    )
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: D(2025, 5, 1))
    assert erase_expired_applications.run() == 1


def test_erasing_twice_changes_nothing(rejected):
    services.application_erase(application=rejected)
    first = Application.objects.get(pk=rejected.pk).erased_at
    services.application_erase(application=rejected)
    assert Application.objects.get(pk=rejected.pk).erased_at == first
