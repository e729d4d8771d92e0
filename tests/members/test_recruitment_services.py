"""Recruitment services: applications, selection, interviews, the letter and the appointment."""

import datetime
import subprocess

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from adviesraad.models import AuditEntry
from meetings.models import AgendaPackSending, Meeting
from members.models import Application, ApplicationStatusChange, Assessment, Term, User, Vacancy
from members.recruitment import services
from members.recruitment.invitation import invitation_tokens
from members.recruitment.services import RecruitmentError
from tests.factories.members import TermFactory, role_user
from tests.factories.recruitment import ApplicationFactory, VacancyFactory, pdf_upload

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today


def _submit(vacancy, email="nadia@voorbeeld.example", cv=None, **kwargs):
    return services.application_submit(
        vacancy=vacancy,
        first_name="Nadia",
        last_name="Bouzid",
        email=email,
        phone="06-1",
        motivation="Ik ben mantelzorger.",
        reserve_pool=False,
        cv=cv,
        cv_original_name="mijn cv.pdf" if cv else "",
        **kwargs,
    )


def _walk(application, by, *steps):
    for to in steps:
        application = Application.objects.get(pk=application.pk)
        if to == "invited":
            start = timezone.now() + datetime.timedelta(days=3)
            services.interview_plan(
                application=application,
                by=by,
                start=start,
                end=start + datetime.timedelta(hours=1),
            )
        else:
            services.application_transition(application=application, by=by, to=to)
    return Application.objects.get(pk=application.pk)


# --- applying (D31) ----------------------------------------------------------------------------


def test_an_application_is_stored_with_its_cv_under_a_generated_name_and_confirmed_once(
    django_capture_on_commit_callbacks,
):
    vacancy = VacancyFactory()
    with django_capture_on_commit_callbacks(execute=True):
        application = _submit(vacancy, cv=pdf_upload("mijn cv.pdf"))
    assert application.cv.name.startswith("sollicitaties/") and "cv" not in application.cv.name[14:]
    assert application.cv_original_name == "mijn cv.pdf"
    assert application.cv.storage.exists(application.cv.name)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nadia@voorbeeld.example"]
    assert "Dank u voor uw sollicitatie" in message.body and vacancy.title in message.subject
    # the task again: the guard sends nothing twice
    assert services.applicant_mail_send(application_id=application.pk, kind="confirmation") is False
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("email", ["nadia@voorbeeld.example", "Nadia@Voorbeeld.EXAMPLE "])
def test_a_second_application_from_the_same_address_is_refused(email):
    vacancy = VacancyFactory()
    _submit(vacancy)
    with pytest.raises(RecruitmentError) as refused:
        _submit(vacancy, email=email)
    assert refused.value.field == "email" and "al gesolliciteerd" in refused.value.message
    assert vacancy.applications.count() == 1
    _submit(VacancyFactory(), email=email)  # another vacancy is fine


def test_applying_after_the_closing_date_is_refused():
    vacancy = VacancyFactory(closes_on=TODAY())
    _submit(vacancy)  # the closing day itself
    with pytest.raises(RecruitmentError) as refused:
        _submit(
            vacancy, email="later@voorbeeld.example", today=TODAY() + datetime.timedelta(days=1)
        )
    assert "sluitingsdatum" in refused.value.message
    assert vacancy.applications.count() == 1


@pytest.mark.parametrize("status", [Vacancy.Status.DRAFT, Vacancy.Status.CLOSED])
def test_an_unpublished_or_closed_vacancy_takes_no_applications(status):
    with pytest.raises(RecruitmentError):
        _submit(VacancyFactory(status=status))
    assert not Application.objects.exists()


def test_the_audit_of_an_application_names_no_applicant():
    application = _submit(VacancyFactory())
    entry = AuditEntry.objects.get(action="application.received")
    assert entry.object_repr == f"Sollicitatie {application.pk}"
    assert "Nadia" not in str(entry.data) and "voorbeeld" not in str(entry.data)


# --- selection (D32) ---------------------------------------------------------------------------


def test_each_step_is_recorded_by_whom_and_when(secretary, django_capture_on_commit_callbacks):
    application = ApplicationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        application = _walk(application, secretary, "invited", "interviewed", "not_selected")
    history = list(application.transitions.values_list("from_status", "to_status", "by"))
    assert history == [
        ("received", "invited", secretary.pk),
        ("invited", "interviewed", secretary.pk),
        ("interviewed", "not_selected", secretary.pk),
    ]
    audit = AuditEntry.objects.filter(action="application.status").order_by("id")
    assert [(e.data["to"], e.actor_id) for e in audit] == [
        ("invited", secretary.pk),
        ("interviewed", secretary.pk),
        ("not_selected", secretary.pk),
    ]


