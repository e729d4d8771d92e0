import datetime

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from members.models import Application, OnboardingStep, Vacancy
from members.onboarding.models import Owner

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
    b"0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n164\n%%EOF\n"
)


def pdf_upload(name: str = "cv.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, "application/pdf")


class VacancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vacancy
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Lid van de adviesraad {n}")
    slug = factory.Sequence(lambda n: f"lid-van-de-adviesraad-{n}")
    role = Vacancy.Role.MEMBER
    seats = 1
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=90))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=21))
    description = "Denk mee over werk, inkomen, zorg en jeugd."
    status = Vacancy.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def committee(self, create, extracted, **kwargs):
        if create and extracted:
            self.committee.set(extracted)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    vacancy = factory.SubFactory(VacancyFactory)
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.Sequence(lambda n: f"sollicitant{n}@voorbeeld.example")
    phone = "06-12345678"
    motivation = "Ik wil meedenken over de Wmo."
    consent_at = factory.LazyFunction(timezone.now)
    status = Application.Status.RECEIVED


class OnboardingStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OnboardingStep

    title = factory.Sequence(lambda n: f"Inwerkstap {n}")
    due_days = 14
    owner = Owner.MEMBER
    position = factory.Sequence(lambda n: n)
