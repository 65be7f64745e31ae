"""Load the invented demo: programme office, companions, five municipalities with their tandems.

Idempotent: a second run finds everything in place and creates nothing twice. Everything is
written through the services the UI uses, so the demo is validated and audited like real use
(`tests/demo/test_through_services.py` keeps it so). Every person, contact and log entry is
invented; municipality names and keys come from the official register.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from kokoma.accounts import services as accounts
from kokoma.accounts.models import Membership, MembershipRole, ProgrammeRole, User
from kokoma.demo.boards import load_demo_boards
from kokoma.demo.cases import load_demo_cases
from kokoma.demo.consultation import load_demo_consultation
from kokoma.demo.dialogue import load_demo_dialogues
from kokoma.demo.directory import load_demo_directory
from kokoma.demo.forum import load_demo_forum
from kokoma.demo.guidance import ensure_guidance
from kokoma.demo.library import load_demo_library
from kokoma.demo.network import load_demo_network
from kokoma.demo.outcomes import load_demo_history
from kokoma.demo.prevention import load_demo_prevention
from kokoma.demo.prevention_measures import load_demo_situation
from kokoma.demo.process import walk_process
from kokoma.demo.supervision import load_demo_supervision
from kokoma.demo.training import load_demo_cohorts, load_demo_curriculum
from kokoma.demo.transfer import load_demo_transfer
from kokoma.demo.work_log import write_work_log
from kokoma.municipalities import services
from kokoma.municipalities.models import CounsellingStructure, Municipality, Phase, RegisterEntry

DEMO_PASSWORD = "kokoma-demo"
DOMAIN = "kokoma.example"


@dataclass(frozen=True)
class DemoUser:
    email: str
    name: str
    programme_role: str = ""
    municipality: str = ""  # AGS
    role: str = ""
    function: str = ""

    @property
    def address(self) -> str:
        return f"{self.email}@{DOMAIN}"


COTTBUS, BAUTZEN, GREIFSWALD, KAISERSLAUTERN, HAMELN = (
    "12052000",
    "14625020",
    "13075039",
    "07312000",
    "03252006",
)

USERS = [
    DemoUser("servicestelle", "Henrike Albers", programme_role=ProgrammeRole.OFFICE),
    DemoUser("extern", "Jonas Weidmann", programme_role=ProgrammeRole.EXTERNAL_COMPANION),
    DemoUser("extern2", "Mira Osterkamp", programme_role=ProgrammeRole.EXTERNAL_COMPANION),
    DemoUser("supervision", "Dr. Ruth Neumeier", programme_role=ProgrammeRole.SUPERVISOR),
    DemoUser("trainer", "Dr. Judith Kallweit", programme_role=ProgrammeRole.TRAINER),
    DemoUser("supervision2", "Benedikt Hallwachs", programme_role=ProgrammeRole.SUPERVISOR),
    DemoUser("expertin", "Prof. Dr. Leonie Harthausen", programme_role=ProgrammeRole.EXPERT),
    DemoUser(
        "lokal.cottbus",
        "Svenja Krautmann",
        municipality=COTTBUS,
        role=MembershipRole.LOCAL_COMPANION,
        function="Koordinierungsstelle Integration",
    ),
    DemoUser(
        "akteur.cottbus",
        "Tobias Brandhorst",
        municipality=COTTBUS,
        role=MembershipRole.ACTOR,
        function="Jugendamt",
    ),
    DemoUser(
        "gremium.cottbus",
        "Aylin Demirtaş-Voigt",
        municipality=COTTBUS,
        role=MembershipRole.BOARD_MEMBER,
        function="Lokaler Beirat, Vertretung Migrant:innenorganisationen",
    ),
    DemoUser(
        "weiterbildung.cottbus",
        "Lena Marquardt",
        municipality=COTTBUS,
        role=MembershipRole.TRAINEE,
        function="Quartiersmanagement Sandow",
    ),
    DemoUser(
        "lokal.bautzen",
        "Friedrich Lenzner",
        municipality=BAUTZEN,
        role=MembershipRole.LOCAL_COMPANION,
        function="Stabsstelle Bürgerbeteiligung",
    ),
    DemoUser(
        "akteur.bautzen",
        "Katrin Wendisch",
        municipality=BAUTZEN,
        role=MembershipRole.ACTOR,
        function="Ordnungsamt",
    ),
    DemoUser(
        "lokal.greifswald",
        "Ole Brüggemann",
        municipality=GREIFSWALD,
        role=MembershipRole.LOCAL_COMPANION,
        function="Präventionsrat",
    ),
]

# (AGS, external companion, joined, phase path with dates, Partnership for Democracy)
MUNICIPALITIES: list[dict[str, Any]] = [
    {
        "ags": COTTBUS,
        "external": "extern",
        "joined": datetime.date(2024, 2, 1),
        "phases": [
            (Phase.KICKOFF, datetime.date(2024, 4, 15)),
            (Phase.ACTIVE, datetime.date(2024, 9, 1)),
        ],
        "pfd": "Partnerschaft für Demokratie Cottbus",
        "description": "Stadt im Strukturwandel der Lausitz; Konflikte um Zuwanderung und Nutzung öffentlicher Räume.",
    },
    {
        "ags": BAUTZEN,
        "external": "extern",
        "joined": datetime.date(2025, 3, 1),
        "phases": [(Phase.KICKOFF, datetime.date(2025, 6, 2))],
        "pfd": "Partnerschaft für Demokratie Bautzen",
        "description": "Zweisprachige Kreisstadt; Spannungen rund um Versammlungen und Jugendtreffpunkte.",
    },
    {
        "ags": GREIFSWALD,
        "external": "extern2",
        "joined": datetime.date(2023, 10, 1),
        "phases": [
            (Phase.KICKOFF, datetime.date(2023, 12, 1)),
            (Phase.ACTIVE, datetime.date(2024, 5, 6)),
        ],
        "pfd": "Partnerschaft für Demokratie Greifswald",
        "description": "Universitätsstadt; Auseinandersetzungen um Unterbringung Geflüchteter und Energieprojekte.",
    },
    {
        "ags": KAISERSLAUTERN,
        "external": "",
        "joined": datetime.date(2026, 9, 15),
        "phases": [],
        "pfd": "Partnerschaft für Demokratie Kaiserslautern",
        "description": "",
    },
    {
        "ags": HAMELN,
        "external": "extern2",
        "joined": datetime.date(2022, 1, 10),
        "phases": [
            (Phase.KICKOFF, datetime.date(2022, 3, 1)),
            (Phase.ACTIVE, datetime.date(2022, 9, 1)),
            (Phase.TRANSFER, datetime.date(2025, 1, 15)),
        ],
        "pfd": "Partnerschaft für Demokratie Hameln",
        "description": "Erfahrene Programmkommune; gibt ihr Verfahren als Praxismodell weiter.",
    },
]

STRUCTURES = [
    (
        "Mobile Beratung gegen Rechtsextremismus",
        CounsellingStructure.Kind.MOBILE,
        "Regionalbüro, berät Verwaltung und Zivilgesellschaft.",
    ),
    (
        "Opferberatung",
        CounsellingStructure.Kind.VICTIMS,
        "Beratung für Betroffene rechter, rassistischer und antisemitischer Gewalt.",
    ),
    (
        "Runder Tisch Zusammenleben",
        CounsellingStructure.Kind.NETWORK,
        "Trifft sich vierteljährlich im Rathaus.",
    ),
]

CONTACTS = [
    ("Büroleitung Bürgermeisteramt", "Stadtverwaltung"),
    ("Polizeiliche Ansprechperson, Kontaktbereichsdienst", "Polizeiinspektion"),
    ("Vorsitz Integrationsbeirat", "Integrationsbeirat"),
]
# Invented names, drawn per municipality so that no two demo contacts are alike.
FIRST_NAMES = ["Anke", "Bernd", "Cem", "Dana", "Eike", "Fatma", "Gero", "Hanna", "Ilka", "Jannis"]
LAST_NAMES = ["Lindqvist", "Morawe", "Nöthlich", "Okonkwo-Berg", "Pahlke", "Quandel", "Rösing"]


class Command(BaseCommand):
    help = "Load the demo data (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not RegisterEntry.objects.exists():
            call_command(
                "import_municipalities",
                str(settings.KOKOMA_REGISTER_FILE),
                verbosity=options["verbosity"],
            )
        with transaction.atomic():
            users: dict[str, User] = {}
            for demo in USERS:
                # The office's own account comes first; it sets up everyone else's.
                users[demo.email] = self._user(demo, by=users.get("servicestelle"))
            office = users["servicestelle"]
            for spec in MUNICIPALITIES:
                self._municipality(spec, office, users)
            load_demo_cases()
            load_demo_directory()
            load_demo_prevention()
            load_demo_situation()
            ensure_guidance()
            load_demo_boards(office)
            load_demo_curriculum(office)
            load_demo_cohorts(office, users)
            load_demo_supervision(office)
            load_demo_network(office)
            load_demo_history()
            load_demo_transfer(office)
            load_demo_consultation()
            load_demo_forum(office)
            load_demo_library()
            load_demo_dialogues()
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS("Demo data is in place."))

    def _user(self, spec: DemoUser, *, by: User | None) -> User:
        user = User.objects.filter(email=spec.address).first()
        if user is None:
            user = accounts.create_account(
                by=by,
                email=spec.address,
                display_name=spec.name,
                password=DEMO_PASSWORD,
                programme_role=spec.programme_role,
            )
        return user

    def _municipality(self, spec: dict[str, Any], office: User, users: dict[str, User]) -> None:
        register = RegisterEntry.objects.get(ags=spec["ags"])
        if Municipality.objects.filter(register=register).exists():
            return
        local = next(
            (
                u
                for u in USERS
                if u.municipality == spec["ags"] and u.role == MembershipRole.LOCAL_COMPANION
            ),
            None,
        )
        municipality = services.onboard_municipality(
            by=office,
            register=register,
            joined_on=spec["joined"],
            pfd_name=spec["pfd"],
            external_companion=users.get(spec["external"]),
            local_companion_email=local.address if local else "",
        )
        municipality = services.change_profile(
            municipality,
            by=office,
            description=spec["description"],
            pfd_coordination=(
                f"Koordinierungs- und Fachstelle der {spec['pfd']}" if spec["pfd"] else ""
            ),
        )
        for phase, date in spec["phases"]:
            services.change_phase(municipality, by=office, to_phase=phase, effective_on=date)
        for demo in USERS:
            if demo.municipality != spec["ags"]:
                continue
            if demo.role == MembershipRole.LOCAL_COMPANION:
                # Onboarding made the membership (as the tandem); the function comes on top.
                tandem = Membership.objects.get(municipality=municipality, role=demo.role)
                services.change_member(tandem, by=office, function=demo.function)
            else:
                services.add_member(
                    municipality,
                    by=office,
                    email=demo.address,
                    display_name=demo.name,
                    role=demo.role,
                    function=demo.function,
                )
        if not spec["phases"]:
            return
        for name, kind, description in STRUCTURES:
            services.add_counselling_structure(
                municipality,
                by=office,
                name=name,
                kind=kind,
                description=description,
                contact=f"beratung@{DOMAIN}",
            )
        seed = int(spec["ags"]) % 97
        for index, (function, organisation) in enumerate(CONTACTS, start=1):
            first = FIRST_NAMES[(seed + index) % len(FIRST_NAMES)]
            last = LAST_NAMES[(seed + 3 * index) % len(LAST_NAMES)]
            services.add_contact(
                municipality,
                by=office,
                name=f"{first} {last}",
                function=function,
                organisation=f"{organisation} {municipality.name.split(',')[0]}",
                email=f"kontakt{index}.{spec['ags']}@{DOMAIN}",
                phone=f"030 1234 56{index}",
            )
        walk_process(municipality)
        write_work_log(municipality)