def test_not_selected_sends_the_standard_rejection_once(
    secretary, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(email="mehmet@voorbeeld.example")
    with django_capture_on_commit_callbacks(execute=True):
        _walk(application, secretary, "not_selected")
    rejections = [m for m in mail.outbox if "andere kandidaten" in m.body]
    assert [m.to for m in rejections] == [["mehmet@voorbeeld.example"]]
    assert services.applicant_mail_send(application_id=application.pk, kind="rejection") is False


@pytest.mark.parametrize(
    ("steps", "to"),
    [
        ([], "interviewed"),  # skipping the interview
        ([], "proposed"),
        (["withdrawn"], "invited"),  # a final status stays final
        (["not_selected"], "proposed"),
    ],
)
def test_steps_outside_the_table_are_refused(secretary, steps, to):
    application = _walk(ApplicationFactory(), secretary, *steps)
    with pytest.raises(RecruitmentError):
        if to == "invited":
            _walk(application, secretary, "invited")
        else:
            services.application_transition(application=application, by=secretary, to=to)


def test_appointing_is_not_a_plain_step(secretary):
    application = _walk(ApplicationFactory(), secretary, "invited", "interviewed", "proposed")
    with pytest.raises(RecruitmentError):
        services.application_transition(application=application, by=secretary, to="appointed")


def test_only_the_committee_moves_an_application(member, other_member, chair, secretary):
    vacancy = VacancyFactory(committee=[other_member])
    application = ApplicationFactory(vacancy=vacancy)
    with pytest.raises(RecruitmentError):
        services.application_transition(application=application, by=member, to="withdrawn")
    with pytest.raises(RecruitmentError):
        services.assessment_save(application=application, by=member, judgement="suitable")
    for person in (other_member, chair):  # named, and by role
        services.assessment_save(application=application, by=person, judgement="doubt")
    assert Assessment.objects.filter(application=application).count() == 2


def test_an_assessment_is_one_per_committee_member_and_can_change(chair):
    application = ApplicationFactory()
    services.assessment_save(application=application, by=chair, judgement="doubt", note="Eerst")
    services.assessment_save(application=application, by=chair, judgement="suitable", note="Na")
    assert list(application.assessments.values_list("judgement", "note")) == [("suitable", "Na")]
    entry = AuditEntry.objects.filter(action="application.assessed").order_by("-id").first()
    assert entry.data == {"judgement": "suitable"}  # the note is about the applicant


def test_an_interview_is_a_confidential_meeting_and_the_applicant_gets_only_their_invitation(
    secretary, member, django_capture_on_commit_callbacks
):
    TermFactory(member=member)
    application = ApplicationFactory(first_name="Sander", email="sander@voorbeeld.example")
    with django_capture_on_commit_callbacks(execute=True):
        _walk(application, secretary, "invited")
    meeting = Meeting.objects.get()
    assert meeting.kind == Meeting.Kind.INTERVIEW and not meeting.is_public
    assert "Sander" not in meeting.title and "Sander" not in meeting.description
    assert not meeting.items.exists() and not meeting.guests.exists()
    assert not AgendaPackSending.objects.exists()
    assert [m.to for m in mail.outbox] == [["sander@voorbeeld.example"]]
    assert "gesprek" in mail.outbox[0].subject.lower()
    interview = application.interviews.get()
    assert services.interview_invitation_send(interview_id=interview.pk) is False  # once


# --- the letter to the college -----------------------------------------------------------------


def test_the_letter_needs_a_proposed_candidate(secretary):
    vacancy = VacancyFactory()
    ApplicationFactory(vacancy=vacancy)
    with pytest.raises(RecruitmentError):
        services.recommendation_letter_pdf(vacancy=vacancy, by=secretary)


@pytest.mark.poppler
def test_the_letter_proposes_the_candidates_on_the_letterhead(secretary, chair, tmp_path):
    vacancy = VacancyFactory(title="Lid van de adviesraad", knows_wmo=True)
    proposed = _walk(
        ApplicationFactory(vacancy=vacancy, first_name="Kees", last_name="van Dam"),
        secretary,
        "invited",
        "interviewed",
        "proposed",
    )
    ApplicationFactory(vacancy=vacancy, first_name="Joke", last_name="Peters")
    pdf = services.recommendation_letter_pdf(vacancy=vacancy, by=secretary)
    path = tmp_path / "brief.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Adviesraad" in text and "Geacht college" in text
    assert proposed.full_name in text and "Joke" not in text
    assert "kennis van de Wmo" in text and chair.get_full_name() in text
    assert "pagina 1 van 1" in text
    entry = AuditEntry.objects.get(action="vacancy.letter_made")
    assert entry.data == {"candidates": 1}


# --- appointment (D34) -------------------------------------------------------------------------


@pytest.fixture
def proposed(secretary):
    vacancy = VacancyFactory(seats=1, starts_on=TODAY())
    application = ApplicationFactory(
        vacancy=vacancy, first_name="Nadia", last_name="Bouzid", email="Nadia@Voorbeeld.example"
    )
    return _walk(application, secretary, "invited", "interviewed", "proposed")


def _appoint(application, by, start=None):
    return services.application_appoint(
        application=application,
        by=by,
        decided_on=TODAY(),
        document=pdf_upload("besluit.pdf"),
        document_kind="pdf",
        start=start or TODAY(),
    )


def test_appointing_creates_the_account_term_group_checklist_and_invitation(
    secretary, proposed, django_capture_on_commit_callbacks
):
    from tests.factories.recruitment import OnboardingStepFactory

    OnboardingStepFactory(due_days=7)
    OnboardingStepFactory(due_days=30)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        appointment = _appoint(proposed, secretary)
    member = User.objects.get(email__iexact="nadia@voorbeeld.example")
    assert appointment.member == member and member.is_active
    assert not member.has_usable_password()
    assert list(member.groups.values_list("name", flat=True)) == ["Leden"]
    term = Term.objects.get(member=member)
    assert (term.start, term.role, term.sequence) == (TODAY(), "member", 1)
    assert appointment.term == term and appointment.decision_document.name.startswith(
        "benoemingen/"
    )
    assert sorted(member.onboarding_tasks.values_list("due_on", flat=True)) == [
        TODAY() + datetime.timedelta(days=7),
        TODAY() + datetime.timedelta(days=30),
    ]
    proposed.refresh_from_db()
    assert proposed.status == "appointed" and proposed.member == member
    assert Vacancy.objects.get(pk=proposed.vacancy_id).status == Vacancy.Status.FILLED
    (invitation,) = mail.outbox
    assert invitation.to == [member.email] and "/welkom/" in invitation.body


def test_a_chair_is_appointed_with_both_groups(secretary):
    vacancy = VacancyFactory(role=Vacancy.Role.CHAIR)
    application = _walk(
        ApplicationFactory(vacancy=vacancy), secretary, "invited", "interviewed", "proposed"
    )
    member = _appoint(application, secretary).member
    assert sorted(member.groups.values_list("name", flat=True)) == ["Leden", "Voorzitter"]
    assert member.terms.get().role == "chair"


def test_a_full_council_refuses_the_appointment_and_nothing_is_created(secretary, proposed):
    for _ in range(9):
        TermFactory(start=TODAY() - datetime.timedelta(days=10))
    people = User.objects.count()
    with pytest.raises(Exception) as refused:
        _appoint(proposed, secretary)
    assert "zetels" in str(refused.value)
    assert User.objects.count() == people
    proposed.refresh_from_db()
    assert proposed.status == "proposed"


def test_only_a_proposed_candidate_is_appointed(secretary):
    application = _walk(ApplicationFactory(), secretary, "invited", "interviewed")
    with pytest.raises(RecruitmentError):
        _appoint(application, secretary)
    assert not User.objects.filter(email=application.email).exists()


def test_the_invitation_link_works_once(client, secretary, proposed):
    member = _appoint(proposed, secretary).member
    member.refresh_from_db()
    token = invitation_tokens.make_token(member)
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(member.pk))
    response = client.get(f"/welkom/{uid}/{token}/", follow=True)
    assert response.context["validlink"]
    set_url = response.redirect_chain[-1][0]
    client.post(
        set_url, {"new_password1": "Zon-en-Maan-2026!", "new_password2": "Zon-en-Maan-2026!"}
    )
    member.refresh_from_db()
    assert member.check_password("Zon-en-Maan-2026!")
    again = client.get(f"/welkom/{uid}/{token}/", follow=True)
    assert not again.context["validlink"]
    # a password-reset token is no invitation
    from django.contrib.auth.tokens import default_token_generator

    reset = default_token_generator.make_token(member)
    assert not client.get(f"/welkom/{uid}/{reset}/", follow=True).context["validlink"]


