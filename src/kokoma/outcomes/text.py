"""German text as the similar-case finder compares it: words reduced to their stems (Snowball,
the algorithm PostgreSQL's `german` configuration uses), without the words that say nothing.

Pure: no database. The pool stores a case's stems once, when its summary is approved; a query
stems the asking case's texts the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import Stemmer

WORD = re.compile(r"[a-zäöüß]{3,}", re.IGNORECASE)

# Function words and the words every case text uses, so that they carry no similarity.
STOPWORDS = frozenset(
    [
        "aber",
        "alle",
        "allem",
        "allen",
        "aller",
        "alles",
        "als",
        "also",
        "am",
        "an",
        "ander",
        "andere",
        "anderem",
        "anderen",
        "anderer",
        "anderes",
        "auch",
        "auf",
        "aus",
        "bei",
        "bin",
        "bis",
        "bist",
        "da",
        "damit",
        "dann",
        "das",
        "dass",
        "dem",
        "den",
        "denn",
        "der",
        "des",
        "die",
        "dies",
        "diese",
        "diesem",
        "diesen",
        "dieser",
        "dieses",
        "doch",
        "dort",
        "du",
        "durch",
        "ein",
        "eine",
        "einem",
        "einen",
        "einer",
        "eines",
        "einig",
        "einige",
        "er",
        "es",
        "etwas",
        "euch",
        "für",
        "gegen",
        "gewesen",
        "hab",
        "habe",
        "haben",
        "hat",
        "hatte",
        "hatten",
        "hier",
        "hin",
        "hinter",
        "ich",
        "ihm",
        "ihn",
        "ihnen",
        "ihr",
        "ihre",
        "ihrem",
        "ihren",
        "ihrer",
        "im",
        "in",
        "ins",
        "ist",
        "jede",
        "jedem",
        "jeden",
        "jeder",
        "jedes",
        "jetzt",
        "kann",
        "kein",
        "keine",
        "keinem",
        "keinen",
        "keiner",
        "können",
        "könnte",
        "machen",
        "man",
        "manche",
        "mehr",
        "mein",
        "meine",
        "mit",
        "muss",
        "musste",
        "nach",
        "nicht",
        "nichts",
        "noch",
        "nun",
        "nur",
        "ob",
        "oder",
        "ohne",
        "sehr",
        "sein",
        "seine",
        "seinem",
        "seinen",
        "seiner",
        "sich",
        "sie",
        "sind",
        "so",
        "solche",
        "soll",
        "sollte",
        "sondern",
        "sonst",
        "über",
        "um",
        "und",
        "uns",
        "unser",
        "unter",
        "viel",
        "vom",
        "von",
        "vor",
        "während",
        "war",
        "waren",
        "was",
        "weil",
        "welche",
        "wenn",
        "werden",
        "wie",
        "wieder",
        "will",
        "wir",
        "wird",
        "wo",
        "wollen",
        "wurde",
        "wurden",
        "zu",
        "zum",
        "zur",
        "zwar",
        "zwischen",
        "akteur",
        "akteurin",
        "person",
        "straße",
        "ort",
        "fall",
        "fälle",
        "kommune",
        "stadt",
    ]
)


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("german")


def words(text: str) -> list[str]:
    """The words of `text` worth comparing, lower-cased, in order."""
    return [word for word in (m.lower() for m in WORD.findall(text or "")) if word not in STOPWORDS]


def stems(texts: Iterable[str]) -> set[str]:
    """The set of stems of all `texts`."""
    found = [word for text in texts for word in words(text)]
    return set(_stemmer().stemWords(found))


def word_forms(texts: Iterable[str]) -> dict[str, str]:
    """Stem → the first word of `texts` that has it, to name a matched term as it was written."""
    forms: dict[str, str] = {}
    found = [word for text in texts for word in words(text)]
    for word, stem in zip(found, _stemmer().stemWords(found), strict=True):
        forms.setdefault(stem, word)
    return forms


def as_field(found: set[str]) -> str:
    """Stems as stored: sorted, separated by single spaces and framed by spaces, so that a
    substring search for " stem " finds whole stems only."""
    return f" {' '.join(sorted(found))} " if found else ""


def from_field(stored: str) -> set[str]:
    return set(stored.split())
