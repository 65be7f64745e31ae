"""Demo institutions of the actor landscape; every institution and person is invented."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from kokoma.accounts.models import Membership, MembershipRole, User
from kokoma.cases.models import Case
from kokoma.directory import services
from kokoma.directory.models import Institution, InstitutionKind
from kokoma.municipalities.models import Municipality

COTTBUS, BAUTZEN, GREIFSWALD, HAMELN = "12052000", "14625020", "13075039", "03252006"

K = InstitutionKind


@dataclass(frozen=True)
class DemoInstitution:
    name: str
    kind: str
    competences: str
    description: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    # (name, function, e-mail, phone)
    contacts: list[tuple[str, str, str, str]] = field(default_factory=list)
    # (case title, role)
    cases: list[tuple[str, str]] = field(default_factory=list)


DIRECTORY: dict[str, list[DemoInstitution]] = {
    COTTBUS: [
        DemoInstitution(
            "Ordnungsamt – Sachgebiet Sondernutzung",
            K.ADMINISTRATION,
            "Genehmigungen, Nutzung öffentlicher Raum",
            "Erteilt Sondernutzungserlaubnisse für Plätze und Straßen.",
            "Rathausplatz 1",
            "0355 000 1101",
            "ordnungsamt@kommune.example",
            contacts=[("Petra Lindqvist", "Sachgebietsleitung", "", "0355 000 1102")],
            cases=[("Nutzung des Stadthallenvorplatzes", "prüft die Nutzungsregeln für den Platz")],
        ),
        DemoInstitution(
            "Jugendclub Sonnenhof",
            K.YOUTH_WORK,
            "Jugendarbeit, Streetwork, Arabisch",
            "Offener Treff mit aufsuchender Jugendarbeit in der Innenstadt.",
            "Am Sonnenhof 7",
            "0355 000 2201",
            "team@sonnenhof.example",
            contacts=[
                ("Malte Okonkwo", "Streetworker", "m.okonkwo@sonnenhof.example", ""),
                ("Rania Haddad-Berger", "Leitung", "r.haddad@sonnenhof.example", ""),
            ],
            cases=[("Nutzung des Stadthallenvorplatzes", "vermittelt zu den Jugendlichen")],
        ),
        DemoInstitution(
            "Beratungsstelle Brückenschlag",
            K.COUNSELLING,
            "Opferberatung, Mediation, Konfliktberatung",
            "Beratung für Betroffene rechter und rassistischer Gewalt, Mediation.",
            "Lindenweg 12",
            "0355 000 3301",
            "kontakt@brueckenschlag.example",
            "https://brueckenschlag.example",
            contacts=[("Dr. Ines Warnholz", "Beraterin", "i.warnholz@brueckenschlag.example", "")],
            cases=[
                (
                    "Proteste gegen Gemeinschaftsunterkunft Sachsendorf",
                    "berät bedrohte Ehrenamtliche",
                )
            ],
        ),
        DemoInstitution(
            "Polizeiinspektion – Kontaktbereich Süd",
            K.POLICE,
            "Versammlungslagen, Prävention",
            "Kontaktbereichsbeamt:innen für die südlichen Stadtteile.",
            phone="0355 000 4401",
            contacts=[("Holger Brennecke", "Kontaktbereichsbeamter", "", "0355 000 4402")],
            cases=[
                (
                    "Proteste gegen Gemeinschaftsunterkunft Sachsendorf",
                    "Ansprechpartner für Versammlungen",
                )
            ],
        ),
        DemoInstitution(
            "Nachbarschaftsverein Lindenviertel e. V.",
            K.CIVIL_SOCIETY,
            "Nachbarschaftsarbeit, Moderation",
            "Organisiert Feste und einen monatlichen Nachbarschaftstreff.",
            "Lindenviertel 3",
            email="post@lindenviertel.example",
            contacts=[("Gisela Tammerich", "Vorsitzende", "", "")],
            cases=[("Streit um Moscheeverein im Gewerbegebiet", "moderiert den Runden Tisch")],
        ),
        DemoInstitution(
            "Evangelische Kirchengemeinde am Markt",
            K.RELIGIOUS_COMMUNITY,
            "Interreligiöser Dialog, Räume",
            "Stellt Räume für Gespräche zur Verfügung.",
            contacts=[("Hanna Vogelsang", "Pfarrerin", "", "")],
        ),
    ],
    BAUTZEN: [
        DemoInstitution(
            "Bürgermeisteramt – Stabsstelle Bürgerdialog",
            K.MAYORS_OFFICE,
            "Bürgerdialog, Moderation",
            "Koordiniert Bürgerversammlungen und den Dialog mit der Stadtgesellschaft.",
            phone="03591 000 100",
            contacts=[("Frank Liebscher", "Referent", "f.liebscher@kommune.example", "")],
            cases=[("Versammlungen am Kornmarkt", "lädt zum Bürgerdialog ein")],
        ),
        DemoInstitution(
            "Offene Jugendarbeit Gesundbrunnen",
            K.YOUTH_WORK,
            "Jugendarbeit, Streetwork, Arabisch, Dari",
            contacts=[("Yasmin Rehfeld", "Sozialarbeiterin", "", "03591 000 210")],
            cases=[("Jugendtreff am Gesundbrunnen", "aufsuchende Arbeit im Park")],
        ),
        DemoInstitution(
            "Kulturforum Spreebogen e. V.",
            K.CIVIL_SOCIETY,
            "Kulturarbeit, Moderation",
            "Veranstaltet Lesungen und Gesprächsabende.",
            contacts=[("Lukas Nowotny", "Vorstand", "info@spreebogen.example", "")],
        ),
        DemoInstitution(
            "Oberschule am Schilfweg",
            K.SCHOOL,
            "Schulsozialarbeit, Demokratiebildung",
            contacts=[("Andrea Pietsch", "Schulsozialarbeiterin", "", "")],
            cases=[("Jugendtreff am Gesundbrunnen", "Kontakt zu den Schüler:innen")],
        ),
        DemoInstitution(
            "Lokalzeitung Oberland-Bote",
            K.MEDIA,
            "Öffentlichkeitsarbeit",
            website="https://oberland-bote.example",
        ),
    ],
    GREIFSWALD: [
        DemoInstitution(
            "Amt für Integration und Soziales",
            K.ADMINISTRATION,
            "Unterbringung, Integration",
            contacts=[("Jens Harmsdorf", "Amtsleiter", "", "03834 000 300")],
            cases=[("Unterbringung in Containerdorf Ostseeviertel", "verantwortet die Unterkunft")],
        ),
        DemoInstitution(
            "Ehrenamtsnetz Ostseeviertel",
            K.CIVIL_SOCIETY,
            "Ehrenamt, Sprachkurse",
            contacts=[("Merle Johannsen", "Koordinatorin", "netz@ostseeviertel.example", "")],
            cases=[("Unterbringung in Containerdorf Ostseeviertel", "organisiert Patenschaften")],
        ),
        DemoInstitution(
            "Mediationsstelle Küste",
            K.COUNSELLING,
            "Mediation, Konfliktberatung",
            contacts=[("Ole Brüggemann", "Mediator", "", "")],
        ),
        DemoInstitution(
            "Stadtteilzentrum Schönwalde",
            K.SOCIAL_WORK,
            "Gemeinwesenarbeit, Räume",
        ),
        DemoInstitution(
            "Gemeindebüro der Moscheegemeinde",
            K.RELIGIOUS_COMMUNITY,
            "Interreligiöser Dialog, Arabisch",
            contacts=[("Samir Al-Karimi", "Vorstand", "", "")],
        ),
    ],
    HAMELN: [
        DemoInstitution(
            "Citymanagement Hameln-Innenstadt",
            K.BUSINESS,
            "Handel, Innenstadt",
            contacts=[("Birte Kallweit", "Citymanagerin", "", "05151 000 500")],
            cases=[("Runder Tisch Innenstadt", "vertritt den Einzelhandel")],
        ),
        DemoInstitution(
            "Fraktionsübergreifender Arbeitskreis Zusammenleben",
            K.POLITICS,
            "Ratsarbeit",
        ),
        DemoInstitution(
            "Streetwork Weserufer",
            K.YOUTH_WORK,
            "Streetwork, Jugendarbeit, Russisch",
            contacts=[("Kevin Stolzenberg", "Streetworker", "", "")],
            cases=[("Runder Tisch Innenstadt", "bringt die Perspektive der Jugendlichen ein")],
        ),
        DemoInstitution(
            "Präventionsrat der Stadt",
            K.ADMINISTRATION,
            "Prävention, Moderation",
            contacts=[("Sabine Wendehorst", "Geschäftsführung", "", "")],
            cases=[("Runder Tisch Innenstadt", "moderiert den Runden Tisch")],
        ),
        DemoInstitution(
            "Seniorenbeirat",
            K.OTHER,
            "Seniorenarbeit",
        ),
    ],
}


def _tandem_user(municipality: Municipality) -> User | None:
    membership = (
        Membership.objects.filter(
            municipality=municipality,
            role__in=[MembershipRole.LOCAL_COMPANION, MembershipRole.EXTERNAL_COMPANION],
        )
        .select_related("user")
        .order_by("-role", "pk")  # the local companion first
        .first()
    )
    return membership.user if membership else None


def load_demo_directory() -> None:
    """Create the demo institutions of the municipalities that have cases; safe to run twice."""
    for ags, institutions in DIRECTORY.items():
        municipality = Municipality.objects.with_register().filter(register__ags=ags).first()
        if municipality is None or not Case.objects.filter(municipality=municipality).exists():
            continue
        tandem = _tandem_user(municipality)
        if tandem is None:
            continue
        for spec in institutions:
            _demo_institution(spec, municipality, tandem)


@transaction.atomic
def _demo_institution(spec: DemoInstitution, municipality: Municipality, tandem: User) -> None:
    if Institution.objects.filter(municipality=municipality, name__iexact=spec.name).exists():
        return
    institution = services.create_institution(
        municipality=municipality,
        by=tandem,
        name=spec.name,
        kind=spec.kind,
        competences=spec.competences,
        description=spec.description,
        address=spec.address,
        phone=spec.phone,
        email=spec.email,
        website=spec.website,
    )
    for name, function, email, phone in spec.contacts:
        services.add_contact(
            institution,
            by=tandem,
            name=name,
            function=function,
            email=email,
            phone=phone,
            consent_given=True,
        )
    for title, role in spec.cases:
        case = Case.objects.filter(municipality=municipality, title=title).first()
        if case is not None:
            services.link_case(institution, by=tandem, case=case, role=role)