def test_the_invitation_link_expires(secretary, proposed, settings, monkeypatch):
    member = _appoint(proposed, secretary).member
    token = invitation_tokens.make_token(member)
    assert invitation_tokens.check_token(member, token)
    later = datetime.datetime.now() + datetime.timedelta(
        seconds=settings.PASSWORD_RESET_TIMEOUT + 1
    )
    monkeypatch.setattr(invitation_tokens, "_now", lambda: later)
    assert not invitation_tokens.check_token(member, token)


def test_a_new_invitation_only_for_who_has_no_password(secretary, proposed):
    member = _appoint(proposed, secretary).member
    services.member_invitation_resend(member=member, by=secretary)
    member.set_password("x-Yz-12345678")
    member.save()
    with pytest.raises(RecruitmentError):
        services.member_invitation_resend(member=member, by=secretary)
    assert services.member_invitation_send(member_id=member.pk) is False


def test_appointing_refuses_an_address_that_already_has_an_account(secretary, proposed):
    role_user("Leden", email="nadia@voorbeeld.example")
    with pytest.raises(RecruitmentError):
        _appoint(proposed, secretary)


# --- vacancies (D30) ---------------------------------------------------------------------------


def test_a_vacancy_is_created_as_a_draft_and_published_only_before_its_closing_date(secretary):
    data = {
        "title": "Lid van de adviesraad",
        "role": "member",
        "seats": 2,
        "starts_on": TODAY(),
        "closes_on": TODAY(),
        "description": "Meedenken.",
    }
    vacancy = services.vacancy_create(by=secretary, data=data, committee=[])
    assert vacancy.status == "draft" and vacancy.slug == "lid-van-de-adviesraad"
    again = services.vacancy_create(by=secretary, data=data, committee=[])
    assert again.slug == "lid-van-de-adviesraad-2"
    with pytest.raises(RecruitmentError):
        services.vacancy_transition(
            vacancy=vacancy, by=secretary, to="published", today=TODAY() + datetime.timedelta(1)
        )
    services.vacancy_transition(vacancy=vacancy, by=secretary, to="published")
    vacancy.refresh_from_db()
    assert vacancy.status == "published" and vacancy.published_at is not None
    with pytest.raises(RecruitmentError):
        services.vacancy_transition(vacancy=vacancy, by=secretary, to="filled")  # close first


