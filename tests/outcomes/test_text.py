"""The finder's German text: inflected forms share a stem, filler words carry no similarity."""

from __future__ import annotations

from kokoma.outcomes.text import as_field, from_field, stems, word_forms


def test_inflections_share_a_stem() -> None:
    assert stems(["Versammlung"]) == stems(["Versammlungen"])
    assert stems(["Jugendliche"]) == stems(["Jugendlichen"])
    assert stems(["öffentlicher Raum"]) == stems(["öffentlichen Räume"])


def test_filler_words_are_left_out() -> None:
    assert stems(["und der die das mit für"]) == set()


def test_the_stored_form_finds_whole_stems_only() -> None:
    found = stems(["Skatepark und Lärm"])
    field = as_field(found)
    assert from_field(field) == found
    assert " skatepark " in field and field.startswith(" ") and field.endswith(" ")


def test_a_matched_stem_is_named_as_it_was_written() -> None:
    forms = word_forms(["Die Bürgerversammlung verlief laut"])
    assert "bürgerversammlung" in forms.values()
