"""The network's forum: three categories kept by the programme office and four threads with
replies from several municipalities, the programme's staff and an expert; one reply hidden by
the moderation. All people and conversations invented; written through the forum's services."""

from __future__ import annotations

from dataclasses import dataclass

from kokoma.accounts.models import User
from kokoma.forum import services
from kokoma.forum.models import Category, Thread

from .clock import Clock

DOMAIN = "kokoma.example"

CATEGORIES = [
    (
        "Methoden und Verfahren",
        "Mediation, Runde Tische, Bürgerdialoge, Konfliktanalyse: wie sie gelingen und wo "
        "sie an Grenzen stoßen.",
    ),
    (
        "Erfahrungen aus den Kommunen",
        "Was in einer Kommune geholfen hat – und was nicht. Bitte ohne Angaben, die einen Fall "
        "oder eine Person erkennbar machen.",
    ),
    (
        "Netzwerk und Veranstaltungen",
        "Hinweise auf Netzwerktreffen, Fachtage und Online-Formate, Materialien danach.",
    ),
]


@dataclass(frozen=True)
class Reply:
    writer: str  # the demo login before the @
    days_ago: int
    text: str
    hidden_because: str = ""


@dataclass(frozen=True)
class DemoThread:
    category: str
    title: str
    writer: str
    days_ago: int
    text: str
    replies: tuple[Reply, ...]


THREADS = [
    DemoThread(
        "Methoden und Verfahren",
        "Runder Tisch nach Streit um einen Jugendtreffpunkt – wer hat Erfahrung?",
        "akteur.bautzen",
        40,
        "Bei uns gibt es seit dem Sommer Beschwerden über einen Treffpunkt Jugendlicher am "
        "Busbahnhof; Anwohnende, Jugendliche und der Ordnungsdienst reden nur noch übereinander.\n\n"
        "Wir überlegen, einen **Runden Tisch** einzuberufen. Wer hat das schon gemacht?\n\n"
        "- Wen habt ihr eingeladen, und wen bewusst (noch) nicht?\n"
        "- Wer hat moderiert – jemand aus der Verwaltung oder von außen?",
        (
            Reply(
                "lokal.cottbus",
                38,
                "Wir hatten eine ähnliche Lage in einem Stadtteil. Geholfen hat, **vorher** "
                "Einzelgespräche mit allen Seiten zu führen, bevor alle an einem Tisch sitzen. "
                "Die Moderation lag bei einer externen Person; die Verwaltung war Teilnehmerin, "
                "nicht Gastgeberin.",
            ),
            Reply(
                "expertin",
                36,
                "Aus der Forschung zu Beteiligungsverfahren: Klären Sie vorab, **was** am Runden "
                "Tisch entschieden werden kann und was nicht. Unklare Spielräume enttäuschen "
                "schneller als klare Grenzen. Eine kurze Auswertung nach drei Monaten hilft, "
                "Vereinbarungen nachzuhalten. Eine Checkliste dazu liegt in der Bibliothek.",
            ),
            Reply(
                "lokal.greifswald",
                33,
                "@katrin-wendisch Bei uns war es sinnvoll, die Jugendlichen über die "
                "Jugendsozialarbeit einzuladen, nicht per Brief vom Amt. Sonst kam niemand.",
            ),
        ),
    ),
    DemoThread(
        "Methoden und Verfahren",
        "Eskalationsstufen im Team einschätzen: Wie geht ihr mit Uneinigkeit um?",
        "lokal.greifswald",
        25,
        "In unserem Fallteam schätzen wir dieselbe Lage oft verschieden ein – die eine sieht "
        "Stufe 3, der andere schon Stufe 5. Wie kommt ihr zu einer gemeinsamen Einschätzung?",
        (
            Reply(
                "extern2",
                24,
                "Wir lassen zuerst jede Person **für sich** einschätzen und begründen, dann "
                "vergleichen wir. Die Begründungen sind oft aufschlussreicher als die Zahl.",
            ),
            Reply(
                "expertin",
                22,
                "Unterschiedliche Einschätzungen sind ein Befund, kein Fehler: Sie zeigen oft, "
                "dass die Beteiligten den Konflikt aus verschiedenen Blickwinkeln erleben. "
                "Halten Sie beide Einschätzungen mit Begründung fest.",
            ),
        ),
    ),
    DemoThread(
        "Erfahrungen aus den Kommunen",
        "Bürgerversammlung zu einer neuen Unterkunft – was hat geholfen?",
        "lokal.cottbus",
        18,
        "Im Frühjahr steht bei uns eine Bürgerversammlung zu einer neuen Gemeinschaftsunterkunft "
        "an. Was hat euch geholfen, damit sie nicht kippt?",
        (
            Reply(
                "lokal.bautzen",
                17,
                "Drei Dinge: eine feste Redezeit je Wortmeldung, sichtbare Ansprechpersonen der "
                "Verwaltung für Fragen danach und ein schriftlicher Faktencheck zum Mitnehmen.",
            ),
            Reply(
                "akteur.cottbus",
                16,
                "Hier stand ein Beitrag mit Einzelheiten eines laufenden Falls.",
                hidden_because="Enthielt Angaben, die einen laufenden Fall erkennbar machen.",
            ),
            Reply(
                "extern",
                15,
                "Ergänzend: Vorab mit Polizei und Sicherheitsdienst klären, wer bei Störungen "
                "was tut – und das der Moderation sagen. @svenja-krautmann, ich komme gern zur "
                "Vorbereitung dazu.",
            ),
        ),
    ),
    DemoThread(
        "Netzwerk und Veranstaltungen",
        "Materialien vom Fachtag Kommunales Konfliktmanagement",
        "servicestelle",
        10,
        "Vielen Dank an alle, die beim Fachtag dabei waren! Die Folien der Foren und die "
        "Fotoprotokolle stehen in der **Bibliothek** (Sichtbarkeit: Netzwerk).\n\n"
        "Rückmeldungen zum Format gern hier im Thema.",
        (
            Reply(
                "trainer",
                9,
                "Danke für die Organisation. Aus dem Forum *Gesprächsführung* kam der Wunsch "
                "nach einem Online-Vertiefungstermin – ich biete gern einen an.",
            ),
            Reply(
                "akteur.bautzen",
                8,
                "Sehr gern, für einen Online-Termin wären wir aus Bautzen dabei.",
            ),
        ),
    ),
]


def _person(login: str) -> User:
    return User.objects.get(email=f"{login}@{DOMAIN}")


def load_demo_forum(office: User, clock: Clock | None = None) -> None:
    """Create what is missing: categories by name, threads by title (idempotent)."""
    clock = clock or Clock()
    categories = {category.name: category for category in Category.objects.all()}
    for position, (name, description) in enumerate(CATEGORIES, start=1):
        if name not in categories:
            categories[name] = services.add_category(
                by=office, name=name, description=description, position=position
            )
    existing = set(Thread.objects.values_list("title", flat=True))
    for spec in THREADS:
        if spec.title in existing:
            continue
        posted = services.start_thread(
            categories[spec.category],
            by=_person(spec.writer),
            title=spec.title,
            text=spec.text,
            at=clock.at(spec.days_ago, spec.title),
        )
        for reply in spec.replies:
            answer = services.reply(
                posted.thread,
                by=_person(reply.writer),
                text=reply.text,
                at=clock.at(reply.days_ago, reply.text),
            )
            if reply.hidden_because:
                services.hide_post(answer.post, by=office, reason=reply.hidden_because)
