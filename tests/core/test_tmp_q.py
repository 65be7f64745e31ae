import pytest
from kokoma.municipalities.models import Municipality, RegisterEntry
@pytest.mark.django_db
def test_x():
    for m in Municipality.objects.select_related("register"):
        print(m.register.ags, repr(m.name), m.phase, m.register.population, m.register.land)
    for r in RegisterEntry.objects.filter(participation__isnull=True):
        print(r.ags, repr(r.name), r.population)
