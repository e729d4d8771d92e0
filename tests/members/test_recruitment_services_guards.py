"""The recruitment services' guards: an erased application is never appointed, and every step
keeps who took it and the note given with it."""

import datetime

import pytest
from django.utils import timezone

from members.models import Application, User, Vacancy
from members.recruitment import services
from members.recruitment.services import RecruitmentError
from tests.factories.recruitment import ApplicationFactory, VacancyFactory, pdf_upload
from tests.members.test_recruitment_services import _walk

pytestmark = pytest.mark.django_db


def _appoint(application, by):
    return services.application_appoint(
        application=application,
        by=by,
        decided_on=timezone.localdate(),
        document=pdf_upload("besluit.pdf"),
        document_kind="pdf",
        start=timezone.localdate(),
    )


@pytest.fixture
def proposed(secretary):
    application = ApplicationFactory(
        vacancy=VacancyFactory(seats=1, starts_on=timezone.localdate())
    )
    return _walk(application, secretary, "invited", "interviewed", "proposed")


def test_an_erased_application_is_not_appointed_even_when_proposed(secretary, proposed):
    Application.objects.filter(pk=proposed.pk).update(erased_at=timezone.now())
    proposed.refresh_from_db()
    with pytest.raises(RecruitmentError, match="voorgedragen"):
        _appoint(proposed, secretary)
    assert not User.objects.filter(email__iexact=proposed.email).exists()
    proposed.refresh_from_db()
    assert proposed.status == "proposed"


def test_the_appointment_step_is_recorded_with_who_took_it(secretary, proposed):
    _appoint(proposed, secretary)
    last = proposed.transitions.order_by("id").last()
    assert (last.to_status, last.by_id) == ("appointed", secretary.pk)


def test_a_step_keeps_the_note_given_with_it(secretary):
    application = _walk(ApplicationFactory(), secretary, "invited", "interviewed")
    services.application_transition(
        application=application, by=secretary, to="withdrawn", note="Trekt zich terug"
    )
    last = application.transitions.order_by("id").last()
    assert (last.to_status, last.note, last.by_id) == (
        "withdrawn",
        "Trekt zich terug",
        secretary.pk,
    )


def test_a_vacancy_step_is_recorded_with_who_took_it(secretary):
    vacancy = VacancyFactory(status=Vacancy.Status.DRAFT, published_at=None)
    services.vacancy_transition(
        vacancy=vacancy,
        by=secretary,
        to=Vacancy.Status.PUBLISHED,
        today=vacancy.closes_on - datetime.timedelta(days=1),
    )
    last = vacancy.transitions.order_by("id").last()
    assert (last.to_status, last.by_id) == ("published", secretary.pk)
