"""The anonymiser (a pure module: no database): names, pseudonyms, streets, places and dates go;
`find_leaks` finds every name that is left, and nothing in ordinary words."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kokoma.consultation.anonymise import (
    PERSON,
    PLACE,
    STREET,
    ActorNames,
    AnonymisationContext,
    Anonymiser,
    PlaceName,
    anonymise,
    context_of,
    excerpts,
    find_leaks,
    place_variants,
    size_class,
)

CONTEXT = context_of(
    actors=[
        ActorNames("Bürgerinitiative Lindenpark", ("Karl Meier",)),
        ActorNames("Rat"),
        ActorNames("Moscheeverein"),
    ],
    people=["Anna Schulz", "Dr. Hans von Berg"],
    places=[
        PlaceName("Cottbus/Chóśebuz, Stadt", 99_678),
        PlaceName("Forst (Lausitz)/Baršć (Łužyca), Stadt", 17_902),
        PlaceName("Kolkwitz/Gołkojce", 9_219),
        PlaceName("Spree-Neiße", None),
    ],
)


def test_size_classes_follow_the_bbsr_thresholds() -> None:
    assert size_class(100_000) == "eine Großstadt"
    assert size_class(99_999) == "eine Mittelstadt"
    assert size_class(20_000) == "eine Mittelstadt"
    assert size_class(19_999) == "eine Kleinstadt"
    assert size_class(5_000) == "eine Kleinstadt"
    assert size_class(4_999) == "eine Landgemeinde"


def test_register_names_give_the_names_people_write() -> None:
    variants = place_variants("Forst (Lausitz)/Baršć (Łužyca), Stadt")
    assert {"Forst", "Forst (Lausitz)", "Baršć (Łužyca)", "Baršć"} <= set(variants)
    assert not any("Stadt" in variant for variant in variants)


def test_a_case_text_is_anonymised() -> None:
    text = (
        "Am 12.03.2026 traf sich die Bürgerinitiative Lindenpark mit Herrn Meiers Anwalt in der "
        "Lindenstraße 5 in Cottbus. Frau Schulz' Idee: Die Meier-Gruppe und der Rat sollen zur "
        "Beratung. Cottbus ist groß. Berliner Straße 3a, Am Markt 1, Karl-Marx-Str. 12. Nach "
        "Forst fuhr Dr. Berg am 3. März 2026; Sitzung 2026-04-01. Des Rates Beschluss. Das ist "
        "gering, auf dem Spielplatz gab es keinen Ausweg."
    )
    result = Anonymiser(CONTEXT).anonymise(text)
    # Karl Meier is the initiative's real name: the same label.
    assert result == (
        "Im März 2026 traf sich die Akteur:in A mit Akteur:in A Anwalt in der "
        f"{STREET} in einer Mittelstadt. {PERSON} Idee: Die Akteur:in A-Gruppe und der Akteur:in B "
        "sollen zur Beratung. Eine Mittelstadt ist groß. "
        f"{STREET}, {STREET}, {STREET}. In eine Kleinstadt fuhr {PERSON} im März 2026; Sitzung "
        "April 2026. Des Akteur:in B Beschluss. Das ist gering, auf dem Spielplatz gab es keinen "
        "Ausweg."
    )
    assert find_leaks(result, CONTEXT) == []


def test_labels_stay_the_same_across_the_texts_of_one_draft() -> None:
    anonymiser = Anonymiser(CONTEXT)
    assert anonymiser.anonymise("Der Moscheeverein lädt ein.") == "Der Akteur:in A lädt ein."
    assert anonymiser.anonymise("Der Rat und der Moscheeverein") == (
        "Der Akteur:in B und der Akteur:in A"
    )
    # A real name is the same actor as its pseudonym.
    assert anonymiser.anonymise("Karl Meier, Lindenpark") == "Akteur:in C, Lindenpark"
    assert anonymiser.anonymise("die Bürgerinitiative Lindenpark") == "die Akteur:in C"


def test_places_take_the_grammar_of_their_preposition() -> None:
    assert anonymise("Wir leben in Cottbus.", CONTEXT) == "Wir leben in einer Mittelstadt."
    assert anonymise("aus Kolkwitz", CONTEXT) == "aus einer Kleinstadt"
    assert anonymise("Cottbus' Mitte", CONTEXT) == "Einer Mittelstadt Mitte"
    assert anonymise("die Cottbuser Innenstadt", CONTEXT) == f"die {PLACE} Innenstadt"
    assert anonymise("der Kreis Spree-Neiße", CONTEXT) == f"der Kreis {PLACE}"
    assert anonymise("Gołkojce und Chóśebuz", CONTEXT) == ("Eine Kleinstadt und eine Mittelstadt")


def test_a_place_is_a_proper_noun_but_in_any_case_after_its_first_letter() -> None:
    context = context_of(places=[PlaceName("Werben", 1_500), PlaceName("Cottbus", 99_678)])
    assert anonymise("Wir werben in Werben.", context) == "Wir werben in einer Landgemeinde."
    assert anonymise("AUS COTTBUS", context) == "AUS einer Mittelstadt"
    assert anonymise("cottbus", context) == "cottbus"


def test_dates_keep_their_month() -> None:
    assert anonymise("am 1.2.26", CONTEXT) == "im Februar 2026"
    assert anonymise("Am 12. Dez. 2025 und 31.12.", CONTEXT) == "Im Dezember 2025 und Dezember"
    assert anonymise("Version 1.13.2026 und 2026-13-01", CONTEXT) == (
        "Version 1.13.2026 und 2026-13-01"
    )


def test_ordinary_words_are_left_alone() -> None:
    text = "Die Beratung im Ratssaal war ratlos; Rathaus, Beirat und raten."
    assert anonymise(text, CONTEXT) == text
    assert find_leaks(text, CONTEXT) == []


def test_a_pseudonym_like_a_label_does_not_find_the_label() -> None:
    context = context_of(actors=[ActorNames("Person")], people=["Ort"])
    result = anonymise("Die Person kam aus dem Ort.", context)
    assert result == f"Die Akteur:in A kam aus dem {PERSON}."
    assert find_leaks(result, context) == []


def test_leaks_have_their_spans_and_are_shown_in_context() -> None:
    text = "Danach sprach Frau Schulz mit dem Moscheeverein über den Streit im Hof."
    leaks = find_leaks(text, CONTEXT)
    assert [(leak.found, leak.kind) for leak in leaks] == [
        ("Frau Schulz", "person"),
        ("Moscheeverein", "actor"),
    ]
    assert all(text[leak.start : leak.end] == leak.found for leak in leaks)
    shown = excerpts(text, leaks, width=12)
    assert shown[1].found == "Moscheeverein"
    assert shown[1].before.endswith("mit dem ")
    assert shown[1].after.startswith(" über")


def test_an_empty_context_changes_only_streets_and_dates() -> None:
    empty = AnonymisationContext()
    assert anonymise("Meier wohnt Hauptstraße 3 seit 01.01.2020.", empty) == (
        f"Meier wohnt {STREET} seit Januar 2020."
    )
    assert find_leaks("Meier", empty) == []


# Generated texts ----------------------------------------------------------------------------

FILLER = [
    "der",
    "die",
    "das",
    "und",
    "mit",
    "im",
    "Streit",
    "Verein",
    "Beratung",
    "Gespräch",
    "Treffen",
    "Rat",
    "war",
    "ist",
    "sehr",
    "laut",
    "Nachbarschaft",
    "Jugend",
    "Quartier",
    "vorher",
    "danach",
    "weil",
    "aber",
    "Sitzung",
    "Polizei",
]
MONTHS = ["Januar", "März", "Mai", "Juli", "Oktober", "Dezember"]
RESERVED = {word.lower() for word in FILLER + MONTHS} | {
    "akteur",
    "person",
    "ort",
    "eine",
    "einer",
    "großstadt",
    "mittelstadt",
    "kleinstadt",
    "landgemeinde",
    "herr",
    "herrn",
    "frau",
    "familie",
    "straße",
    "am",
    "im",
    "in",
    "aus",
}

word = st.text(alphabet="bdfgklmnprstvwzaeiouäöü", min_size=4, max_size=9).map(str.capitalize)


def _free(name: str) -> bool:
    # The ending must not make it a word of the filler ("Ratss", "Vereines"), nor a street.
    lower = name.lower()
    return not any(
        lower.startswith(reserved) or reserved.startswith(lower) for reserved in RESERVED
    ) and not re.search(r"(weg|platz|ring|damm|ufer|allee|gasse)$", lower)


names = st.lists(word.filter(_free), min_size=5, max_size=5, unique_by=str.lower)
INFLECTIONS = [
    "{}",
    "{}s",
    "{}es",
    "{}'",
    "{}’",
    "Herrn {}s",
    "Frau {}",
    "{}-Gruppe",
    "Anti-{}",
    "{}-Initiative",
]


@st.composite
def injected(draw: st.DrawFn) -> tuple[str, AnonymisationContext, list[str]]:
    pseudonym, real_first, real_last, person_first, person_last = draw(names)
    population = draw(st.integers(min_value=100, max_value=3_000_000))
    place = f"{draw(word.filter(_free))}heim"
    context = context_of(
        actors=[ActorNames(pseudonym, (f"{real_first} {real_last}",))],
        people=[f"{person_first} {person_last}"],
        places=[PlaceName(place, population)],
    )
    pieces: list[str] = []
    injected_names: list[str] = []
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        pieces += draw(st.lists(st.sampled_from(FILLER), max_size=4))
        name = draw(
            st.sampled_from([pseudonym, real_last, f"{real_first} {real_last}", person_last])
        )
        form = draw(st.sampled_from(INFLECTIONS)).format(name)
        if draw(st.booleans()):
            form = form.upper() if draw(st.booleans()) else form.lower()
        pieces.append(form)
        injected_names.append(form)
        pieces.append(draw(st.sampled_from(["in", "aus", "nach", ""])) + " " + place)
        day, month = draw(st.integers(1, 28)), draw(st.integers(1, 12))
        pieces.append(
            draw(
                st.sampled_from(
                    [
                        f"{day:02d}.{month:02d}.2026",
                        f"{day}. {MONTHS[month % len(MONTHS)]} 2025",
                        f"2024-{month:02d}-{day:02d}",
                    ]
                )
            )
        )
        pieces.append(draw(st.sampled_from(["Lindenstraße 4", "Schillerweg", "Am Markt 2b", ""])))
    return " ".join(piece for piece in pieces if piece) + ".", context, injected_names


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(injected())
def test_nothing_injected_survives(case: tuple[str, AnonymisationContext, list[str]]) -> None:
    text, context, _injected = case
    result = anonymise(text, context)
    assert find_leaks(result, context) == []
    lowered = result.lower()
    for actor in context.actors:
        for name in (actor.pseudonym, *actor.real_names, *actor.real_names[0].split()):
            assert not re.search(rf"(?<!\w){re.escape(name.lower())}", lowered), (name, result)
    for person in context.people:
        for name in person.split():
            assert not re.search(rf"(?<!\w){re.escape(name.lower())}", lowered), (name, result)
    place = context.places[0].name.lower()
    assert place not in lowered
    assert not re.search(r"\d{1,2}\.\d{2}\.2026|\d{4}-\d{2}-\d{2}|\d\. \w+ 2025", result)
    assert "Lindenstraße" not in result and "Schillerweg" not in result


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(injected())
def test_every_injected_name_is_found(case: tuple[str, AnonymisationContext, list[str]]) -> None:
    text, context, injected_names = case
    leaks = find_leaks(text, context)
    assert len(leaks) == len(injected_names)
    for leak, form in zip(leaks, injected_names, strict=True):
        assert leak.found.lower() in form.lower()
        assert text[leak.start : leak.end] == leak.found


@given(st.lists(st.sampled_from(FILLER), min_size=1, max_size=30))
def test_ordinary_words_are_never_leaks(words: list[str]) -> None:
    context = context_of(actors=[ActorNames("Rat"), ActorNames("Verein")], people=["Tim Ist"])
    text = " ".join(words).replace("Rat ", "Ratssaal ").replace("Verein", "Vereinsheim")
    text = text.replace(" ist ", " istanbul ")
    leaks = find_leaks(text, context)
    assert all(leak.found.lower() in ("rat", "rats", "ist") for leak in leaks)
    assert "Beratung" not in "".join(leak.found for leak in leaks)
