import datetime

import factory
from django.contrib.auth.models import Group

from members.models import Term, User, WorkingGroup, WorkingGroupMembership

PASSWORD = "pw-Adviesraad-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@test.example")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))
        if create:
            self.save()


def role_user(*role_names, **kwargs) -> User:
    return UserFactory(roles=list(role_names), **kwargs)


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    member = factory.SubFactory(UserFactory, roles=["Leden"])
    role = Term.Role.MEMBER
    start = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=100))
    end = factory.LazyAttribute(
        lambda o: o.start.replace(year=o.start.year + 4) - datetime.timedelta(days=1)
    )
    sequence = 1


def active_member(**kwargs) -> User:
    """A member with a term covering today."""
    user = role_user("Leden", **kwargs)
    TermFactory(member=user)
    return user


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    name = factory.Sequence(lambda n: f"Werkgroep {n}")
    domain = WorkingGroup.Domain.WERK


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroupMembership

    group = factory.SubFactory(WorkingGroupFactory)
    member = factory.SubFactory(UserFactory)
    start = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=30))
