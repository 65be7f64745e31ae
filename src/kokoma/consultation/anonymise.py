"""Anonymise a case text for sharing outside the municipality, and find what still names someone.

A pure module: no database, no settings. The caller gathers the names (`AnonymisationContext`,
built for a case by `kokoma.consultation.context.context_for_case`) and gets text back.

    anonymiser = Anonymiser(context)
    title = anonymiser.anonymise(case.title)        # the same actor keeps its label …
    situation = anonymiser.anonymise(case.summary)  # … across all texts of one draft
    find_leaks(situation, context)                  # [] – nothing of the list is left

What is replaced:

- an actor's pseudonym and its real names → "Akteur:in A", "Akteur:in B", … (letters in the order
  the actors first appear in the draft);
- people's names (case team, directory contact persons; also the single words of a name, so
  "Frau Meier" and "Herrn Meiers" go as well as "Anna Meier") → "[Person]", together with a
  title in front of them (Herr, Herrn, Frau, Dr., Prof.);
- a street with or without house number → "[Straße]";
- the municipality and the places of its district → their size class ("eine Mittelstadt", after
  "in" "in einer Mittelstadt"), the district's own name and the adjectives of places
  ("Cottbuser") → "[Ort]";
- an exact date (12.03.2026, 12. März 2026, 2026-03-12) → its month ("März 2026"; "am 12.03." →
  "im März").

Names match case-insensitively on word boundaries (a pseudonym "Rat" leaves "Beratung" alone), in
the genitive (-s, -es, -', -’) and as part of a hyphenated compound ("Meier-Gruppe"). The labels are
German: a draft is written in the language of the case it comes from, like the case's own texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

__all__ = [
    "PERSON",
    "PLACE",
    "STREET",
    "ActorNames",
    "AnonymisationContext",
    "Anonymiser",
    "Excerpt",
    "Leak",
    "PlaceName",
    "anonymise",
    "context_of",
    "excerpts",
    "find_leaks",
    "size_class",
]

PERSON = "[Person]"
STREET = "[Straße]"
PLACE = "[Ort]"
ACTOR_LABEL = "Akteur:in {letter}"

# BBSR city and municipality types (Stadt- und Gemeindetyp), by population.
BIG_CITY = 100_000
MEDIUM_TOWN = 20_000
SMALL_TOWN = 5_000


def size_class(population: int | None) -> str:
    """The BBSR size class of a place of `population` inhabitants (nominative, indefinite)."""
    if population is None:
        return "ein Ort"
    if population >= BIG_CITY:
        return "eine Großstadt"
    if population >= MEDIUM_TOWN:
        return "eine Mittelstadt"
    if population >= SMALL_TOWN:
        return "eine Kleinstadt"
    return "eine Landgemeinde"


@dataclass(frozen=True)
class ActorNames:
    """One actor of the case: its pseudonym and, where an identity is recorded, its real names."""

    pseudonym: str
    real_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlaceName:
    """A place to generalise: its name as the register writes it ("Forst (Lausitz)/Baršć
    (Łužyca), Stadt"), and its population (None: a district, written as "[Ort]")."""

    name: str
    population: int | None = None


@dataclass(frozen=True)
class AnonymisationContext:
    actors: tuple[ActorNames, ...] = ()
    people: tuple[str, ...] = ()
    places: tuple[PlaceName, ...] = ()


@dataclass(frozen=True)
class Leak:
    """A name still in a text: `text[start:end]` is `found`; `kind` is "actor" or "person"."""

    start: int
    end: int
    found: str
    kind: str


@dataclass(frozen=True)
class Excerpt:
    """The text around a leak, for showing it marked: before, the leak itself, after."""

    before: str
    found: str
    after: str


# Names ----------------------------------------------------------------------------------------

TITLES = r"(?:(?:herrn?|frau|dr\.|prof\.)\s+)*"
GENITIVE = r"(?:es|s|'|’)?"
# Words of a name that alone do not name anybody.
PARTICLES = {"von", "van", "vom", "zu", "zur", "der", "den", "die", "das", "de", "del", "la", "le"}
HONORIFICS = {"herr", "herrn", "frau", "dr", "dr.", "prof", "prof.", "familie"}
# The words of the labels are never names (a pseudonym "Person" must not find "[Person]").
LABELS = re.compile(r"Akteur:in [A-Z]{1,2}\d*|\[Person\]|\[Straße\]|\[Ort\]")
MIN_WORD = 3


def _words(name: str) -> list[str]:
    return [
        word
        for word in re.split(r"\s+", name.strip())
        if len(word.strip(".,")) >= MIN_WORD
        and word.lower() not in PARTICLES
        and word.lower() not in HONORIFICS
    ]


def _phrase(name: str) -> str:
    """A regex for `name` as a whole: its words with any white space between them."""
    return r"\s+".join(re.escape(word) for word in name.split())


def _bounded(core: str, *, titles: bool = False) -> str:
    # Word boundaries of our own: a hyphen counts as a boundary (compounds), a letter does not.
    return rf"(?<![\w]){TITLES if titles else ''}(?:{core}){GENITIVE}(?![\w])"


@dataclass
class _Names:
    """All names of a context in one regex; which one matched is told by the group's name."""

    pattern: re.Pattern[str] | None
    owners: dict[str, tuple[str, int]] = field(default_factory=dict)


def _names(context: AnonymisationContext) -> _Names:
    entries: list[tuple[str, str, int, bool]] = []  # (name, kind, actor index, with titles)
    for index, actor in enumerate(context.actors):
        if actor.pseudonym.strip():
            entries.append((actor.pseudonym.strip(), "actor", index, False))
        for real in actor.real_names:
            if real.strip():
                entries.append((real.strip(), "actor", index, True))
                entries.extend((word, "actor", index, True) for word in _words(real))
    for person in context.people:
        if person.strip():
            entries.append((person.strip(), "person", -1, True))
            entries.extend((word, "person", -1, True) for word in _words(person))
    seen: set[str] = set()
    alternatives: list[str] = []
    owners: dict[str, tuple[str, int]] = {}
    # Longest first: "Anna Meier" before "Meier"; the actor before a person of the same name.
    for name, kind, index, titles in sorted(
        entries, key=lambda entry: (-len(entry[0]), entry[1] != "actor")
    ):
        key = name.casefold()
        if key in seen or LABELS.fullmatch(name):
            continue
        seen.add(key)
        group = f"n{len(alternatives)}"
        owners[group] = (kind, index)
        alternatives.append(f"(?P<{group}>{_bounded(_phrase(name), titles=titles)})")
    if not alternatives:
        return _Names(None)
    return _Names(re.compile("|".join(alternatives), re.IGNORECASE), owners)


# Streets --------------------------------------------------------------------------------------

NUMBER = r"(?:\s+\d{1,4}\s?[a-zA-Z]?(?![\w])(?:\s?[-–/]\s?\d{1,4}\s?[a-zA-Z]?(?![\w]))?)?"
STRONG = r"(?i:straße|strasse|str\.|allee|gasse|chaussee)"
WEAK = r"(?i:weg|platz|ring|damm|ufer)"
# Compounds ending like a street that are ordinary words of a conflict text.
COMMON_WORDS = {
    "ausweg",
    "umweg",
    "rückweg",
    "heimweg",
    "lösungsweg",
    "mittelweg",
    "königsweg",
    "irrweg",
    "holzweg",
    "werdegang",
    "rechtsweg",
    "dienstweg",
    "arbeitsplatz",
    "ausbildungsplatz",
    "spielplatz",
    "parkplatz",
    "sportplatz",
    "stellplatz",
    "sitzplatz",
    "schlafplatz",
    "bauplatz",
    "kitaplatz",
    "studienplatz",
    "teufelskreis",
    "ohrring",
    "boxring",
    "dammbruch",
    "staudamm",
    "hochwasserdamm",
}
STREET_PATTERN = re.compile(
    "|".join(
        [
            # Lindenstraße 5, Karl-Marx-Str. 12a, Schillerweg; the capital letter keeps "gering".
            rf"(?<![\w-])(?P<compound>[A-ZÄÖÜ][\w-]*?(?:{STRONG}|{WEAK}))(?![\w]){NUMBER}",
            # Berliner Straße 3, Potsdamer Platz
            rf"(?<![\w-])[A-ZÄÖÜ][\w-]*er\s+(?:{STRONG}|{WEAK})(?![\w]){NUMBER}",
            # Straße des Friedens 4
            rf"(?<![\w-])(?:Straße|Strasse|Platz|Allee)\s+(?:des|der)\s+[A-ZÄÖÜ\d][\w.]*{NUMBER}",
            # Am Markt 1, Am Anger
            rf"(?<![\w-])(?:Am|An\s+der|Auf\s+dem)\s+(?:Markt|Anger|Graben|Wall|Hang|Bahnhof)"
            rf"(?![\w]){NUMBER}",
        ]
    )
)


def _street(match: re.Match[str]) -> str:
    compound = match.group("compound")
    if compound is not None and (
        compound.lower() in COMMON_WORDS
        or compound.lower().rsplit("-", 1)[-1] in COMMON_WORDS
        or len(compound) < len("Xweg")
    ):
        return match.group(0)
    return STREET


# Places ---------------------------------------------------------------------------------------

DATIVE = {"in", "aus", "bei", "von", "mit", "zu", "nahe", "neben", "vor", "hinter", "nach"}


def place_variants(name: str) -> list[str]:
    """The names a text may use for a register entry: "Forst (Lausitz)/Baršć (Łužyca), Stadt" →
    the full name, each language's part, each without its bracket."""
    variants: list[str] = []
    base = name.split(",")[0].strip()
    for part in [base, *base.split("/")]:
        for candidate in (part.strip(), re.sub(r"\s*\(.*?\)", "", part).strip()):
            if len(candidate) >= MIN_WORD and candidate not in variants:
                variants.append(candidate)
    return variants


@dataclass
class _Places:
    pattern: re.Pattern[str] | None
    populations: dict[str, int | None] = field(default_factory=dict)  # by lower-case name

    def lookup(self, found: str) -> int | None:
        return self.populations.get(re.sub(r"\s+", " ", found).lower())


def _places(context: AnonymisationContext) -> _Places:
    populations: dict[str, int | None] = {}
    names: dict[str, None] = {}
    for place in context.places:
        for variant in place_variants(place.name):
            populations.setdefault(variant.lower(), place.population)
            names.setdefault(variant)
    if not populations:
        return _Places(None)
    alternatives = "|".join(_proper(name) for name in sorted(names, key=len, reverse=True))
    prepositions = "|".join(sorted(DATIVE | {"für", "durch", "um", "gegen"}))
    pattern = re.compile(
        rf"(?:(?<![\w])(?P<prep>{prepositions})\s+)?"
        rf"(?<![\w])(?P<place>{alternatives})(?P<suffix>er|ern|erin|erinnen|es|s|'|’)?(?![\w])",
        re.IGNORECASE,
    )
    return _Places(pattern, populations)


def _proper(name: str) -> str:
    """A place's name, its first letter a capital and the rest in any case: "Werben" and "Burg"
    are places of the Spree-Neiße district, "werben" is a verb."""
    head, rest = name[0], name[1:]
    if not head.isalpha():
        return _phrase(name)
    gap = r"\s+" if rest[:1].isspace() else ""
    return rf"(?-i:{re.escape(head.upper())}){gap}{_phrase(rest) if rest.strip() else ''}"


def _sentence_start(text: str, at: int) -> bool:
    before = text[:at].rstrip(" \t")
    return not before or before[-1] in ".!?:\n"


def _place(match: re.Match[str], places: _Places) -> str:
    population = places.lookup(match.group("place"))
    prep = match.group("prep")
    suffix = (match.group("suffix") or "").lower()
    if suffix.startswith("er") or (population is None and not prep):
        # "Cottbuser", "Bautzenerinnen", the district: no size class fits the grammar.
        generic = PLACE
        replaced = f"{prep} {generic}" if prep else generic
    else:
        phrase = size_class(population)
        if population is None:
            phrase = f"{prep} {PLACE}"
        elif prep and prep.lower() == "nach":
            phrase = f"{'In' if prep[0].isupper() else 'in'} {phrase}"
        elif prep and prep.lower() in DATIVE:
            phrase = f"{prep} {phrase.replace('eine ', 'einer ', 1)}"
        elif prep:
            phrase = f"{prep} {phrase}"
        elif suffix in ("es", "s", "'", "’"):
            phrase = phrase.replace("eine ", "einer ", 1)
        replaced = phrase
    if not prep and _sentence_start(match.string, match.start()):
        replaced = replaced[:1].upper() + replaced[1:]
    return replaced


# Dates ----------------------------------------------------------------------------------------

MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]
MONTH_WORDS = {
    **{month.lower(): number for number, month in enumerate(MONTHS, start=1)},
    "jänner": 1,
    "maerz": 3,
    "jan": 1,
    "feb": 2,
    "mär": 3,
    "mrz": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "nov": 11,
    "dez": 12,
}
_month_names = "|".join(sorted(MONTH_WORDS, key=len, reverse=True))
DATE_PATTERN = re.compile(
    "|".join(
        [
            r"(?<![\w.])(?P<d1>\d{1,2})\.\s?(?P<m1>\d{1,2})\.(?:\s?(?P<y1>\d{4}|\d{2})(?![\w]))?",
            rf"(?<![\w.])(?P<d2>\d{{1,2}})\.\s*(?P<m2>{_month_names})\.?(?![\w])"
            r"(?:\s+(?P<y2>\d{4})(?![\w]))?",
            r"(?<![\w-])(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})(?![\w-])",
        ]
    ),
    re.IGNORECASE,
)
ON_THE_DAY = re.compile(r"(?<![\w])(am|Am)\s+$")


