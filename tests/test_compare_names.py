"""Finding a place by name: English, Arabic and variant spellings find the same place."""

from __future__ import annotations

import pytest

from astana.compare import find_places, normalise, suggest_places
from astana.data.models import MAX_NAME

# Spellings the issue and the sources use, each group naming one place (Arabic included).
SPELLINGS = {
    "idlib": ["Idlib", "Idleb", "IDLIB", "idleb", "إدلب", "ادلب", "Edlib"],
    "daraa": ["Daraa", "Dar'a", "Deraa", "Dar\u2018\u0101", "درعا"],
    "maarat-al-numan": [
        "Maarat al-Numan", "Ma'arrat al-Nu'man", "Maarat al-Nouman", "maarat el numan",
        "Ma\u2018arrat an-Nu\u2018m\u0101n", "معرة النعمان", "معره النعمان",
    ],
    "khan-shaykhun": ["Khan Shaykhun", "Khan Sheikhoun", "Khan-Sheikhoun", "خان شيخون"],
    "saraqib": ["Saraqib", "Saraqeb", "Sarāqib", "سراقب"],
    "jisr-al-shughur": ["Jisr al-Shughur", "Jisr ash-Shughur", "Jisr esh-Shughour", "جسر الشغور"],
    "douma": ["Douma", "Duma", "Dūmā", "دوما"],
    "harasta": ["Harasta", "Harastah", "Ḩarastā", "حرستا"],
    "rastan": ["al-Rastan", "Rastan", "Ar-Rastan", "er Rastan", "الرستن", "رستن"],
    "talbiseh": ["Talbiseh", "Talbisa", "Talbisah", "تلبيسة", "تلبيسه"],
}  # fmt: skip


@pytest.mark.parametrize(
    ("place_id", "text"), [(pid, text) for pid, texts in SPELLINGS.items() for text in texts]
)
def test_every_spelling_finds_the_same_place_first(atlas, place_id, text):
    matches = find_places(atlas, text)
    assert matches and matches[0].place.id == place_id, [(m.place.id, m.score) for m in matches]


def test_every_name_and_alias_in_the_data_finds_its_place(atlas):
    for place in atlas.places:
        for name in (place.name, place.name_ar, *place.aliases):
            best = [m.place for m in find_places(atlas, name) if m.score == 100]
            assert place in best, (place.id, name)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("IDLIB", "idlib"),  # case
        ("Sarāqib", "Saraqib"),  # diacritics
        ("Ḩarastā", "Harasta"),
        ("إدلب", "ادلب"),  # hamza under alif
        ("أريحا", "اريحا"),  # hamza over alif
        ("مآرب", "مارب"),  # madda
        ("مُعَرَّة", "معرة"),  # harakat
        ("تلبيسة", "تلبيسه"),  # ta marbuta
        ("نوى", "نوي"),  # alif maqsura
        ("Talbiseh", "Talbisa"),  # a transliterated ta marbuta
        ("al-Rastan", "Rastan"),  # the article
        ("el Rastan", "Rastan"),
        ("Jisr ash-Shughur", "Jisr al-Shughur"),
        ("الرستن", "رستن"),
        ("Dar'a", "Dara"),  # apostrophes
        ("Ma\u2018arrat", "Maarrat"),
        ("Ma\u02bfarrat", "Maarrat"),  # ayn as a modifier letter
        ("Khan-Sheikhoun", "Khan Sheikhoun"),  # hyphens
    ],
)
def test_matching_forgives(first, second):
    assert normalise(first) == normalise(second)


def test_the_article_alone_is_kept():
    assert normalise("al") == "al"
    assert normalise("Al-Bab") == "bab"


def test_the_place_named_exactly_ranks_before_places_that_start_with_it(atlas):
    ids = [m.place.id for m in find_places(atlas, "Daraa")]
    assert ids[0] == "daraa" and {"daraa-al-balad", "daraa-al-mahatta"} <= set(ids[1:])


def test_a_shared_word_alone_does_not_make_a_match(atlas):
    assert [m.place.id for m in find_places(atlas, "Khan Sheikhoun")] == ["khan-shaykhun"]


def test_a_name_that_matches_nothing_gets_the_nearest_names(atlas):
    assert find_places(atlas, "Saraqibb Idlibb") == ()
    nearest = [m.place.id for m in suggest_places(atlas, "Saraqibb Idlibb")]
    assert nearest[:2] == ["saraqib", "idlib"]


@pytest.mark.parametrize("text", ["", "   ", "--", "''", "ـــ"])
def test_a_text_with_no_letters_finds_nothing(atlas, text):
    assert find_places(atlas, text) == () and suggest_places(atlas, text) == ()


def test_a_text_longer_than_any_name_is_refused(atlas):
    with pytest.raises(ValueError, match=f"at most {MAX_NAME} characters"):
        find_places(atlas, "x" * (MAX_NAME + 1))
