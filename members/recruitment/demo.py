"""Demo data for recruitment and onboarding (run by ``seed_demo`` after the other apps).

A vacancy whose selection is under way, with an application in every status: one candidate
appointed by the college (an account, a first term, a checklist half done) and one proposed;
and an open vacancy on the public site, made from the seat planning. The applicants are
invented; everything goes through the services, so the audit log reads as it would.
"""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from meetings.models import Location
from members.demo import DEMO_PASSWORD
from members.models import User
from members.onboarding import services as onboarding
from members.onboarding.models import OnboardingStep, OnboardingTask

from . import services
from .models import Application, Vacancy
from .selectors import vacancy_openings

MARKER = "Lid van de adviesraad (selectie loopt)"
NEW_MEMBER_EMAIL = "nieuw.lid@adviesraad.example"
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
    b"0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n164\n%%EOF\n"
)
S = Application.Status
# (first name, last name, e-mail, where their application ends up)
APPLICANTS = [
    ("Nadia", "Bouzid", NEW_MEMBER_EMAIL, S.APPOINTED),
    ("Kees", "van Dam", "kees.vandam@voorbeeld.example", S.PROPOSED),
    ("Linda", "Hoekstra", "linda.hoekstra@voorbeeld.example", S.INTERVIEWED),
    ("Sander", "Kok", "sander.kok@voorbeeld.example", S.INVITED),
    ("Yvonne", "Brouwer", "yvonne.brouwer@voorbeeld.example", S.RECEIVED),
    ("Mehmet", "Aydin", "mehmet.aydin@voorbeeld.example", S.NOT_SELECTED),
    ("Joke", "Peters", "joke.peters@voorbeeld.example", S.WITHDRAWN),
]
PATH = {  # the steps after receipt that lead to each status
    S.RECEIVED: [],
    S.INVITED: [S.INVITED],
    S.INTERVIEWED: [S.INVITED, S.INTERVIEWED],
    S.PROPOSED: [S.INVITED, S.INTERVIEWED, S.PROPOSED],
    S.APPOINTED: [S.INVITED, S.INTERVIEWED, S.PROPOSED, S.APPOINTED],
    S.NOT_SELECTED: [S.INVITED, S.INTERVIEWED, S.NOT_SELECTED],
    S.WITHDRAWN: [S.WITHDRAWN],
}
DESCRIPTION = (
    "Als lid denk je mee over werk, inkomen, zorg en jeugd in onze gemeente. De raad vergadert "
    "twaalf keer per jaar op dinsdagavond; daarnaast werk je in een werkgroep. Reken op zes "
    "tot acht uur per maand. Je krijgt een vacatievergoeding per vergadering."
)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def seed(log, today: datetime.date, people: dict) -> None:
    if Vacancy.objects.filter(title=MARKER).exists():
        log("  recruitment: demo data already present")
        return
    secretary, chair = people["secretaris"], people["voorzitter"]
    if not OnboardingStep.objects.exists():
        onboarding.steps_take_example(by=secretary)
    location, _ = Location.objects.get_or_create(
        name="Gemeentehuis, raadzaal", defaults={"address": "Markt 1"}
    )
    closes = today - datetime.timedelta(days=60)
    vacancy = services.vacancy_create(
        by=secretary,
        data={
            "title": MARKER,
            "role": Vacancy.Role.MEMBER,
            "seats": 2,
            "starts_on": today - datetime.timedelta(days=45),
            "closes_on": closes,
            "description": DESCRIPTION,
            "profile": "Inwoners die zelf ervaring hebben met ondersteuning van de gemeente.",
            "knows_wmo": True,
            "knows_jeugdwet": True,
            "lived_experience": True,
        },
        committee=[people["lid"]],
    )
    services.vacancy_transition(
        vacancy=vacancy, by=secretary, to=Vacancy.Status.PUBLISHED, today=closes
    )
    for i, (first, last, email, final) in enumerate(APPLICANTS):
        application = services.application_submit(
            vacancy=vacancy,
            first_name=first,
            last_name=last,
            email=email,
            phone=f"06-1234567{i}",
            motivation=(
                f"Ik ben {first} en woon al twintig jaar in de gemeente. Als mantelzorger "
                "weet ik hoe het is om hulp aan te vragen, en dat wil ik meegeven aan de raad."
            ),
            reserve_pool=i % 2 == 0,
            cv=SimpleUploadedFile(f"cv-{first.lower()}.pdf", PDF, "application/pdf"),
            cv_original_name=f"cv-{first.lower()}.pdf",
            today=closes - datetime.timedelta(days=10 - i),
        )
        _walk(application, PATH[final], secretary, chair, location, today)
    vacancy = Vacancy.objects.get(pk=vacancy.pk)
    services.vacancy_transition(vacancy=vacancy, by=secretary, to=Vacancy.Status.CLOSED)
    _appointed_member_half_done(today)
    _open_vacancy(secretary, today)
    log(
        f"  recruitment: {Vacancy.objects.count()} vacancies, "
        f"{Application.objects.count()} applications; new member {NEW_MEMBER_EMAIL} "
        f"(password: {DEMO_PASSWORD}) is onboarding"
    )