def test_publishing_refreshes_the_public_pages(secretary, monkeypatch):
    calls = []
    monkeypatch.setattr(
        "members.recruitment.services.vacancies.public_changed", lambda: calls.append(1)
    )
    vacancy = VacancyFactory(status="draft")
    services.vacancy_transition(vacancy=vacancy, by=secretary, to="published")
    services.vacancy_update(
        vacancy=vacancy, by=secretary, data={"title": "Nieuwe titel"}, committee=[]
    )
    assert len(calls) == 2


def test_members_joined_and_left_selector(django_assert_num_queries):
    from members.selectors import members_joined_and_left

    year = TODAY().year - 1
    for i in range(5):
        TermFactory(start=datetime.date(year, 3, 1 + i), end=datetime.date(year + 3, 2, 28))
        TermFactory(start=datetime.date(year - 4, 1, 1), end=datetime.date(year, 6, 1 + i))
    with django_assert_num_queries(3):
        moves = members_joined_and_left(year=year)
    assert len(moves["joined"]) == 5 and len(moves["left"]) == 5
    assert moves["joined"][0]["on"] == datetime.date(year, 3, 1)
    assert str(moves["left"][0]["role"]) == "lid"
    assert all(isinstance(m["member"], User) for m in moves["joined"] + moves["left"])


def test_applications_keep_no_group_permission_leak():
    """The recruitment permissions went to the roles the migration names, nobody else."""
    advisors = Group.objects.get(name="Bestuursadviseurs")
    assert not advisors.permissions.filter(codename__in=["view_vacancies"]).exists()
    members = Group.objects.get(name="Leden")
    codes = set(members.permissions.values_list("codename", flat=True))
    assert "view_vacancies" in codes and "sit_on_every_committee" not in codes
    assert ApplicationStatusChange._meta.app_label == "members"
