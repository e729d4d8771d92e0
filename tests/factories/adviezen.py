import datetime

import factory
from django.utils import timezone

from adviezen.models import Advice, AdviceVersion, CollegeResponse, Dossier, Signal
from members.models import WorkingGroup


class DossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dossier

    title = factory.Sequence(lambda n: f"Dossier {n}")
    domain = WorkingGroup.Domain.WERK
    status = Dossier.Status.ACCEPTED


class SignalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signal

    source = Signal.Source.RESIDENT
    title = factory.Sequence(lambda n: f"Signaal {n}")
    description = "Wachttijden bij de schuldhulp zijn lang."
    contact_name = "Jan Inwoner"
    contact_email = "jan@inwoner.example"


class AdviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Advice

    title = factory.Sequence(lambda n: f"Advies over thema {n}")
    slug = factory.Sequence(lambda n: f"advies-{n}")
    reference = factory.Sequence(lambda n: f"AR-2020-{n:04d}")
    origin = Advice.Origin.REQUESTED
    kind = Advice.Kind.FORMAL
    domain = WorkingGroup.Domain.WERK
    status = Advice.Status.DRAFT
    request_date = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=30))


class VersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdviceVersion

    advice = factory.SubFactory(AdviceFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "<p>De adviesraad adviseert het college om de regeling te verruimen.</p>"


def published_advice(**kwargs) -> Advice:
    """A formal advice that went all the way to the public site."""
    now = timezone.now()
    defaults = {
        "status": Advice.Status.PUBLISHED,
        "is_public": True,
        "published_at": now,
        "sent_at": now - datetime.timedelta(days=1),
        "final_text": "<p>De adviesraad adviseert het college om de regeling te verruimen.</p>",
        "summary": "Verruim de regeling.",
    }
    defaults.update(kwargs)
    return AdviceFactory(**defaults)


def college_response(advice, **kwargs) -> CollegeResponse:
    return CollegeResponse.objects.create(
        advice=advice,
        received_on=kwargs.pop("received_on", datetime.date.today()),
        summary=kwargs.pop("summary", "Het college neemt het advies over."),
        **kwargs,
    )