def _walk(application, steps, secretary, chair, location, today) -> None:
    interview_day = today - datetime.timedelta(days=50)
    for to in steps:
        application = Application.objects.get(pk=application.pk)
        if to == S.INVITED:
            day = interview_day if len(steps) > 1 else today + datetime.timedelta(days=7)
            services.interview_plan(
                application=application,
                by=secretary,
                start=_at(day, 19),
                end=_at(day, 20),
                location=location,
            )
            services.assessment_save(
                application=application, by=chair, judgement="suitable", note="Sterke brief."
            )
        elif to == S.APPOINTED:
            services.application_appoint(
                application=application,
                by=secretary,
                decided_on=today - datetime.timedelta(days=48),
                document=SimpleUploadedFile("collegebesluit.pdf", PDF, "application/pdf"),
                document_kind="pdf",
                start=today - datetime.timedelta(days=45),
            )
        else:
            services.application_transition(application=application, by=secretary, to=to)


def _appointed_member_half_done(today: datetime.date) -> None:
    """The new member chose a password and did the first half of their checklist."""
    member = User.objects.get(email=NEW_MEMBER_EMAIL)
    member.set_password(DEMO_PASSWORD)
    member.save(update_fields=["password"])
    tasks = list(OnboardingTask.objects.filter(member=member).order_by("due_on", "id"))
    for task in tasks[: (len(tasks) + 1) // 2]:
        onboarding.task_set_done(task=task, by=member, done=True)


def _open_vacancy(secretary, today: datetime.date) -> None:
    """A vacancy on the public site for the next member seat the seat planning shows."""
    future = [
        o
        for o in vacancy_openings(today=today)
        if o["opening"].role == "member" and o["remaining"] and o["opening"].by > today
    ]
    starts_on = future[0]["opening"].by if future else today + datetime.timedelta(days=120)
    seats = future[0]["remaining"] if future else 1
    vacancy = services.vacancy_create(
        by=secretary,
        data={
            "title": "Lid van de adviesraad",
            "role": Vacancy.Role.MEMBER,
            "seats": seats,
            "starts_on": starts_on,
            "closes_on": today + datetime.timedelta(days=28),
            "description": DESCRIPTION,
            "profile": "Wij zoeken vooral jongere inwoners en mensen met ervaring met werk en inkomen.",
            "knows_participatiewet": True,
            "lived_experience": True,
            "neighbourhood": "Wheermolen",
        },
        committee=[],
    )
    services.vacancy_transition(vacancy=vacancy, by=secretary, to=Vacancy.Status.PUBLISHED)