def _month(match: re.Match[str]) -> tuple[int, str] | None:
    groups = match.groupdict()
    for suffix in "123":
        if groups[f"d{suffix}"] is None:
            continue
        day = int(groups[f"d{suffix}"])
        raw = groups[f"m{suffix}"]
        month = int(raw) if raw.isdigit() else MONTH_WORDS[raw.lower().rstrip(".")]
        year = groups[f"y{suffix}"] or ""
        if len(year) == 2:
            year = f"20{year}"
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return None
        return month, year
    return None


def _dates(text: str) -> str:
    parts: list[str] = []
    position = 0
    for match in DATE_PATTERN.finditer(text):
        found = _month(match)
        if found is None:
            continue
        month, year = found
        before = text[position : match.start()]
        on_the_day = ON_THE_DAY.search(before)
        if on_the_day:
            word = "Im" if on_the_day.group(1) == "Am" else "im"
            before = before[: on_the_day.start()] + word + " "
        parts.append(before)
        parts.append(f"{MONTHS[month - 1]} {year}".strip())
        position = match.end()
    parts.append(text[position:])
    return "".join(parts)


# The anonymiser -------------------------------------------------------------------------------


def _letter(number: int) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return letters[number % 26] + (str(number // 26) if number >= 26 else "")


class Anonymiser:
    """Anonymises the texts of one draft; an actor keeps its label in all of them."""

    def __init__(self, context: AnonymisationContext) -> None:
        self.context = context
        self._names = _names(context)
        self._places = _places(context)
        self._labels: dict[int, str] = {}

    def label(self, actor: int) -> str:
        if actor not in self._labels:
            self._labels[actor] = ACTOR_LABEL.format(letter=_letter(len(self._labels)))
        return self._labels[actor]

    def _name(self, match: re.Match[str]) -> str:
        kind, index = self._names.owners[str(match.lastgroup)]
        return self.label(index) if kind == "actor" else PERSON

    def anonymise(self, text: str) -> str:
        if not text:
            return text
        # Streets first: "Karl-Marx-Str." is a street, not the actor "Karl".
        text = STREET_PATTERN.sub(_street, text)
        if self._names.pattern is not None:
            text = self._names.pattern.sub(self._name, text)
        if self._places.pattern is not None:
            places = self._places
            text = places.pattern.sub(lambda match: _place(match, places), text)  # type: ignore[union-attr]
        return _dates(text)


def anonymise(text: str, context: AnonymisationContext) -> str:
    """`text` anonymised on its own (a draft of several texts uses one `Anonymiser`)."""
    return Anonymiser(context).anonymise(text)


def find_leaks(text: str, context: AnonymisationContext) -> list[Leak]:
    """Every place where `text` still names an actor (pseudonym or real name) or a person of
    `context`, in the order of the text. The anonymiser's labels are not searched."""
    names = _names(context)
    if names.pattern is None or not text:
        return []
    masked = LABELS.sub(lambda match: "\0" * len(match.group(0)), text)
    leaks: list[Leak] = []
    for match in names.pattern.finditer(masked):
        kind, _index = names.owners[str(match.lastgroup)]
        leaks.append(Leak(match.start(), match.end(), text[match.start() : match.end()], kind))
    return leaks


def excerpts(text: str, leaks: Iterable[Leak], *, width: int = 40) -> list[Excerpt]:
    """The text around each leak (`width` characters either side, cut at a space)."""
    found: list[Excerpt] = []
    for leak in leaks:
        before = text[max(0, leak.start - width) : leak.start]
        after = text[leak.end : leak.end + width]
        if leak.start > width and " " in before:
            before = "… " + before.split(" ", 1)[1]
        if leak.end + width < len(text) and " " in after:
            after = after.rsplit(" ", 1)[0] + " …"
        found.append(Excerpt(before, leak.found, after))
    return found


def context_of(
    *,
    actors: Sequence[ActorNames] = (),
    people: Iterable[str] = (),
    places: Iterable[PlaceName] = (),
) -> AnonymisationContext:
    """A context from any sequences (duplicates and empty names dropped)."""
    return AnonymisationContext(
        actors=tuple(actors),
        people=tuple(dict.fromkeys(name.strip() for name in people if name.strip())),
        places=tuple(dict.fromkeys(places)),
    )
