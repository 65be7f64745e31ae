import factory

from kokoma.accounts.models import ProgrammeRole, User


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@kokoma.test")
    display_name = factory.Faker("name", locale="de_DE")
    password = factory.django.Password("a-long-test-password")


class PoolCompanionFactory(UserFactory):
    programme_role = ProgrammeRole.EXTERNAL_COMPANION
