import factory

from adviesraad.background.models import OutboxMessage, ReminderSent
from adviesraad.notifications.models import Notification
from tests.factories.members import UserFactory


class OutboxMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutboxMessage

    task_name = "adviesraad.background.tasks.selftest_write"
    args = factory.Sequence(lambda n: [f"key-{n}"])
    state = OutboxMessage.State.SUCCEEDED


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = "general"
    title = factory.Sequence(lambda n: f"Melding {n}")
    url = "/dashboard/"


class ReminderSentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReminderSent

    kind = "general"
    object_type = "members.user"
    object_id = factory.Sequence(str)
    recipient = factory.SubFactory(UserFactory)
    day = factory.Faker("date_object")
    subject = factory.Sequence(lambda n: f"Herinnering {n}")
