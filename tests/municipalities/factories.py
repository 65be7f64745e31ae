import factory

from kokoma.municipalities.models import Land, RegisterEntry


class RegisterEntryFactory(factory.django.DjangoModelFactory[RegisterEntry]):
    """An invented register row; AGS 09 9xx xxx keeps clear of the real keys in the test slice."""

    class Meta:
        model = RegisterEntry

    ags = factory.Sequence(lambda n: f"099{n:05d}")
    ars = factory.LazyAttribute(lambda entry: f"{entry.ags[:5]}0000{entry.ags[5:]}")
    name = factory.Sequence(lambda n: f"Musterstadt {n}")
    land = Land.BY
    kreis_ags = factory.LazyAttribute(lambda entry: entry.ags[:5])
    kreis_name = "Landkreis Muster"
    population = factory.Sequence(lambda n: 1000 + n)
