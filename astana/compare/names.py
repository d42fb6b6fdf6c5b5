"""Finding places by any of their names, however spelled (:func:`find_places`), and the
nearest names when none matches (:func:`suggest_places`).

A name is compared as :func:`normalise` leaves it (case, accents, harakat, hamza and alif
forms, ta marbuta, apostrophes, hyphens and the article do not count), then with vowels
and doubled letters folded away (Idleb and Idlib), then by edit distance (rapidfuzz).

Examples
--------
>>> from astana.data.catalog import load_atlas
>>> [m.place.id for m in find_places(load_atlas(), "Maarat al-Nouman")]
['maarat-al-numan']
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from astana.data.models import MAX_NAME, Atlas, Place

MATCH_SCORE = 80  # find_places keeps names scoring at least this (of 100)
SUGGEST_SCORE = 50  # suggest_places offers names scoring at least this


# Apostrophes and the marks that transliterate ayn and hamza: dropped, never a word break.
_APOSTROPHES = str.maketrans(
    "", "", "'`\u00b4\u2018\u2019\u02b9\u02bb\u02bc\u02bd\u02be\u02bf\u02c8"
)  # ' ` acute, curly quotes, modifier letters (ayn, hamza, ...)
# Arabic letters spelled more than one way: alif with hamza or madda (NFKD leaves them bare),
# alif wasla, ta marbuta, alif maqsura; a lone hamza and the tatweel stretch are dropped.
_ARABIC = str.maketrans(
    {
        "\u0671": "\u0627",  # alif wasla: alif
        "\u0629": "\u0647",  # ta marbuta: ha
        "\u0649": "\u064a",  # alif maqsura: ya
        "\u0621": None,  # a lone hamza
        "\u0640": None,  # tatweel
    }
)
_WORD_BREAKS = re.compile(r"[\W_]+")
# The article, as transliterations write it: al-, el- and the forms it takes before a "sun"
# letter (ash-Shughur, an-Nu'man, ar-Rastan, ...). Dropped unless it is the last word.
_LATIN_ARTICLES = frozenset(
    {"al", "el", "il", "ul", "ad", "ed", "an", "en", "ar", "er", "as", "es", "ash", "esh",
     "ech", "at", "et", "az", "ez", "adh", "ath"}
)  # fmt: skip
_VOWEL_RUNS = re.compile(r"[aeiouy]+")  # y too: Shaykh and Sheikh, Dayr and Deir
_DOUBLED = re.compile(r"(.)\1+")


@dataclass(frozen=True)
class PlaceMatch:
    """A place found by name: ``score`` 100 when a name is the same once normalised, 95 when
    only vowels and doubled letters differ, less for a looser likeness."""

    place: Place
    score: float
    matched: str  # the name, Arabic name or alias that scored best, as written in the data


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """A name as matching sees it: case, accents, harakat, hamza and alif forms, ta marbuta,
    apostrophes, hyphens and the article (al-, el-, ash-, ال...) do not count.

    >>> normalise("Jisr ash-Shughūr"), normalise("Al-Rastan"), normalise("Talbiseh")
    ('jisr shughur', 'rastan', 'talbisa')
    >>> normalise("إدلب") == normalise("ادلب"), normalise("تلبيسة") == normalise("تلبيسه")
    (True, True)
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = _WORD_BREAKS.sub(" ", bare.casefold().translate(_ARABIC)).split()
    words = [w for i, w in enumerate(words) if w not in _LATIN_ARTICLES or i == len(words) - 1]
    return " ".join(_fold_word(word) for word in words)


def _fold_word(word: str) -> str:
    if word.startswith("ال") and len(word) > 3:  # the Arabic article
        word = word[2:]
    if len(word) > 3 and word.endswith(("ah", "eh")):  # a transliterated ta marbuta
        word = word[:-2] + "a"
    return word


@lru_cache(maxsize=4096)
def _loose(normal: str) -> str:
    """A normalised name with spaces, doubled letters and vowel differences folded away:
    Idleb and Idlib, Sheikhoun and Shaykhun, Kafr Zita and كفرزيتا meet here."""
    text = normal.replace(" ", "").replace("ch", "sh").replace("dj", "j").replace("q", "k")
    return _VOWEL_RUNS.sub("a", _DOUBLED.sub(r"\1", text))


def _score(query: str, name: str) -> float:
    """100 same name, 95 same up to vowels; 90 the name's beginning (at least 3 letters),
    88 whole words of it; else the edit-distance likeness (typos, word order), below 95.

    A bare shared word (Khan, Kafr, Tell) scores no more than its share of the letters."""
    normal = normalise(name)
    if query == normal:
        return 100.0
    if _loose(query) == _loose(normal):
        return 95.0
    likeness = max(
        fuzz.ratio(query, normal),
        fuzz.token_sort_ratio(query, normal),
        90.0 if len(query) >= 3 and normal.startswith(query) else 0.0,
        88.0 if f" {query} " in f" {normal} " else 0.0,
    )
    return min(94.0, likeness)


def _names(place: Place) -> tuple[str, ...]:
    return (place.name, place.name_ar, *place.aliases)


def _ranked(atlas: Atlas, text: str) -> list[PlaceMatch]:
    if len(text) > MAX_NAME:
        raise ValueError(f"a place name is at most {MAX_NAME} characters, got {len(text)}")
    query = normalise(text)
    if not query:
        return []
    matches = []
    for place in atlas.places:
        scored = [PlaceMatch(place, _score(query, name), name) for name in _names(place)]
        matches.append(max(scored, key=lambda match: match.score))  # the first best name
    return sorted(matches, key=lambda m: (-m.score, m.place.rank, m.place.name, m.place.id))


def find_places(atlas: Atlas, text: str, limit: int = 10) -> tuple[PlaceMatch, ...]:
    """Places named ``text`` (in English, Arabic or a variant spelling), best first.

    A place's best-scoring name counts; ties go to cities, then by name. Empty when nothing
    scores :data:`MATCH_SCORE` (see :func:`suggest_places`).

    Raises
    ------
    ValueError
        For a text longer than a name may be (``MAX_NAME``).

    Examples
    --------
    >>> from astana.data.catalog import load_atlas
    >>> [(m.place.id, m.score) for m in find_places(load_atlas(), "Khan Sheikhoun")]
    [('khan-shaykhun', 100.0)]
    """
    return tuple(m for m in _ranked(atlas, text) if m.score >= MATCH_SCORE)[:limit]


def suggest_places(atlas: Atlas, text: str, limit: int = 3) -> tuple[PlaceMatch, ...]:
    """The places whose names come nearest ``text``, for a name that matched nothing.

    >>> from astana.data.catalog import load_atlas
    >>> [m.place.name for m in suggest_places(load_atlas(), "Sarakib Idlibb")][:1]
    ['Saraqib']
    """
    return tuple(m for m in _ranked(atlas, text) if m.score >= SUGGEST_SCORE)[:limit]
